"""Every example in the reader's browser, through the Run button on its page.

The built site is served from 127.0.0.1 and opened in Chromium, as in
tests/test_browser.py. Every page that shows examples is opened in one browser
context (one profile, as one reader's: Python is started once, and its snapshot is
reused by every page, as it is for a reader who moves from page to page):

- each example with a Run button is run by clicking it, and what streamed into its
  panel is its output;
- each example whose manifest says why a browser cannot run it (``browser =
  "needs sockets"``) has no button: the same runner runs it, on a page that has
  one (``window.exampleRunner``), to see that the reason still holds.

Up to LANES runs are in flight at once, across pages; a run that is right but for
late timings runs once more, alone. Then, per example, the verdict of its run
(``BrowserRun.verdict``: it runs when it exits 0, writes nothing on stderr and
prints its .out file, timings aside; otherwise the reason) must be
what its manifest says. ``make browser-runs`` writes the verdicts into the
manifests.

Then the controls on one page: lines appear as they are printed, Stop ends a run,
Edit, Run and Reset, the keyboard, and axe-core with the panel open, light and dark.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    Server,
    run_axe,
    serve,
)
from conftest import EXAMPLES, example_id, fail_with, pages_showing
from verified_examples import Example
from verified_examples.browser import SITE_PYODIDE
from verified_examples.browser_runs import BrowserRun, timeout_ms
from verified_examples.catalog import ROOT

#: All of this module's tests on one worker when they run side by side (xdist): they
#: share one browser profile and one pass over the examples.
#: The pass over every example is one fixture, longer than pyproject's per-test limit.
pytestmark = [pytest.mark.xdist_group("browser-runs"), pytest.mark.timeout(1200)]

#: Runs in flight at once: each is a Web Worker with its own interpreter, which
#: mostly waits (sleeps block without using the CPU).
LANES = int(os.environ.get("BROWSER_RUN_LANES", "10"))
SERIOUS = {"serious", "critical"}


def _first_pages() -> dict[str, str]:
    """Example name -> the page (path in the site) that shows it first."""
    return {
        name: Path(pages[0]).relative_to("docs").with_suffix(".html").as_posix()
        for name, pages in pages_showing().items()
    }


PAGE_OF = _first_pages()
SHOWN = [e for e in EXAMPLES if e.name in PAGE_OF]
#: The example the control tests use: two lines, printed 1 s apart.
STREAMING = "basics/gather_two_tasks"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = os.environ.get("SITE_DIR")
    if built:
        return ROOT / built
    out = tmp_path_factory.mktemp("html")
    command = [sys.executable, "-m", "sphinx", "-c", "conf", "-W", "--keep-going"]
    subprocess.run(
        [*command, "-n", "-q", "-b", "html", "docs", str(out)], cwd=ROOT, check=True
    )
    return out


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[Server]:
    # Pyodide's files may be cached, as any host lets them be: a reader's second
    # page then starts Python in about a second instead of compiling it again.
    with serve(site, cached=(SITE_PYODIDE + "/",)) as running:
        yield running


@pytest.fixture(scope="session")
def context(browser: Any, server: Server) -> Iterator[Any]:
    """One reader's browser: a Chromium profile shared by every page opened here."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def refuse(route: Any) -> None:
        outside.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(server.origin + "/"), refuse)
    yield context
    context.close()
    assert not outside, f"requests to other hosts: {outside}"


# ------------------------------------------------------------- running them all

#: Starts runs on a page: with its Run button (a click on it), or, for an example
#: without one, with window.exampleRunner.
START_JS = """
(runs) => {
  window.__runs = window.__runs || {};
  for (const [file, source, timeout] of runs) {
    if (source === null) {
      const block = document.querySelector(`.example-run[data-script='${file}']`);
      delete block.dataset.exit;
      block.querySelector(".example-run-start").click();
    } else {
      window.__runs[file] = null;
      window.exampleRunner.run(file, source, timeout)
        .then((result) => (window.__runs[file] = result));
    }
  }
}
"""
#: The runs that ended on a page since the last call: read from the panels of
#: those started with the button, and from window.__runs for the others.
COLLECT_JS = """
(stop) => {
  const done = {};
  for (const file of stop) {
    const block = document.querySelector(`.example-run[data-script='${file}']`);
    if (block && !block.dataset.exit) block.querySelector(".example-run-stop").click();
  }
  for (const block of document.querySelectorAll(".example-run[data-exit]")) {
    let stdout = "", stderr = "";
    for (const node of block.querySelector(".example-run-output").childNodes) {
      if (node.nodeType === Node.TEXT_NODE) stdout += node.data;
      else stderr += node.textContent;
    }
    const exit = block.dataset.exit;
    done[block.dataset.script] = {
      code: /^-?\\d+$/.test(exit) ? Number(exit) : exit, stdout, stderr,
      startMs: Number(block.dataset.startMs),
      lines: block.exampleTiming.lines.map((line) => line[0]),
    };
    delete block.dataset.exit;
  }
  for (const [file, result] of Object.entries(window.__runs || {}))
    if (result) {
      done[file] = result;
      delete window.__runs[file];
    }
  return done;
}
"""


class Scheduler:
    """Runs every shown example on its page, LANES at a time across pages."""

    def __init__(self, context: Any, server: Server, home: str) -> None:
        self.context = context
        self.server = server
        #: A page with the runner, for the examples without a Run button (their own
        #: page may have none: then it does not load the runner at all).
        self.home = home
        self.pages: dict[str, Any] = {}
        #: name -> (example, when it must have ended)
        self.running: dict[str, tuple[Example, float]] = {}
        self.results: dict[str, BrowserRun] = {}

    def page(self, path: str) -> Any:
        if path not in self.pages:
            page = self.context.new_page()
            page.goto(self.server.url(path), wait_until="load")
            page.wait_for_function("() => window.exampleRunner !== undefined")
            self.pages[path] = page
        return self.pages[path]

    def where(self, example: Example) -> str:
        return PAGE_OF[example.name] if example.browser is None else self.home

    def start(self, examples: list[Example]) -> None:
        by_page: dict[str, list[Any]] = {}
        for example in examples:
            source = None  # click its Run button
            if example.browser is not None:
                source = example.path.read_text(encoding="utf-8")
            by_page.setdefault(self.where(example), []).append(
                [example.path.name, source, timeout_ms(example)]
            )
            deadline = time.monotonic() + timeout_ms(example) / 1000
            self.running[example.name] = (example, deadline)
        for path, runs in by_page.items():
            self.page(path).evaluate(START_JS, runs)

    def collect(self) -> None:
        by_page: dict[str, list[Example]] = {}
        for example, _ in self.running.values():
            by_page.setdefault(self.where(example), []).append(example)
        now = time.monotonic()
        for path, examples in by_page.items():
            late = [
                e
                for e in examples
                if now > self.running[e.name][1] and e.browser is None
            ]
            done = self.pages[path].evaluate(COLLECT_JS, [e.path.name for e in late])
            for example in examples:
                found = done.get(example.path.name)
                if found is not None:
                    if example in late:
                        found["code"] = "timeout"
                    self.results[example.name] = BrowserRun.from_page(example, found)
                    del self.running[example.name]

    def run(self, examples: list[Example], lanes: int) -> dict[str, BrowserRun]:
        queue = sorted(examples, key=lambda e: -e.elapsed)  # long runs first
        while queue or self.running:
            free = lanes - len(self.running)
            if free > 0 and queue:
                self.start(queue[:free])
                del queue[:free]
            time.sleep(0.1)
            self.collect()
        return self.results


@pytest.fixture(scope="session")
def browser_runs(
    request: pytest.FixtureRequest, context: Any, server: Server
) -> dict[str, BrowserRun]:
    """The run in the browser of every example selected (-k) for the test below."""
    wanted = [
        item.callspec.params["example"]
        for item in request.session.items
        if item.originalname == "test_runs_in_the_browser_as_its_manifest_says"
    ]
    home = PAGE_OF[next(e for e in SHOWN if e.browser is None).name]
    scheduler = Scheduler(context, server, home)
    # Start Python once, before the pages start their runs: its snapshot is then in
    # the profile's storage for all of them.
    scheduler.page(home).evaluate("() => window.exampleRunner.warm()")
    started = time.perf_counter()
    scheduler.run(wanted, LANES)
    late = [e for e in wanted if scheduler.results[e.name].only_late()]
    if late:  # right but late: once more, alone, on a quieter machine
        scheduler.run(late, 1)
    starts = sorted(run.start_ms or 0 for run in scheduler.results.values())
    print(
        f"\n{len(wanted)} examples run in the browser in "
        f"{time.perf_counter() - started:.1f} s on {len(scheduler.pages)} pages "
        f"({len(late)} again, alone); Run to first line of the script: median "
        f"{starts[len(starts) // 2]:.0f} ms, slowest {starts[-1]:.0f} ms"
    )
    return scheduler.results


@pytest.mark.parametrize("example", SHOWN, ids=example_id)
def test_runs_in_the_browser_as_its_manifest_says(
    example: Example, browser_runs: dict[str, BrowserRun]
) -> None:
    run = browser_runs[example.name]
    fix = (
        f"If the browser is right, `make browser-runs NAME={example.name}` records "
        "it in the manifest."
    )
    if run.broken:
        pytest.fail(
            f"{example.name}: Python did not start in the browser:\n{run.report()}",
            pytrace=False,
        )
    found = run.verdict()
    if found == example.browser:
        return
    if example.browser is None:
        problem = (
            f"{example.name} has a Run button on {PAGE_OF[example.name]}, but in the "
            f"browser it {found}: it did not print "
            f"{example.out_path.name} (timings aside) with exit "
            f"code 0 and an empty stderr:\n{run.report()}"
        )
    elif found is None:
        problem = (
            f"{example.name} runs in the browser now (it printed "
            f"{example.out_path.name}), but its manifest says it {example.browser}."
        )
    else:
        problem = (
            f"{example.name}: its manifest says it {example.browser}, but in the "
            f"browser it {found}:\n{run.report()}"
        )
    pytest.fail(f"{problem}\n{fix}", pytrace=False)


# ------------------------------------------------------------------ the controls


@pytest.fixture
def streaming(context: Any, server: Server) -> Iterator[Any]:
    """The page showing the streaming example, freshly loaded; its run block."""
    example = next(e for e in SHOWN if e.name == STREAMING)
    page = context.new_page()
    page.goto(server.url(PAGE_OF[STREAMING]), wait_until="load")
    yield page.locator(f".example-run[data-script='{example.path.name}']")
    page.close()


def _run(block: Any, timeout: float = 60) -> None:
    """Click Run and wait for the run to end."""
    block.evaluate("(b) => delete b.dataset.exit")
    block.locator(".example-run-start").click()
    block.locator("xpath=self::*[@data-exit]").wait_for(timeout=timeout * 1000)


def test_lines_appear_as_they_are_printed(streaming: Any) -> None:
    """Task 1's line shows at 1 s, Task 2's at 2 s: streamed, not shown at the end."""
    _run(streaming)
    found = streaming.evaluate(
        "(b) => ({ start: Number(b.dataset.startMs), exit: b.dataset.exit,"
        " lines: b.exampleTiming.lines.map((l) => l[0]) })"
    )
    assert found["exit"] == "0"
    first, second = (at - found["start"] for at in found["lines"][:2])
    assert 950 <= first < 1900, f"first line after {first:.0f} ms"
    assert second >= 1950, f"second line after {second:.0f} ms"
    assert second - first >= 800, "the lines came together: not streamed"


def test_edit_run_and_reset(streaming: Any) -> None:
    example = next(e for e in SHOWN if e.name == STREAMING)
    page = streaming.page
    code = page.locator(f"#{streaming.evaluate('(b) => b.closest(`.example`).id')}")
    streaming.get_by_role("button", name=f"Edit {example.path.name}").click()
    editor = code.get_by_role("textbox", name=f"Code of {example.path.name}, editable")
    editor.wait_for()  # the editor (CodeMirror) loads on the first Edit
    assert editor.is_visible()
    assert editor.evaluate("(e) => e === document.activeElement")
    lines = editor.locator(".cm-line").all_text_contents()  # CodeMirror's lines
    assert "\n".join(lines) == example.path.read_text(encoding="utf-8")
    assert not code.locator("div.highlight").first.is_visible()
    notice = streaming.locator(".example-run-edited")
    assert notice.is_hidden()
    editor.fill(
        example.path.read_text(encoding="utf-8").replace(
            "Task 1 completed", "Edited task done"
        )
    )
    assert notice.is_visible()
    assert "not checked" in notice.inner_text()
    _run(streaming)
    output = streaming.locator(".example-run-output").inner_text()
    assert "Edited task done at 1.0" in output, output
    assert "edited" in streaming.locator(".example-run-status").inner_text().lower()
    streaming.get_by_role(
        "button", name=f"Reset {example.path.name} to the verified script"
    ).click()
    assert editor.is_hidden()
    assert notice.is_hidden()
    assert code.locator("div.highlight").first.is_visible()
    edit = streaming.get_by_role("button", name=f"Edit {example.path.name}")
    assert edit.evaluate("(e) => e === document.activeElement")
    _run(streaming)
    output = streaming.locator(".example-run-output").inner_text()
    assert "Task 1 completed at 1.0" in output, output


def test_stop_ends_a_run(streaming: Any) -> None:
    streaming.locator(".example-run-start").click()
    output = streaming.locator(".example-run-output")
    output.get_by_text("Task 1 completed").wait_for(timeout=60_000)
    streaming.get_by_role("button", name="Stop gather_two_tasks.py").click()
    assert streaming.get_attribute("data-exit") == "stopped"
    assert streaming.locator(".example-run-status").inner_text() == "Stopped."
    time.sleep(1.5)  # past Task 2's time: nothing more arrives
    assert "Task 2" not in output.inner_text()
    assert streaming.locator(".example-run-start").is_enabled()


def test_keyboard_runs_it(streaming: Any) -> None:
    """Run is a button (Enter); in the editor, Ctrl+Enter runs the code."""
    page = streaming.page
    streaming.evaluate("(b) => delete b.dataset.exit")
    streaming.locator(".example-run-start").focus()
    page.keyboard.press("Enter")
    streaming.locator("xpath=self::*[@data-exit]").wait_for(timeout=60_000)
    assert streaming.get_attribute("data-exit") == "0"
    streaming.locator(".example-run-edit").focus()
    page.keyboard.press("Enter")
    # The editor (CodeMirror) loads on the first Edit, then takes the focus.
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('.cm-editor')"
    )
    streaming.evaluate("(b) => delete b.dataset.exit")
    page.keyboard.press("Control+Enter")
    streaming.locator("xpath=self::*[@data-exit]").wait_for(timeout=60_000)
    assert streaming.get_attribute("data-exit") == "0"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_panel_is_accessible(streaming: Any, scheme: str) -> None:
    """With the editor and the output panel open: no serious axe-core violation."""
    from axe_playwright_python.base import AXE_SCRIPT

    page = streaming.page
    page.emulate_media(color_scheme=scheme)
    streaming.locator(".example-run-edit").click()
    _run(streaming)
    assert streaming.locator(".example-run-output").get_attribute("role") == "log"
    results = run_axe(page, AXE_SCRIPT)
    problems = [
        f"{scheme}: {v['impact']} {v['id']}: {v['help']}: "
        + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in SERIOUS
    ]
    fail_with(problems)


def test_nothing_of_python_loads_before_run(streaming: Any) -> None:
    """The page loads run.js and run.css only: Pyodide waits for a reader about to
    run (the tests below)."""
    loaded = streaming.page.evaluate(
        "() => performance.getEntriesByType('resource').map((e) => e.name)"
    )
    assert [url for url in loaded if "/_static/run/" in url], "run.js is not loaded"
    assert not [url for url in loaded if "pyodide" in url or "worker" in url], loaded


def test_the_standard_library_comes_compiled(site: Path) -> None:
    """The site's python_stdlib.zip holds, beside the sources, the modules a start
    imports compiled, so a reader's first start does not compile them (browser.py:
    stdlib_zip)."""
    import zipfile

    with zipfile.ZipFile(site / SITE_PYODIDE / "python_stdlib.zip") as stdlib:
        names = set(stdlib.namelist())
    for module in (
        "encodings/__init__",
        "asyncio/__init__",
        "asyncio/tasks",
        "json/decoder",
    ):
        assert {f"{module}.py", f"{module}.pyc"} <= names, module
    assert "statistics.py" in names  # no start imports it: source only
    assert "statistics.pyc" not in names


@pytest.fixture
def first_visit(browser: Any, server: Server) -> Iterator[tuple[Any, list[str]]]:
    """The streaming example's page in a new profile (nothing started or stored
    yet): its run block, and the URLs requested since the page loaded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # A pattern (matched by Playwright's driver, not held while this test waits).
    context.route(re.compile(rf"^(?!{re.escape(server.origin)}/)"), lambda r: r.abort())
    page = context.new_page()
    page.goto(server.url(PAGE_OF[STREAMING]), wait_until="load")
    page.wait_for_function("() => window.exampleRunner !== undefined")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    name = next(e for e in SHOWN if e.name == STREAMING).path.name
    yield page.locator(f".example-run[data-script='{name}']"), requested
    context.close()


def _python(urls: list[str]) -> list[str]:
    return [url for url in urls if "/pyodide/" in url or url.endswith("/worker.js")]


def test_a_reader_who_only_reads_starts_nothing(first_visit: Any) -> None:
    """Scrolling the Run buttons under a resting pointer, or past it, loads nothing."""
    block, requested = first_visit
    page = block.page
    box = block.locator(".example-run-start").bounding_box()
    page.mouse.move(box["x"] + 5, 450)  # rests where the buttons will scroll by
    page.evaluate("() => window.scrollTo(0, 0)")
    for _ in range(12):
        page.mouse.wheel(0, 250)
        page.wait_for_timeout(100)
    page.wait_for_timeout(1000)
    assert not _python(requested), _python(requested)
    assert block.evaluate("(b) => window.exampleRunner.runtime.info") is None


@pytest.mark.parametrize("intent", ["pointer", "keyboard"])
def test_python_starts_when_a_reader_is_about_to_run(
    first_visit: Any, intent: str
) -> None:
    """The pointer moving onto Run, or the keyboard's focus reaching it, starts
    Python before the click; the click then runs in the interpreter already made."""
    block, requested = first_visit
    run = block.locator(".example-run-start")
    if intent == "pointer":
        run.hover()
    else:
        run.focus()
    from playwright.sync_api import TimeoutError as Timeout

    try:
        block.page.wait_for_function(
            "() => window.exampleRunner.runtime.info !== null", timeout=60_000
        )
    except Timeout:
        pytest.fail(
            f"the {intent} on Run did not start Python (60 s); it loaded "
            f"{_python(requested) or 'nothing'}",
            pytrace=False,
        )
    assert _python(requested), "Python started without loading anything?"
    assert block.locator(".example-run-panel").is_hidden(), "it ran before the click"
    workers = block.evaluate("() => window.exampleRunner.runtime.timings.length")
    assert workers == 1
    _run(block)
    assert block.get_attribute("data-exit") == "0"
    assert "Task 1 completed" in block.locator(".example-run-output").inner_text()


# ------------------------------------------------------- the verdicts, offline


def _scratch(tmp_path: Path, manifest: str) -> Example:
    chapter = tmp_path / "basics"
    chapter.mkdir()
    (chapter / "echo.py").write_text("import socket\n", encoding="utf-8")
    (chapter / "echo.out").write_text("hello\n", encoding="utf-8")
    (chapter / "examples.toml").write_text(manifest, encoding="utf-8")
    from verified_examples.catalog import load_chapter

    found, problems = load_chapter(chapter)
    assert not problems
    return found[0]


MANIFEST = """# one comment
[echo]
elapsed = 0.5
clock = "real"  # sockets

[[echo.breaks]]
lesson = "x"
replace = "a"
by = "b"
"""


def test_verdicts_are_written_as_one_line(tmp_path: Path) -> None:
    """write_verdict adds, changes and removes only the browser line of the entry."""
    from verified_examples.browser_runs import write_verdict

    example = _scratch(tmp_path, MANIFEST)
    assert write_verdict(example, "needs sockets")
    text = example.manifest_path.read_text(encoding="utf-8")
    assert text == MANIFEST.replace(
        'clock = "real"  # sockets\n',
        'clock = "real"  # sockets\nbrowser = "needs sockets"\n',
    )
    assert not write_verdict(example, "needs sockets")
    assert write_verdict(example, "needs threads")
    assert 'browser = "needs threads"\n' in example.manifest_path.read_text()
    assert write_verdict(example, None)
    assert example.manifest_path.read_text(encoding="utf-8") == MANIFEST


@pytest.mark.parametrize(
    ("stderr", "code", "reason"),
    [
        ("RuntimeError: can't start new thread\n", 1, "needs threads"),
        (
            "OSError: [Errno 52] subprocesses are not available in the browser\n",
            1,
            "needs subprocesses",
        ),
        (
            "OSError: could not bind on any address out of [('127.0.0.1', 0)]\n",
            1,
            "needs sockets",
        ),
        # Stopped early by something else: the script says what it needs.
        ("FileNotFoundError: demo-cert.pem\n", 1, "needs sockets"),
    ],
)
def test_a_failed_run_says_why(
    tmp_path: Path, stderr: str, code: int, reason: str
) -> None:
    example = _scratch(tmp_path, MANIFEST)
    assert BrowserRun(example, code, "", stderr).verdict() == reason


def test_a_run_that_prints_the_output_runs(tmp_path: Path) -> None:
    example = _scratch(tmp_path, MANIFEST)
    assert BrowserRun(example, 0, "hello\n", "").verdict() is None
    # Any stderr, or another exit code, and it does not.
    assert BrowserRun(example, 0, "hello\n", "Warning\n").verdict() is not None
    assert BrowserRun(example, 1, "hello\n", "").verdict() is not None
