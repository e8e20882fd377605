"""Which examples run in a browser: each runs in Chromium, on the site's own runner.

The tests' and authors' half of the Run buttons (the build's half is
``browser.py``): each example runs in Chromium through ``run.js``, the page's one
way to the worker, and runs there when it exits 0, writes nothing on stderr and
prints its ``.out`` file (or its ``.3.14.out``) within the real-clock tolerance.
The others get a reason, derived from how they failed, which each chapter's
``examples.toml`` records as ``browser = "needs sockets"``.
``tests/test_browser_run.py`` fails when the manifests and the runs disagree, and
``python -m verified_examples.browser_runs --write`` (``make browser-runs``) writes
what the runs found.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import math
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .browser import (
    RUN_DIR,
    SITE_PYODIDE,
    pyodide_info,
    runtime_key,
    runtime_python,
    site_files,
)
from .catalog import MANIFEST, Example, chapters, find, load_chapter
from .checks import compare_output
from .runner import default_timeout

#: The reasons a browser cannot run an example, as the manifests record them and
#: the page shows them ("Runs on your machine only, not in the browser: it needs
#: sockets."). A failed run gets the first whose pattern its stderr shows; failing
#: that (an earlier obstacle, such as a missing module or file, may stop it first),
#: the first whose pattern its script shows.
REASONS = (
    (
        "needs subprocesses",
        r"subprocesses are not available|_posixsubprocess",
        r"create_subprocess_|\bsubprocess\.",
    ),
    (
        "needs a process pool",
        r"multiprocessing|ProcessPool",
        r"ProcessPoolExecutor|multiprocessing",
    ),
    (
        "needs threads",
        r"can't start new thread|unable to start watchdog thread",
        r"to_thread|run_in_executor|threading|ThreadPoolExecutor",
    ),
    (
        "needs sockets",
        r"sockets (and pipes )?are not available|could not bind on any address",
        r"start_server|open_connection|create_connection|\bsocket\b|\bssl\b|urllib",
    ),
    ("needs sqlite3", r"No module named '_sqlite3'", r"\bsqlite3\b"),
    ("measures CPU time, which a browser cannot", r"(?!)", r"process_time|thread_time"),
)
CPU_TIME = REASONS[-1]
MODULE = re.compile(r"No module named '(\w+)'")
#: When the run fails in no way the patterns name: it ran, and printed something
#: else (Python 3.14 words some messages differently, or collects garbage later).
OTHER = "prints something else under the browser's Python {python}"
TIMEOUT = "waits for ever in the browser"


@dataclass
class BrowserRun:
    """What one run in the browser did (times in ms after Run)."""

    example: Example
    code: int | str | None  # exit code, or "timeout", "stopped", "failed"
    stdout: str = ""
    stderr: str = ""
    elapsed: float | None = None  # seconds, as the script's clock saw it
    start_ms: float | None = None  # Run to the script's first line
    lines: list[float] = field(default_factory=list)  # when each write arrived
    message: str = ""  # why the runner failed, if it did

    @classmethod
    def from_page(cls, example: Example, found: dict[str, Any]) -> BrowserRun:
        return cls(
            example,
            found.get("code"),
            found.get("stdout", ""),
            found.get("stderr", ""),
            found.get("elapsed"),
            found.get("startMs"),
            list(found.get("lines", [])),
            found.get("message", ""),
        )

    @property
    def broken(self) -> bool:
        """The runner itself failed (Pyodide did not start): no verdict possible."""
        return self.code == "failed"

    def matches(self) -> bool:
        """It printed the recorded text, with exit code 0 and nothing on stderr.

        Printed timings may differ: they come from another runtime (WebAssembly),
        on a machine the test suite shares with its other browser pages, and the
        reader sees them live. The pace of a run is tested on its own (lines
        printed 1 s apart arrive 1 s apart), not through every example's timings.
        The recorded text is that of the browser's Python: ``<stem>.3.14.out``
        where the example declares that 3.14 prints something else (``differs``).
        """
        example = self.example
        expected = (
            example.output_for(runtime_python())
            if example.differs
            else example.expected_output()
        )
        return (
            self.code == 0
            and not self.stderr
            and expected is not None
            and compare_output(expected, self.stdout, lambda claimed: math.inf)
        )

    def only_late(self) -> bool:
        """Ran cleanly but printed something else: worth one more run, alone.

        Runs share the machine (several pages at once, other tests); a stalled
        runtime can print late, or print two near-simultaneous lines in the other
        order. A second run alone tells that from a real difference.
        """
        return self.code == 0 and not self.stderr and not self.matches()

    def verdict(self) -> str | None:
        """None when the example runs in the browser; else why not, for the manifest."""
        source = self.example.path.read_text(encoding="utf-8")
        if re.search(CPU_TIME[2], source):
            return CPU_TIME[0]  # it may print the right words, but not by measuring
        if self.matches():
            return None
        for reason, pattern, _ in REASONS:
            if re.search(pattern, self.stderr):
                return reason
        for reason, _, pattern in REASONS:
            if re.search(pattern, source):
                return reason
        if self.code == "timeout":
            return TIMEOUT
        missing = MODULE.search(self.stderr)
        if missing:
            return f"needs the {missing[1]} module, which the browser's Python lacks"
        python = ".".join(pyodide_info()["python"].split(".")[:2])
        return OTHER.format(python=python)

    def report(self) -> str:
        """What happened, for a failure message."""
        lines = [f"exit: {self.code}"]
        if self.message:
            lines.append(f"runner: {self.message}")
        if self.stdout:
            lines.append(f"stdout:\n{self.stdout}")
        if self.stderr:
            lines.append(f"stderr:\n{self.stderr[-3000:]}")
        return "\n".join(lines)


def timeout_ms(example: Example) -> float:
    """How long a browser run may take: the CPython run's limit, plus start-up."""
    return (default_timeout(example, "real") + 30) * 1000


#: Runs the given examples on a page through window.exampleRunner, at most
#: ``lanes`` at a time; resolves with each one's result by name.
RUN_MANY_JS = """
async ([items, lanes]) => {
  const results = {};
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const [name, file, source, timeout] = items[next++];
      results[name] = await window.exampleRunner.run(file, source, timeout);
    }
  }
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  return results;
}
"""


def run_on_page(
    page: Any, examples: Sequence[Example], lanes: int = 6
) -> dict[str, BrowserRun]:
    """Run ``examples`` in the browser ``page`` (which loads run.js), side by side."""
    page.wait_for_function("() => window.exampleRunner !== undefined")
    items = [
        [e.name, e.path.name, e.path.read_text(encoding="utf-8"), timeout_ms(e)]
        for e in examples
    ]
    found = page.evaluate(RUN_MANY_JS, [items, lanes])
    return {e.name: BrowserRun.from_page(e, found[e.name]) for e in examples}


def settle(page: Any, runs: dict[str, BrowserRun]) -> dict[str, BrowserRun]:
    """Run again, one at a time, the runs that were right but late."""
    for name, run in list(runs.items()):
        if run.only_late():
            runs[name] = run_on_page(page, [run.example], lanes=1)[name]
    return runs


# ------------------------------------------------------- a page to run them in


RUNNER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Example runner</title>
<link rel="icon" href="data:,"></head>
<body><div class="example-run" data-runtime="{key}" hidden></div>
<script src="_static/run/run.js" defer></script></body></html>
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def runner_site() -> Iterator[str]:
    """A page with only the runner, served from 127.0.0.1: its URL."""
    pyodide_info()
    with tempfile.TemporaryDirectory(prefix="browser-runner-") as tmp:
        root = Path(tmp)
        shutil.copytree(RUN_DIR, root / "_static" / "run")
        (root / SITE_PYODIDE).mkdir(parents=True)
        for name, source in site_files().items():
            (root / SITE_PYODIDE / name).symlink_to(source)
        (root / "index.html").write_text(
            RUNNER_PAGE.format(key=runtime_key()), encoding="utf-8"
        )
        httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root))
        )
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
        finally:
            httpd.shutdown()
            httpd.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright (its own browser download is not used)."""
    import os

    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield browser
        finally:
            browser.close()


def measure(examples: Sequence[Example], lanes: int = 6) -> dict[str, BrowserRun]:
    """Run ``examples`` in Chromium, on a page with only the runner."""
    with runner_site() as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url)
        return settle(page, run_on_page(page, examples, lanes))


# --------------------------------------------------------------- the manifests

_HEADER = re.compile(r"^\s*\[")
_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*=")


def write_verdict(example: Example, reason: str | None) -> bool:
    """Set (or remove) ``browser = "..."`` in the example's manifest entry.

    A targeted edit: only that line changes, the rest of the file (comments,
    order, other people's edits) stays as it is. Returns whether anything changed.
    """
    path = example.manifest_path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    stem = example.path.stem
    header = next(
        (i for i, line in enumerate(lines) if line.strip() == f"[{stem}]"), None
    )
    if header is None:
        raise LookupError(f"{path}: no [{stem}] table")
    end = next(
        (i for i in range(header + 1, len(lines)) if _HEADER.match(lines[i])),
        len(lines),
    )
    found = [
        i
        for i in range(header + 1, end)
        if (m := _KEY.match(lines[i])) and m[1] == "browser"
    ]
    wanted = f"browser = {json.dumps(reason)}\n" if reason else None
    if found:
        if wanted is None:
            del lines[found[0]]
        elif lines[found[0]] == wanted:
            return False
        else:
            lines[found[0]] = wanted
    elif wanted is None:
        return False
    else:
        keys = [i for i in range(header + 1, end) if _KEY.match(lines[i])]
        lines.insert((keys[-1] if keys else header) + 1, wanted)
    path.write_text("".join(lines), encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m verified_examples.browser_runs",
        description="Run the examples in Chromium (Pyodide) and compare each "
        "one's verdict with the browser key of its manifest entry.",
    )
    parser.add_argument("names", nargs="*", help="CHAPTER/STEM (default: all)")
    parser.add_argument(
        "--write", action="store_true", help="write the verdicts into the manifests"
    )
    parser.add_argument("--lanes", type=int, default=10, help="runs side by side")
    args = parser.parse_args(argv)
    try:
        if args.names:
            examples = [find(n) for n in args.names]
        else:  # every example its chapter's manifest declares correctly
            examples = [e for c in chapters() for e in load_chapter(c)[0]]
        pyodide_info()
    except (LookupError, ValueError, FileNotFoundError) as error:
        print(error, file=sys.stderr)
        return 2
    start = time.perf_counter()
    runs = measure(examples, args.lanes)
    differ = 0
    for example in examples:
        run = runs[example.name]
        if run.broken:
            print(f"FAIL   {example.name}: the runner failed: {run.message}")
            differ += 1
            continue
        found, declared = run.verdict(), example.browser
        if found == declared:
            state = "same  "
        elif args.write:
            write_verdict(example, found)
            state = "write "
        else:
            state = "DIFFER"
            differ += 1
        shown = found or "runs"
        print(
            f"{state} {example.name}: {shown}"
            + (f" (manifest: {declared or 'runs'})" if found != declared else "")
        )
    count = sum(1 for e in examples if runs[e.name].verdict() is None)
    print(
        f"{count} of {len(examples)} run in the browser; "
        f"{time.perf_counter() - start:.0f} s"
    )
    if differ and not args.write:
        print(f"{differ} differ from {MANIFEST}: run with --write to record them")
    return 1 if differ and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
