"""Examples in the reader's browser: the Run button, and which examples may have one.

The fourth caller of the runner idea (see DESIGN.md): a page runs an example in the
reader's browser with Pyodide, CPython compiled to WebAssembly. The browser half
lives in ``conf/_static/run/``: ``run.js`` (buttons, editor, output panel),
``worker.js`` (the Web Worker that hosts Python) and ``bootstrap.py`` (the one place
that makes the browser's Python run a script as ``python3 name.py`` would, and says
where it cannot). Pyodide itself is pinned in ``conf/package.json`` and its lock
file; ``make`` installs it (``npm ci --prefix conf``) and this extension copies its
files into the built site, so nothing is fetched from elsewhere.

This module:

- renders, under each example, the Run/Stop/Edit/Reset controls and the panel the
  output streams into (hidden until ``run.js`` shows them: no script, no button),
  or, for an example a browser cannot run, one line that says why;
- copies Pyodide into the site (``_static/pyodide/``) and loads ``run.js`` only on
  pages that show a runnable example; nothing of Pyodide loads before a click;
- measures which examples run in a browser: each runs in Chromium through the same
  runner, and runs there when it exits 0, writes nothing on stderr and prints its
  ``.out`` file within the real-clock tolerance. The others get a reason, derived
  from how they failed, which each chapter's ``examples.toml`` records as
  ``browser = "needs sockets"``. ``tests/test_browser_run.py`` fails when the
  manifests and the runs disagree, and ``python -m verified_examples.browser
  --write`` (``make browser-runs``) writes what the runs found.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import hashlib
import http.server
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog import MANIFEST, Example, chapters, find, load_chapter
from .checks import compare_output
from .runner import default_timeout

CONF = Path(__file__).resolve().parents[1]
RUN_DIR = CONF / "_static" / "run"
#: Where ``npm ci --prefix conf`` puts the pinned Pyodide.
PYODIDE_DIR = CONF / "node_modules" / "pyodide"
#: What a page needs of it (the rest of the npm package is for Node.js and types).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
#: Where the built site serves them, relative to its root (run.js: ../pyodide/).
SITE_PYODIDE = "_static/pyodide"
INSTALL = "npm ci --prefix conf"
MISSING = (
    f"Pyodide, the Python that runs the examples in the reader's browser, is not "
    f"installed in {PYODIDE_DIR}. `make html` installs it ({INSTALL}, from "
    "conf/package-lock.json); that needs npm, from Node.js 18 or newer "
    "(Debian/Ubuntu: apt-get install npm)."
)

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


# ------------------------------------------------------------------- the runtime


@functools.cache
def pyodide_info() -> dict[str, Any]:
    """Version, Python version and download size of the installed Pyodide.

    Raises FileNotFoundError (with MISSING) when it is not installed.
    """
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise FileNotFoundError(MISSING)
    lock = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))
    package = json.loads((PYODIDE_DIR / "package.json").read_text(encoding="utf-8"))
    version = package["version"]
    cache = PYODIDE_DIR.parent / ".pyodide-sizes.json"
    try:
        sizes = json.loads(cache.read_text(encoding="utf-8"))
        if sizes.get("version") != version:
            raise ValueError
    except (OSError, ValueError):
        files = [(PYODIDE_DIR / name).read_bytes() for name in PYODIDE_FILES]
        sizes = {
            "version": version,
            "raw": sum(map(len, files)),
            "gzip": sum(len(gzip.compress(data, compresslevel=6)) for data in files),
        }
        cache.write_text(json.dumps(sizes), encoding="utf-8")
    return {"version": version, "python": lock["info"]["python"], **sizes}


@functools.cache
def runtime_key() -> str:
    """Names this runtime (Pyodide and the runner's files): the browser's snapshot key."""
    digest = hashlib.sha256()
    for path in sorted(RUN_DIR.iterdir()):
        if path.suffix in (".js", ".py"):
            digest.update(path.read_bytes())
    # The snapshot holds the practice modules (worker.js imports them before it),
    # and zipimport's table of the standard library's zip: it must be restored
    # with that zip, byte for byte.
    for path in practice_files():
        digest.update(path.read_bytes())
    digest.update(stdlib_zip().read_bytes())
    return f"{pyodide_info()['version']}-{digest.hexdigest()[:12]}"


def runtime_python() -> tuple[int, int]:
    """The Python version the browser runs, e.g. (3, 14)."""
    major, minor = pyodide_info()["python"].split(".")[:2]
    return int(major), int(minor)


# ----------------------------------------------- the standard library, compiled

#: Pyodide ships its standard library as sources (python_stdlib.zip), so the first
#: start in a browser compiles each module it imports, in WebAssembly, before the
#: code is fast: most of that start (it takes 2 to 2.5 times as long, measured in
#: Chromium and in Node.js here: tests/bench_browser.py). The site serves the same
#: zip with, beside each module a worker imports before its snapshot (Pyodide's own
#: start, bootstrap.py's install, the modules worker.js preloads), that module
#: compiled by the same Python: ``name.pyc`` (hash-based, unchecked: its source is
#: the same zip's ``name.py``), which zipimport takes first. The sources stay, so
#: tracebacks and ``inspect`` show them; a module no start imports compiles on
#: import, as before. Built once per input by Node.js (which npm brings) with the
#: pinned Pyodide, and kept beside it.
STDLIB = "python_stdlib.zip"
STDLIB_DIR = PYODIDE_DIR.parent / ".pyodide-stdlib"
#: The modules worker.js imports before its snapshot (its PRELOAD list).
PRELOAD = re.compile(r"const PRELOAD = \[([^\]]*)\]")
#: Run in Pyodide, in Node.js: start as a worker does, then write OUT.
COMPILE_JS = """
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const env = process.env;
const { loadPyodide } = await import(pathToFileURL(env.PYODIDE_MJS).href);
const py = await loadPyodide({ _makeSnapshot: true });
py.FS.mkdirTree("/runner");
py.FS.writeFile("/runner/bootstrap.py", readFileSync(env.BOOTSTRAP));
py.runPython(`import sys; sys.path.append("/runner"); import bootstrap; bootstrap.install()
import ${env.PRELOAD}`);
const practice = JSON.parse(env.PRACTICE);
for (const path of practice)
  py.FS.writeFile(`/runner/${path.split("/").pop()}`, readFileSync(path));
if (practice.length) py.runPython("import practice");
py.runPython(env.COMPILE_PY);
writeFileSync(env.OUT, py.FS.readFile("/tmp/stdlib.zip"));
"""
COMPILE_PY = """
import sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
from importlib.util import source_hash
stdlib = next(p for p in sys.path if p.endswith(".zip"))
prefix = stdlib + "/"
started = {
    f[len(prefix):] for m in list(sys.modules.values())
    if (f := getattr(m, "__file__", None) or "").startswith(prefix) and f.endswith(".py")
}
with zipfile.ZipFile(stdlib) as zin, zipfile.ZipFile("/tmp/stdlib.zip", "w") as out:
    for info in zin.infolist():
        data = zin.read(info)
        out.writestr(info, data)
        if info.filename in started:
            source = data.replace(b"\\r\\n", b"\\n").replace(b"\\r", b"\\n")
            code = compile(source, prefix + info.filename, "exec", dont_inherit=True)
            pyc = zipfile.ZipInfo(info.filename[:-3] + ".pyc", info.date_time)
            pyc.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(pyc, bytes(_code_to_hash_pyc(code, source_hash(data), False)))
"""


def practice_files() -> list[Path]:
    """The modules worker.js imports at start beside bootstrap.py: Check's and the
    reader's timeline's (``practice.py`` first; exercise_page copies them)."""
    try:
        from .exercise_page import HERE, PRACTICE_FILES
    except ImportError:
        return []
    return [HERE / name for name in PRACTICE_FILES if (HERE / name).is_file()]


@functools.cache
def stdlib_zip() -> Path:
    """The standard library the site serves: Pyodide's, its start-up compiled.

    Pyodide's own zip when Node.js is missing (the site then starts slower).
    """
    original = PYODIDE_DIR / STDLIB
    found = PRELOAD.search((RUN_DIR / "worker.js").read_text(encoding="utf-8"))
    preload = ", ".join(re.findall(r"[\w.]+", found[1])) if found else "asyncio"
    node = shutil.which("node")
    if node is None or not original.is_file():
        return original
    digest = hashlib.sha256()
    practice = practice_files()
    for part in (
        original.read_bytes(),
        (RUN_DIR / "bootstrap.py").read_bytes(),
        *(path.read_bytes() for path in practice),
        preload.encode(),
        COMPILE_JS.encode(),
        COMPILE_PY.encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    built = STDLIB_DIR / f"python_stdlib-{digest.hexdigest()[:16]}.zip"
    if built.is_file():
        return built
    STDLIB_DIR.mkdir(parents=True, exist_ok=True)
    partial = built.with_suffix(f".{os.getpid()}.part")
    env = {
        **os.environ,
        "PYODIDE_MJS": str(PYODIDE_DIR / "pyodide.mjs"),
        "BOOTSTRAP": str(RUN_DIR / "bootstrap.py"),
        "PRELOAD": preload,
        "PRACTICE": json.dumps([str(path) for path in practice]),
        "COMPILE_PY": COMPILE_PY,
        "OUT": str(partial),
    }
    done = subprocess.run(
        [node, "--input-type=module", "-e", COMPILE_JS],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode:
        partial.unlink(missing_ok=True)
        raise RuntimeError(
            f"compiling the standard library's start ({built.name}) failed: "
            f"{done.stderr[-3000:]}"
        )
    for old in STDLIB_DIR.glob("python_stdlib-*.zip"):
        old.unlink(missing_ok=True)  # another version's: one at a time
    partial.replace(built)
    return built


def site_files() -> dict[str, Path]:
    """What the site serves of Pyodide, by name (the build copies them)."""
    return {
        name: stdlib_zip() if name == STDLIB else PYODIDE_DIR / name
        for name in PYODIDE_FILES
    }


@functools.cache
def download_size() -> tuple[int, int]:
    """Bytes of what a first run downloads: as served, and gzip-compressed."""
    paths = site_files().values()
    ident = " ".join(f"{path.name}:{path.stat().st_size}" for path in paths)
    cache = STDLIB_DIR / "sizes.json"
    try:
        sizes = json.loads(cache.read_text(encoding="utf-8"))
        if sizes["files"] == ident:
            return sizes["raw"], sizes["gzip"]
    except (OSError, ValueError, KeyError):
        pass
    files = [path.read_bytes() for path in paths]
    raw = sum(map(len, files))
    compressed = sum(len(gzip.compress(data, compresslevel=6)) for data in files)
    with contextlib.suppress(OSError):
        STDLIB_DIR.mkdir(parents=True, exist_ok=True)
        cache.write_text(
            json.dumps({"files": ident, "raw": raw, "gzip": compressed}),
            encoding="utf-8",
        )
    return raw, compressed


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


# ----------------------------------------------------------------- the pages


def controls(example: Example) -> list[Any]:
    """What the page shows under an example's command: Run and its panel, or why not."""
    from docutils import nodes

    if example.browser:
        return [
            nodes.paragraph(
                "",
                f"Runs on your machine only, not in the browser: it {example.browser}.",
                classes=["example-run-limit"],
            )
        ]
    try:
        info = pyodide_info()
    except FileNotFoundError:
        return []  # not an HTML build (those stop at start-up without Pyodide)
    name = example.path.name
    python = ".".join(info["python"].split(".")[:2])
    raw, compressed = download_size()
    html = f"""\
<div class="example-run" data-script="{name}" data-runtime="{runtime_key()}" hidden>
<div class="example-run-controls">
<button type="button" class="example-run-start" aria-label="Run {name} in your browser">Run</button>
<button type="button" class="example-run-stop" aria-label="Stop {name}" disabled>Stop</button>
<button type="button" class="example-run-edit" aria-label="Edit {name}">Edit</button>
<button type="button" class="example-run-reset" aria-label="Reset {name} to the verified script" hidden>Reset</button>
<span class="example-run-note">in your browser, with <span class="example-run-python">Python {python} (Pyodide {info["version"]})</span>; the first run downloads {_megabytes(raw)} ({_megabytes(compressed)} compressed)</span>
</div>
<p class="example-run-edited" hidden>Edited: this code is yours now, and this site has not checked it. Reset brings back the verified script.</p>
<div class="example-run-panel" hidden>
<p class="example-run-status" role="status"></p>
<pre class="example-run-output" role="log" aria-label="Output of {name} in your browser" tabindex="0"></pre>
<p class="example-run-about">Python {python} compiled to WebAssembly, running in this page: no threads, subprocesses or sockets, and timings a little later than on your machine.{_cpu_note(example)} The output under it is CPython's, recorded by this site's tests.</p>
</div>
</div>"""
    return [nodes.raw("", html, format="html")]


def _cpu_note(example: Example) -> str:
    """What differs for an example that reads CPU time, which a browser cannot."""
    if re.search(r"process_time|thread_time", example.path.read_text(encoding="utf-8")):
        return (
            " A browser cannot measure CPU time: here it is the time the script did"
            " not spend waiting."
        )
    return ""


def _page_assets(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """run.js and run.css on the pages that have a Run button, and only there."""
    if 'class="example-run"' in context.get("body", ""):
        app.add_css_file("run/run.css")
        app.add_js_file("run/run.js", defer="defer")


def _check_installed(app: Any) -> None:
    if app.builder.format == "html":
        from sphinx.errors import ExtensionError

        try:
            pyodide_info()
        except FileNotFoundError as error:
            raise ExtensionError(str(error)) from None


def _copy_pyodide(app: Any, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / SITE_PYODIDE
    target.mkdir(parents=True, exist_ok=True)
    for name, source in site_files().items():
        copy = target / name
        if (
            not copy.exists()
            or copy.stat().st_size != source.stat().st_size
            or copy.stat().st_mtime < source.stat().st_mtime
        ):
            shutil.copyfile(source, copy)


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _check_installed)
    app.connect("html-page-context", _page_assets)
    app.connect("build-finished", _copy_pyodide)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


# ------------------------------------------------------------ measuring the runs


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
        prog="python -m verified_examples.browser",
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
