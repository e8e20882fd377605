"""Examples in the reader's browser, as the site shows them: the Run controls.

The fourth caller of the runner idea (see DESIGN.md): a page runs an example in the
reader's browser with Pyodide, CPython compiled to WebAssembly. The browser half
lives in ``conf/_static/run/``: ``run.js`` (buttons, editor, output panel),
``worker.js`` (the Web Worker that hosts Python) and ``bootstrap.py`` (the one place
that makes the browser's Python run a script as ``python3 name.py`` would, and says
where it cannot). Pyodide itself is pinned in ``conf/package.json`` and its lock
file; ``make`` installs it (``npm ci --prefix conf``) and this extension copies its
files into the built site, so nothing is fetched from elsewhere.

This module is the build's half (a Sphinx extension):

- renders, under each example, the Run/Stop/Edit/Reset controls and the panel the
  output streams into (hidden until ``run.js`` shows them: no script, no button),
  or, for an example a browser cannot run, one line that says why (the manifest's
  ``browser`` key);
- copies Pyodide into the site (``_static/pyodide/``), with the standard library
  the runtime imports precompiled, and loads ``run.js`` only on pages that show a
  runnable example; nothing of Pyodide loads before the reader shows intent.

Which examples run in a browser is measured by driving Chromium, the tests' and
``make browser-runs``' concern: ``browser_runs.py``.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from .catalog import Example

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
