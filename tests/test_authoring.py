"""The authors' loop: stale outputs fail the strict build; the live preview re-runs.

Each test builds a one-page site from a scratch examples folder with the project's
own configuration, as `make html` (strict) and `make preview` (live) do.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from verified_examples.__main__ import main, write_outputs
from verified_examples.catalog import ROOT, find

HELLO = '''"""Says hello after a second."""

import asyncio


async def main() -> None:
    await asyncio.sleep(1)
    print("hello")


if __name__ == "__main__":
    asyncio.run(main())
'''


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A scratch project: one example, its output written by a run, one page."""
    chapter = tmp_path / "examples" / "cases"
    chapter.mkdir(parents=True)
    (chapter / "hello.py").write_text(HELLO)
    (chapter / "examples.toml").write_text("[hello]\nelapsed = 1.0\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Hello\n\n```{example} cases/hello\n```\n")
    assert write_outputs([find("cases/hello", tmp_path / "examples")]) == 0
    return tmp_path


def build(site: Path, *, live: bool = False) -> tuple[int, str, str]:
    """Build the scratch site; returns exit code, messages and the page's HTML."""
    command = [sys.executable, "-m", "sphinx", "-c", str(ROOT / "conf"), "-n", "-q"]
    command += ["-D", f"examples_dir={site / 'examples'}"]
    command += ["-D", "examples_live=1"] if live else ["-W", "--keep-going"]
    out = site / ("live" if live else "html")
    done = subprocess.run(
        [*command, "-b", "html", str(site / "docs"), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    page = out / "index.html"
    html = page.read_text(encoding="utf-8") if page.exists() else ""
    return done.returncode, done.stdout + done.stderr, html


def edit(site: Path, old: str, new: str) -> None:
    script = site / "examples" / "cases" / "hello.py"
    script.write_text(script.read_text().replace(old, new))


def test_an_up_to_date_example_builds_strictly(site: Path) -> None:
    code, messages, html = build(site)
    assert code == 0, messages
    assert "hello\n</pre>" in html


def test_a_stale_output_fails_the_strict_build_and_says_how_to_fix_it(
    site: Path,
) -> None:
    edit(site, 'print("hello")', 'print("hello, reader")')
    code, messages, _ = build(site)
    assert code != 0
    assert "examples/cases/hello.out is stale" in messages
    assert "make outputs NAME=cases/hello" in messages
    # The fix the message names makes the build pass again.
    assert write_outputs([find("cases/hello", site / "examples")]) == 0
    code, messages, html = build(site)
    assert code == 0, messages
    assert "hello, reader" in html


def page(site: Path, text: str) -> None:
    (site / "docs" / "index.md").write_text(
        f"# Hello\n\n```{{example}} cases/hello\n```\n\n{text}"
    )


@pytest.mark.parametrize(
    "block",
    [
        "```python\nawait asyncio.sleep(1)\n```\n",
        "```pycon\n>>> 1 + 1\n2\n```\n",
        "```\nprint('a fence with no language is Python too')\n```\n",
        "```{code-block} python\nimport asyncio\n```\n",
    ],
)
def test_the_strict_build_refuses_python_no_test_runs(site: Path, block: str) -> None:
    page(site, block)
    code, messages, _ = build(site)
    assert code != 0
    assert "a Python block that no test runs" in messages


def test_an_excerpt_shows_part_of_a_verified_example(site: Path) -> None:
    page(
        site,
        "```{excerpt} cases/hello\n:pyobject: main\n```\n\n```console\n$ ls\n```\n",
    )
    code, messages, html = build(site)
    assert code == 0, messages
    caption = html.index('<span class="caption-text">From hello.py</span>')
    excerpt = html[caption:].split("</pre>")[0]
    assert "example-excerpt" in excerpt
    assert "sleep" in excerpt
    assert "import" not in excerpt  # only the function


@pytest.mark.parametrize(
    ("role", "resolves"),
    [
        ("{py:class}`warnings.catch_warnings`", True),
        ("{py:func}`warnings.catch_warnings`", False),  # a class, documented as one
        ("{py:func}`contextlib.aclosing`", True),  # a class, documented as a function
        ("{py:class}`contextlib.aclosing`", False),
        ("{py:meth}`asyncio.Task.set_result`", False),  # not documented for Task
    ],
)
def test_a_link_resolves_only_under_the_role_the_python_docs_use(
    site: Path, role: str, resolves: bool
) -> None:
    page(site, f"See {role}.\n")
    code, messages, _ = build(site)
    assert (code == 0) is resolves, messages


def test_an_excerpt_of_something_missing_fails(site: Path) -> None:
    page(site, "```{excerpt} cases/hello\n:pyobject: no_such_function\n```\n")
    code, messages, _ = build(site)
    assert code != 0
    assert "no_such_function" in messages


@pytest.mark.parametrize(
    ("marker", "folds"), [("async def main", True), ("no such line", False)]
)
def test_an_example_folds_after_the_line_its_page_names(
    site: Path, marker: str, folds: bool
) -> None:
    page(site, f"```{{example}} cases/hello\n:fold-after: {marker}\n```\n")
    code, messages, html = build(site)
    assert (code == 0) is folds, messages
    if folds:  # line 6 is `async def main() -> None:` (examples.js folds after it)
        assert "example-fold example-fold-after-6" in html
    else:
        assert "no line to fold after contains 'no such line'" in messages


def test_the_stale_check_behind_make_check_and_the_hook(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = ["--examples", str(site / "examples"), "stale"]
    assert main(stale) == 0
    edit(site, 'print("hello")', 'print("hello, reader")')
    assert main(stale) == 1
    assert "examples/cases/hello.out is stale" in capsys.readouterr().out
    assert main(["--examples", str(site / "examples"), "outputs", "cases/hello"]) == 0
    assert main(stale) == 0


def test_the_live_preview_shows_fresh_output_and_flags_it(site: Path) -> None:
    edit(site, 'print("hello")', 'print("hello, reader")')
    code, messages, html = build(site, live=True)
    assert code == 0, messages
    assert "hello, reader\n</pre>" in html  # what the script prints now
    assert "example-stale" in html
    assert "examples/cases/hello.out is stale" in html
    assert "examples/cases/hello.out is stale" in messages  # the terminal says so too


def test_the_live_preview_shows_a_broken_example_and_keeps_going(site: Path) -> None:
    edit(site, "await asyncio.sleep(1)", "await asyncio.sleep(1")
    code, messages, html = build(site, live=True)
    assert code == 0, messages
    assert "example-error" in html
    assert "SyntaxError" in html
    assert "_bootstrap.py" not in html  # the traceback is the example's own


def test_the_live_preview_reruns_a_real_clock_example_only_when_it_changed(
    site: Path,
) -> None:
    manifest = site / "examples" / "cases" / "examples.toml"
    manifest.write_text('[hello]\nelapsed = 1.0\nclock = "real"\n')
    assert write_outputs([find("cases/hello", site / "examples")]) == 0
    runs = site / "live" / ".doctrees" / "example-runs"
    code, _, html = build(site, live=True)
    assert code == 0
    assert not runs.exists()  # unchanged since its output was written: not re-run
    assert "example-stale" not in html
    edit(site, 'print("hello")', 'print("hello, real")')
    code, _, html = build(site, live=True)
    assert code == 0
    assert len(list(runs.glob("*-real-*.json"))) == 1
    assert "hello, real\n</pre>" in html


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page, or None while the server is not there or rewrites it mid-read."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except (OSError, http.client.HTTPException):  # HTTPException: IncompleteRead
        return None


def wait_for(predicate: Callable[[], bool], timeout: float) -> float:
    """Seconds until ``predicate()`` held; fails after ``timeout``."""
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > timeout:
            pytest.fail(f"not seen within {timeout} s")
        time.sleep(0.05)
    return time.monotonic() - start


@pytest.fixture
def preview(site: Path) -> Iterator[str]:
    """`make preview`'s server, on the scratch site and a free port."""
    port = free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "sphinx_autobuild", "-c", str(ROOT / "conf"), "-n"),
            *("-D", f"examples_dir={site / 'examples'}", "-D", "examples_live=1"),
            *(
                str(site / "docs"),
                str(site / "preview"),
                "--watch",
                str(site / "examples"),
            ),
            *("--host", "127.0.0.1", "--port", str(port)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/index.html"
    try:
        wait_for(lambda: fetch(url) is not None, timeout=60)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.slow
def test_saving_an_example_updates_the_preview(site: Path, preview: str) -> None:
    """The page shows the new output soon after the save (make bench reports how soon)."""
    edit(site, 'print("hello")', 'print("hello, live")')
    wait_for(lambda: "hello, live\n</pre>" in (fetch(preview) or ""), timeout=30)
    assert "examples/cases/hello.out is stale" in (fetch(preview) or "")
    # A broken save shows an error block, and the server keeps serving.
    edit(site, 'print("hello, live")', 'print("hello, live"')
    wait_for(lambda: "example-error" in (fetch(preview) or ""), timeout=30)
    edit(site, 'print("hello, live"', 'print("hello, again")')
    wait_for(lambda: "hello, again\n</pre>" in (fetch(preview) or ""), timeout=30)
