"""Exercises in the reader's browser: Check in the page's Python, the editor, progress,
and the reader's own timeline after Run.

The built site is served from 127.0.0.1 and opened in Chromium (as in
tests/test_browser_run.py, one profile for all pages, so Python starts once):

- on each page with exercises, every exercise is checked in the page's Python
  (the run worker's check mode, practice.py, as the Check button does): the
  reference passes, the starter does not, and each known wrong attempt gets the
  feedback its manifest declares. tests/test_exercises.py asserts the same on CPython;
- the controls, through the page as a reader uses them: the editor loads only when
  the reader starts editing; Tab and Enter indent; Escape then Tab leaves it;
  Ctrl+Enter checks; Hint, Show a solution, a passed exercise marked on its page
  and on the exercises index after a reload; axe-core with all of it open, light and
  dark;
- the reader's draft: kept in the browser as they type and restored after a reload,
  forgotten by Reset, dropped when the starter has changed since, and editing still
  works where storage is refused; Python starts when the focus reaches the editor
  or Check, before any click on Check;
- after Run, the panel draws the timeline of that run, traced in the page; after an
  edit that awaits one task after the other, its bars line up end to end.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import Server, run_axe, serve
from conftest import DOCS_DIR, EXAMPLES, fail_with
from verified_examples import Example
from verified_examples.browser import SITE_PYODIDE
from verified_examples.catalog import ROOT
from verified_examples.exercises import (
    attempt_source,
    solution,
    starter,
    verdict_text,
)

pytestmark = [pytest.mark.xdist_group("browser-exercises"), pytest.mark.timeout(900)]

EXERCISES = {e.name: e for e in EXAMPLES if e.exercise is not None}
DIRECTIVE = re.compile(r"^\s*(?:```+|:::+)\{exercise\}\s+(\S+)", re.MULTILINE)
LANES = int(os.environ.get("BROWSER_RUN_LANES", "6"))
SERIOUS = {"serious", "critical"}


def _pages() -> dict[str, list[Example]]:
    """Page (path in the site) -> the exercises it shows."""
    found: dict[str, list[Example]] = {}
    for page in sorted(DOCS_DIR.rglob("*.md")):
        for name in DIRECTIVE.findall(page.read_text(encoding="utf-8")):
            if name in EXERCISES:
                path = page.relative_to(DOCS_DIR).with_suffix(".html").as_posix()
                found.setdefault(path, []).append(EXERCISES[name])
    return found


PAGES = _pages()
PAGE_OF = {e.name: page for page, shown in PAGES.items() for e in shown}
#: The exercise the control tests use, and the example the timeline tests use.
FIX = "basics/downloads_wait_together"
PREDICT = "basics/gather_start_order"
STREAMING = "basics/gather_two_tasks"


def anchor(name: str) -> str:
    return "exercise-" + name.replace("/", "-").replace("_", "-")


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
    with serve(site, cached=(SITE_PYODIDE + "/",)) as running:
        yield running


@pytest.fixture(scope="session")
def context(browser: Any, server: Server) -> Iterator[Any]:
    """One reader's browser profile; requests to other hosts are refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def refuse(route: Any) -> None:
        outside.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(server.origin + "/"), refuse)
    yield context
    context.close()
    assert not outside, f"requests to other hosts: {outside}"


# ------------------------------------------------------- Check, every attempt

#: Checks the given sources against the exercises of this page, as its Check
#: button does (the run worker's check mode), `lanes` at a time.
CHECK_MANY_JS = """
async ([items, lanes]) => {
  const runtime = window.exampleRunner.runtime;
  const results = {};
  let next = 0;
  const checkOne = (spec, source) => new Promise((resolve) => {
    let verdict = null;
    const handle = runtime.run(spec.file, source, {
      start() {}, out() {}, err() {}, exit() {}, stopped() {},
      fail(message) {
        verdict = { passed: false, problems: [{ kind: "error", text: message }] };
      },
      message(data) { if (data.type === "verdict") verdict = data.verdict; },
    }, { mode: "check", spec, ident: "test" });
    const timer = setTimeout(() => handle.stop(), 60000);
    handle.done.then(() => { clearTimeout(timer); resolve(verdict); });
  });
  async function lane() {
    while (next < items.length) {
      const [key, id, source] = items[next++];
      const block = document.getElementById(id);
      const spec = JSON.parse(block.querySelector("script.exercise-spec").textContent);
      results[key] = await checkOne(spec, source);
    }
  }
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  return results;
}
"""


def _attempts(example: Example) -> list[tuple[str, str, str | None]]:
    """(key, source, feedback): the reference, the starter, each wrong attempt."""
    assert example.exercise is not None
    found = [
        (f"{example.name} reference", solution(example), None),
        (f"{example.name} starter", starter(example), ""),
    ]
    for wrong in example.exercise.wrong:
        found.append(
            (
                f"{example.name} {wrong.attempt}",
                attempt_source(example, wrong),
                wrong.feedback,
            )
        )
    return found


@pytest.fixture(scope="session")
def verdicts(context: Any, server: Server) -> dict[str, dict[str, Any]]:
    """Every attempt at every exercise, checked in the page's Python."""
    results: dict[str, dict[str, Any]] = {}
    started = time.perf_counter()
    for path, shown in PAGES.items():
        page = context.new_page()
        page.goto(server.url(path), wait_until="load")
        page.wait_for_function("() => window.exampleRunner !== undefined")
        items = [
            [key, anchor(example.name), source]
            for example in shown
            for key, source, _ in _attempts(example)
        ]
        results.update(page.evaluate(CHECK_MANY_JS, [items, LANES]))
        page.close()
    print(
        f"\n{len(results)} checks in the browser on {len(PAGES)} pages in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return results


@pytest.mark.parametrize("example", list(EXERCISES.values()), ids=lambda e: e.name)
def test_check_in_the_page(
    example: Example, verdicts: dict[str, dict[str, Any]]
) -> None:
    problems = []
    for key, _, feedback in _attempts(example):
        verdict = verdicts.get(key)
        if verdict is None:
            problems.append(f"{key}: no verdict (Check did not finish)")
            continue
        text = verdict_text(verdict)
        if feedback is None and not verdict["passed"]:
            problems.append(f"{key} does not pass Check in the page:\n{text}")
        elif feedback is not None and verdict["passed"]:
            problems.append(f"{key} passes Check in the page: it must not")
        elif feedback and feedback not in text:
            problems.append(
                f"{key}: Check in the page does not say {feedback!r}:\n{text}"
            )
    fail_with(problems)


# ------------------------------------------------------------- the controls


#: The key of an exercise's draft in localStorage (exercise.js), + its id.
DRAFTS = "asyncio-by-example:draft:"
FORGET_DRAFTS_JS = """(prefix) => {
  const keys = Object.keys(localStorage).filter((key) => key.startsWith(prefix));
  for (const key of keys) localStorage.removeItem(key);
  return keys.length;
}"""


@pytest.fixture
def fix(context: Any, server: Server) -> Iterator[Any]:
    """The page with the fix-the-bug exercise, freshly loaded, with no draft kept
    from an earlier test; its block."""
    page = context.new_page()
    page.goto(server.url(PAGE_OF[FIX]), wait_until="load")
    if page.evaluate(FORGET_DRAFTS_JS, DRAFTS):
        page.reload(wait_until="load")
    yield page.locator(f"#{anchor(FIX)}")
    page.close()


def _check(block: Any) -> str:
    """Click Check; the verdict's text once it is there."""
    block.evaluate("(b) => delete b.dataset.verdict")
    block.locator(".exercise-check").click()
    block.locator("xpath=self::*[@data-verdict]").wait_for(timeout=120_000)
    return block.locator(".exercise-result").inner_text()


def _loaded(page: Any) -> list[str]:
    return page.evaluate(
        "() => performance.getEntriesByType('resource').map((e) => e.name)"
    )


def test_editor_loads_when_editing_starts(fix: Any) -> None:
    page = fix.page
    assert not [u for u in _loaded(page) if u.endswith("/editor.js")], (
        "the editor loaded before the reader started editing"
    )
    fix.locator(".exercise-code pre").click()
    editor = fix.get_by_role(
        "textbox", name="Your downloads_wait_together.py, editable"
    )
    editor.wait_for()
    assert editor.evaluate("(e) => e === document.activeElement")
    assert [u for u in _loaded(page) if u.endswith("/editor.js")]
    assert fix.locator(".exercise-code div.highlight").is_hidden()


def test_editor_keyboard(fix: Any) -> None:
    """Enter keeps (and after a colon adds) indentation, Tab indents, Escape then
    Tab leaves the editor for the next control, and Ctrl+Enter checks."""
    page = fix.page
    fix.get_by_role("button", name="Edit your downloads_wait_together.py").focus()
    page.keyboard.press("Enter")
    editor = fix.get_by_role(
        "textbox", name="Your downloads_wait_together.py, editable"
    )
    editor.wait_for()
    page.wait_for_function("() => document.activeElement.closest('.cm-editor')")
    value = f"() => document.querySelector('#{anchor(FIX)}').exercise.source()"
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("async def extra() -> None:")
    page.keyboard.press("Enter")
    page.keyboard.type("pass")
    assert page.evaluate(value).endswith("async def extra() -> None:\n    pass")
    page.keyboard.press("Home")
    page.keyboard.press("Tab")
    assert page.evaluate(value).endswith("async def extra() -> None:\n        pass")
    assert page.evaluate("() => !!document.activeElement.closest('.cm-editor')"), (
        "Tab left the editor instead of indenting"
    )
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert not page.evaluate("() => !!document.activeElement.closest('.cm-editor')"), (
        "Escape then Tab did not leave the editor"
    )
    assert page.evaluate("() => document.activeElement.className") == "exercise-check"
    editor.focus()
    fix.evaluate("(b) => delete b.dataset.verdict")
    page.keyboard.press("Control+Enter")
    fix.locator("xpath=self::*[@data-verdict]").wait_for(timeout=120_000)
    assert fix.get_attribute("data-verdict") == "not-yet"


def test_check_hint_solution_and_progress(fix: Any, server: Server) -> None:
    page = fix.page
    page.evaluate("() => localStorage.clear()")
    text = _check(fix)  # the starter, as it is
    assert text.startswith("Not yet"), text
    assert "time.sleep on the loop" in text
    assert fix.locator(".exercise-timeline svg").count() == 1
    example = EXERCISES[FIX]
    hints = example.exercise.hints  # type: ignore[union-attr]
    fix.get_by_role("button", name="Hint").click()
    assert fix.locator(".exercise-hints li").all_inner_texts() == [hints[0]]
    fix.get_by_role("button", name="Another hint").click()
    assert fix.locator(".exercise-hints li").count() == 2
    solution_block = fix.locator(".exercise-solution")
    assert solution_block.is_hidden()
    fix.get_by_role("button", name="Show a solution").click()
    assert solution_block.is_visible()
    code = solution_block.locator(".example-code pre").inner_text()
    assert code.rstrip("\n") == example.path.read_text(encoding="utf-8").rstrip("\n")
    fix.locator(".exercise-code pre").click()
    editor = fix.get_by_role(
        "textbox", name="Your downloads_wait_together.py, editable"
    )
    editor.fill(example.path.read_text(encoding="utf-8"))
    text = _check(fix)
    assert text.startswith("Passed"), text
    assert "✓ Passed" in fix.locator(".exercise-progress").inner_text()
    page.reload(wait_until="load")
    assert "Passed" in page.locator(f"#{anchor(FIX)} .exercise-progress").inner_text()
    page.goto(server.url("exercises.html"), wait_until="load")
    item = page.locator(
        ".exercise-index-item", has=page.locator(f"a[href$='#{anchor(FIX)}']")
    )
    assert "passed" in item.inner_text()
    assert page.locator(".exercise-index-item.is-passed").count() == 1
    page.evaluate("() => localStorage.clear()")


def test_prediction_hides_the_output_until_answered(
    context: Any, server: Server
) -> None:
    example = EXERCISES[PREDICT]
    page = context.new_page()
    page.goto(server.url(PAGE_OF[PREDICT]), wait_until="load")
    block = page.locator(f"#{anchor(PREDICT)}")
    output = block.locator(".example-output-wrapper")
    assert output.is_hidden()
    assert block.locator(".example-facts").is_hidden()
    assert _check(block).startswith("Not yet")
    assert output.is_hidden(), "a wrong answer revealed the output"
    block.locator(".exercise-code pre").click()
    editor = block.get_by_role("textbox", name="Your answer, editable")
    editor.fill(example.expected_output() or "")
    assert _check(block).startswith("Passed")
    assert output.is_visible()
    page.close()


def test_index_lists_every_exercise(context: Any, server: Server) -> None:
    page = context.new_page()
    page.goto(server.url("exercises.html"), wait_until="load")
    links = page.locator(".exercise-index-item a").evaluate_all(
        "(links) => links.map((a) => a.href)"
    )
    assert len(links) == len(EXERCISES)
    for name, path in PAGE_OF.items():
        assert server.url(f"{path}#{anchor(name)}") in links, name
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_exercise_is_accessible(fix: Any, scheme: str) -> None:
    """Editor, verdict, hints and solution open: no serious axe-core violation."""
    from axe_playwright_python.base import AXE_SCRIPT

    page = fix.page
    page.emulate_media(color_scheme=scheme)
    fix.locator(".exercise-code pre").click()
    fix.get_by_role(
        "textbox", name="Your downloads_wait_together.py, editable"
    ).wait_for()
    _check(fix)
    fix.get_by_role("button", name="Hint").click()
    fix.get_by_role("button", name="Show a solution").click()
    results = run_axe(page, AXE_SCRIPT)
    fail_with(
        [
            f"{scheme}: {v['impact']} {v['id']}: {v['help']}: "
            + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
            for v in results["violations"]
            if v["impact"] in SERIOUS
        ]
    )


# ------------------------------------------------------ the reader's draft


def _editor(block: Any) -> Any:
    return block.get_by_role(
        "textbox", name="Your downloads_wait_together.py, editable"
    )


def _source(block: Any) -> str:
    return block.evaluate("(b) => b.exercise.source()")


def _stored_draft(page: Any) -> str | None:
    return page.evaluate("(key) => localStorage.getItem(key)", DRAFTS + anchor(FIX))


def _type_a_draft(block: Any, line: str) -> None:
    """Open the editor and add `line` at the end of the starter."""
    page = block.page
    block.locator(".exercise-code pre").click()
    _editor(block).wait_for()
    page.wait_for_function("() => document.activeElement.closest('.cm-editor')")
    page.keyboard.press("Control+End")
    page.keyboard.type(line)


def _edited_by_the_reader(page: Any) -> bool:
    return bool([u for u in _loaded(page) if u.endswith("/editor.js")])


def test_a_draft_survives_a_reload(fix: Any) -> None:
    """Saved as the reader types; after a reload the editor opens with it, without
    taking the focus, and says so."""
    page = fix.page
    starter_text = _source(fix)
    _type_a_draft(fix, "# my draft")
    page.wait_for_function(
        "(key) => (localStorage.getItem(key) || '').includes('# my draft')",
        arg=DRAFTS + anchor(FIX),
        timeout=5_000,
    )
    page.reload(wait_until="load")
    _editor(fix).wait_for()
    assert _source(fix) == starter_text + "# my draft"
    assert fix.locator(".exercise-code div.highlight").is_hidden()
    note = fix.locator(".exercise-draft")
    assert note.is_visible()
    assert note.inner_text() == (
        "Your draft from this browser is restored. Reset brings back the starter."
    )
    assert fix.get_by_role("button", name="Reset").is_visible()
    assert not page.evaluate("() => !!document.activeElement.closest('.cm-editor')"), (
        "the restored draft took the focus"
    )


def test_reset_forgets_the_draft(fix: Any) -> None:
    """A draft equal to the starter is not kept; Check saves at once; Reset brings
    back the starter and forgets the draft, so a reload shows the starter (and
    loads no editor)."""
    page = fix.page
    starter_text = _source(fix)
    _type_a_draft(fix, "#")
    page.wait_for_function(
        "(key) => localStorage.getItem(key) !== null", arg=DRAFTS + anchor(FIX)
    )
    page.keyboard.press("Backspace")
    page.wait_for_function(
        "(key) => localStorage.getItem(key) === null",
        arg=DRAFTS + anchor(FIX),
        timeout=5_000,
    )
    page.keyboard.type("# checked")
    stored = fix.evaluate(
        "(b, key) => { b.exercise.check(); return localStorage.getItem(key); }",
        DRAFTS + anchor(FIX),
    )
    assert stored is not None, "Check did not save the draft"
    assert "# checked" in stored
    fix.locator("xpath=self::*[@data-verdict]").wait_for(timeout=120_000)
    page.reload(wait_until="load")
    _editor(fix).wait_for()
    fix.get_by_role("button", name="Reset").click()
    assert _source(fix) == starter_text
    assert _stored_draft(page) is None
    assert fix.locator(".exercise-draft").is_hidden()
    page.wait_for_timeout(700)  # longer than the save's delay: nothing comes back
    assert _stored_draft(page) is None
    page.reload(wait_until="load")
    assert fix.locator(".exercise-code div.highlight").is_visible()
    assert fix.locator(".exercise-editor").count() == 0
    assert not _edited_by_the_reader(page), "the editor loaded with no draft"


def test_a_draft_for_another_starter_is_dropped(fix: Any) -> None:
    """A draft written against a starter that has changed since is never restored
    over the new one: it is dropped."""
    page = fix.page
    old = {"starter": "1-0", "code": 'print("an old draft")\n'}
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [DRAFTS + anchor(FIX), json.dumps(old)],
    )
    page.reload(wait_until="load")
    assert fix.locator(".exercise-code div.highlight").is_visible()
    assert "an old draft" not in _source(fix)
    assert fix.locator(".exercise-draft").is_hidden()
    assert not _edited_by_the_reader(page), "the editor loaded for a dropped draft"
    assert _stored_draft(page) is None


def test_editing_works_where_storage_is_refused(context: Any, server: Server) -> None:
    """In a private window whose storage refuses every write, the reader edits and
    resets as anywhere, and nothing fails."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(
        "Storage.prototype.setItem = () => {"
        " throw new DOMException('refused', 'QuotaExceededError'); };"
    )
    page.goto(server.url(PAGE_OF[FIX]), wait_until="load")
    block = page.locator(f"#{anchor(FIX)}")
    starter_text = _source(block)
    _type_a_draft(block, "# kept in the page")
    page.wait_for_timeout(700)  # the save is tried, and refused
    assert _source(block) == starter_text + "# kept in the page"
    block.get_by_role("button", name="Reset").click()
    assert _source(block) == starter_text
    page.close()
    assert not errors, errors


# ------------------------------------------------ Python starts on intent


@pytest.mark.parametrize("intent", ["editor", "check"])
def test_python_starts_when_a_reader_is_about_to_check(fix: Any, intent: str) -> None:
    """The focus reaching the editor (a click on the code opens it), or the Check
    button, starts the page's Python before any Check."""
    page = fix.page
    assert page.evaluate("() => window.exampleRunner.runtime.info") is None
    if intent == "editor":
        fix.locator(".exercise-code pre").click()
        _editor(fix).wait_for()
    else:
        fix.locator(".exercise-check").focus()
    from playwright.sync_api import TimeoutError as Timeout

    try:
        page.wait_for_function(
            "() => window.exampleRunner.runtime.info !== null", timeout=60_000
        )
    except Timeout:
        pytest.fail(f"the focus on the {intent} did not start Python (60 s)")
    assert fix.locator(".exercise-result").is_hidden(), "it checked before the click"
    assert page.evaluate("() => window.exampleRunner.runtime.timings.length") == 1


# ------------------------------------------------- the reader's own timeline


def _desc_rows(block: Any) -> dict[str, tuple[float, float]]:
    """Row label -> (start, end), read from the SVG's text alternative."""
    desc = block.locator(".example-run-timeline svg desc").text_content() or ""
    return {
        label: (float(start), float(end))
        for label, start, end in re.findall(
            r"(?:: |; )([\w. #<>]+?) from ([\d.]+) to ([\d.]+) s", desc
        )
    }


def test_run_draws_the_readers_timeline(context: Any, server: Server) -> None:
    """After Run, the panel shows the run's timeline; turned sequential, it shows the
    bars end to end."""
    example = next(e for e in EXAMPLES if e.name == STREAMING)
    page = context.new_page()
    page.goto(server.url("basics/tasks.html"), wait_until="load")
    block = page.locator(f".example-run[data-script='{example.path.name}']")

    def run() -> None:
        block.evaluate("(b) => delete b.dataset.exit")
        block.locator(".example-run-start").click()
        block.locator("xpath=self::*[@data-exit]").wait_for(timeout=120_000)
        block.locator(".example-run-timeline svg").wait_for(timeout=10_000)

    run()
    rows = _desc_rows(block)
    assert {"task1", "task2"} <= rows.keys(), rows
    # Started together: measured against each other, not against the run's start,
    # which a loaded machine can delay (seen 0.3 s late at a load of 14).
    assert abs(rows["task1"][0] - rows["task2"][0]) < 0.1, rows
    assert rows["task2"][0] < rows["task1"][1] - 0.5, rows  # they overlap
    page.get_by_role("button", name=f"Edit {example.path.name}").click()
    editor = page.get_by_role("textbox", name=f"Code of {example.path.name}, editable")
    editor.wait_for()
    source = example.path.read_text(encoding="utf-8")
    changed = re.sub(
        r"await asyncio\.gather\(task1\((\w*)\), task2\((\w*)\)\)",
        r"await task1(\1)\n    await task2(\2)",
        source,
    )
    assert changed != source
    editor.fill(changed)
    run()
    rows = _desc_rows(block)
    assert rows["task2"][0] >= rows["task1"][1] - 0.05, rows  # end to end
    assert rows["task2"][0] > 0.9, rows
    page.close()
