"""Run examples on Pyodide's CPython (the browser's Python) in Node.js, no browser.

The Run buttons run an example on Pyodide, CPython compiled to WebAssembly (3.14
for the pinned version). Where a browser is not needed, in the tests and in
``make outputs``, Node.js runs the same thing: ``pyodide_node.mjs`` loads the
browser's own runner (``conf/_static/run/worker.js``, which installs
``bootstrap.py``) in Node's worker threads and plays the page's part, so each
script runs in a fresh interpreter restored from one snapshot, exactly as a Run
button runs it. One Node process runs many scripts; Python starts once (about 3 s
here), then each run costs a fraction of a second besides its own time.

A run here is a real-clock run (the bootstrap's sleeps block), judged by the same
checks as a CPython run on the real clock (``checks.check_run``); what it ran on is
in ``RunResult.command``: ``pyodide <version> (Python <version>)``.

This is how the site reaches Python 3.14 without a native 3.14: examples that need
3.14 (``python = "3.14"``) are verified here by ``tests/test_py314.py``, and their
output is written from a run here by ``make outputs`` when no interpreter on this
machine is new enough.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from .browser import PYODIDE_DIR, RUN_DIR, pyodide_info, runtime_python
from .catalog import Example
from .runner import RunResult, default_timeout

DRIVER = Path(__file__).with_name("pyodide_node.mjs")
#: What the driver needs of the browser's runner, copied as the site ships them.
RUNNER_FILES = ("worker.js", "bootstrap.py")
#: Runs side by side in one Node process: each a worker thread with its own
#: interpreter, which mostly waits (the bootstrap's sleeps use no CPU).
LANES = 4
#: Real seconds to load Node and Pyodide and make the snapshot, on a busy machine.
START_UP = 60.0


@functools.cache
def node() -> str | None:
    """The ``node`` on PATH, if it is new enough to load Pyodide (18+)."""
    found = shutil.which("node")
    if found is None:
        return None
    try:
        version = subprocess.run(
            [found, "--version"], capture_output=True, text=True, check=True
        ).stdout
        major = int(version.strip().lstrip("v").split(".")[0])
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None
    return found if major >= 18 else None


def unavailable() -> str | None:
    """Why examples cannot run on Pyodide here, or None when they can."""
    if node() is None:
        return (
            "Node.js 18 or newer is needed to run examples on Pyodide without a "
            "browser (Debian/Ubuntu: apt-get install npm)"
        )
    try:
        pyodide_info()
    except FileNotFoundError as error:
        return str(error)
    return None


#: The Python version of the pinned Pyodide, e.g. (3, 14).
python_version = runtime_python


def run_many(
    examples: Sequence[Example], *, lanes: int = LANES, timeout: float | None = None
) -> list[RunResult]:
    """Run each example (its script as it is on disk) on Pyodide, in one Node process.

    Returns one RunResult per example, in order, on the real clock; a run stopped
    after its timeout (the CPython real-clock limit, unless ``timeout`` is given)
    has ``returncode=None``. Raises RuntimeError when Node or Pyodide cannot start.
    """
    problem = unavailable()
    if problem:
        raise RuntimeError(problem)
    jobs = [
        {
            "id": index,
            "name": example.path.name,
            "source": example.path.read_text(encoding="utf-8"),
            "timeout_ms": 1000
            * (default_timeout(example, "real") if timeout is None else timeout),
        }
        for index, example in enumerate(examples)
    ]
    budget = START_UP + sum(job["timeout_ms"] for job in jobs) / 1000
    with tempfile.TemporaryDirectory(prefix="pyodide-node-") as tmp:
        runner = Path(tmp) / "run"
        runner.mkdir()
        for name in RUNNER_FILES:
            shutil.copyfile(RUN_DIR / name, runner / name)
        # worker.js imports ../pyodide/pyodide.mjs, as in the built site.
        (Path(tmp) / "pyodide").symlink_to(PYODIDE_DIR, target_is_directory=True)
        # worker.js is an ES module, as the page loads it ({type: "module"}).
        (runner / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run(
            [str(node()), str(DRIVER), str(runner), str(PYODIDE_DIR), str(lanes)],
            input=json.dumps(jobs),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=budget,
            check=False,
        )
        wall = time.perf_counter() - start
    found: dict[int, dict[str, object]] = {}
    ready: dict[str, str] | None = None
    for line in done.stdout.splitlines():
        record = json.loads(line)
        if "ready" in record:
            ready = record["ready"]
        else:
            found[int(record["id"])] = record
    failed = [r for r in found.values() if r["code"] == "failed"]
    if failed:
        raise RuntimeError(f"Pyodide could not start in Node:\n{failed[0]['message']}")
    if done.returncode != 0 or ready is None or len(found) != len(jobs):
        raise RuntimeError(
            f"Pyodide in Node failed (exit {done.returncode}):\n{done.stderr[-3000:]}"
        )
    runtime = f"pyodide {ready['pyodide']} (Python {ready['python']})"
    major, minor = ready["python"].split(".")[:2]
    version = (int(major), int(minor))
    results = []
    for index, example in enumerate(examples):
        record = found[index]
        code = record["code"]
        elapsed = record["elapsed"]
        results.append(
            RunResult(
                example=example,
                clock="real",
                command=[runtime, example.path.name],
                returncode=None if code == "timeout" else int(code),  # type: ignore[call-overload]
                stdout=str(record["stdout"]),
                stderr=str(record["stderr"]),
                elapsed=None if elapsed is None else float(elapsed),  # type: ignore[arg-type]
                wall=wall,
                timeout=jobs[index]["timeout_ms"] / 1000,  # type: ignore[operator]
                python=version,
            )
        )
    return results
