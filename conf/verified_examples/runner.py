"""Run an example as a reader would, in a fresh interpreter, and capture what happened."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .catalog import Example, Variant

Clock = Literal["virtual", "real"]
BOOTSTRAP = Path(__file__).with_name("_bootstrap.py")

#: Real seconds a virtual-clock run may take before it counts as hung. Such runs take
#: milliseconds of work plus the interpreter's start-up, even on a busy machine.
VIRTUAL_TIMEOUT = 20.0
#: Real-clock runs get their declared running time plus this margin.
REAL_TIMEOUT_MARGIN = 20.0

#: Every process a run starts carries this variable in its environment (with a value
#: of its own per run), so what it leaves running can be found afterwards, even a
#: grandchild in a session of its own, which the process group would not show.
RUN_TOKEN = "VERIFIED_EXAMPLES_RUN"
#: The bootstrap writes one byte to this file descriptor when the script's first line
#: is about to run, so a fault can be timed from there rather than from the
#: interpreter's start-up (which load stretches).
READY_FD = "VERIFIED_EXAMPLES_READY_FD"
#: Real seconds a process that a finished run started may take to go away by itself
#: (a pool worker noticing that its parent is gone) before it counts as left behind.
LEFTOVER_GRACE = 1.0

#: Flags every run gets: asyncio debug mode, ResourceWarning and friends on (-X dev),
#: and every warning turned into an error, so a coroutine never awaited or a socket
#: left open fails the example instead of scrolling past.
PYTHON_FLAGS = ("-X", "dev", "-W", "error")


@dataclass
class RunResult:
    """What one run of one example did."""

    example: Example
    clock: Clock
    command: list[str]
    returncode: int | None  # None when the run was stopped after its timeout
    stdout: str
    stderr: str
    elapsed: float | None  # seconds on the run's clock, from the script's first line
    wall: float  # real seconds the whole process took, start-up included
    timeout: float
    pending: list[str] = field(default_factory=list)
    trace: dict[str, Any] | None = None  # virtual-clock runs: see _tracer.py
    #: Processes the run started that were still alive after it ended (and were
    #: then killed): "PID command line".
    leftovers: list[str] = field(default_factory=list)
    #: The Python version that ran it: its output is example.output_for(python).
    #: Runs of this interpreter unless told (a Pyodide run: see pyodide.py).
    python: tuple[int, int] = (sys.version_info[0], sys.version_info[1])

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def reader_command(example: Example) -> str:
    """The command a reader types, as the page shows it."""
    return f"python3 {example.path.name}"


def default_timeout(example: Example, clock: Clock) -> float:
    if example.timeout is not None:
        return example.timeout
    if clock == "virtual":
        return VIRTUAL_TIMEOUT
    return example.elapsed * 2 + REAL_TIMEOUT_MARGIN


def run(
    example: Example,
    clock: Clock = "virtual",
    *,
    timeout: float | None = None,
    python: str = sys.executable,
) -> RunResult:
    """Run ``example`` on ``clock`` under ``python -X dev -W error``.

    The run is stopped (its whole process group killed) after ``timeout`` real
    seconds; the result then has ``returncode=None`` and whatever it printed so far.
    """
    if clock == "virtual" and example.real_only:
        raise ValueError(
            f"{example.name} is marked clock = 'real' and cannot run virtually"
        )
    timeout = default_timeout(example, clock) if timeout is None else timeout
    with tempfile.TemporaryDirectory(prefix="example-") as tmp:
        report_path = Path(tmp) / "report.json"
        token = uuid.uuid4().hex
        start = time.perf_counter()
        process = start_process(example, clock, report_path, token, python=python)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
            returncode: int | None = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            returncode = None
        wall = time.perf_counter() - start
        leftovers = reap_leftovers(token, process.pid)
        report = json.loads(report_path.read_text()) if report_path.exists() else {}
    return RunResult(
        example=example,
        clock=clock,
        command=[Path(python).name, *PYTHON_FLAGS, example.path.name],
        returncode=returncode,
        stdout=stdout,
        stderr=stderr,
        elapsed=report.get("elapsed"),
        wall=wall,
        timeout=timeout,
        pending=report.get("pending", []),
        trace=report.get("trace"),
        leftovers=leftovers,
    )


def start_process(
    example: Example,
    clock: Clock,
    report_path: Path,
    token: str,
    *,
    python: str = sys.executable,
    ready_fd: int | None = None,
) -> subprocess.Popen[str]:
    """Start ``example`` under the bootstrap, in its own folder and process group."""
    command = [
        python,
        "-u",
        *PYTHON_FLAGS,
        str(BOOTSTRAP),
        clock,
        str(report_path),
        str(example.path),
    ]
    # Unbuffered output (-u below), so a hang shows what was printed so far: as a
    # flag, not PYTHONUNBUFFERED, which the example's own child processes would
    # inherit, hiding what a missing flush does to them.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", RUN_TOKEN: token}
    for name in (
        "PYTHONASYNCIODEBUG",
        "PYTHONWARNINGS",
        "PYTHONPATH",
        "PYTHONUNBUFFERED",
    ):
        env.pop(name, None)
    if ready_fd is not None:
        env[READY_FD] = str(ready_fd)
    return subprocess.Popen(
        command,
        cwd=example.path.parent,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        pass_fds=() if ready_fd is None else (ready_fd,),
        start_new_session=True,  # its own process group, so a hang is killed whole
    )


def processes_of(token: str, group: int) -> list[tuple[int, str]]:
    """The live processes a run started: its process group, and any process that
    carries its token (a grandchild in a session of its own keeps the environment).

    Linux's /proc; elsewhere, nothing is found.
    """
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            mine = f"{RUN_TOKEN}={token}".encode() in (entry / "environ").read_bytes()
            stat = (entry / "stat").read_text()
            if not mine and int(stat.rsplit(")", 1)[1].split()[2]) != group:
                continue
            if stat.rsplit(")", 1)[1].split()[0] == "Z":
                continue  # a zombie has ended; only its parent has yet to reap it
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile, or not ours to read
        found.append((pid, command.decode(errors="replace").strip()))
    return found


def reap_leftovers(token: str, group: int, grace: float = LEFTOVER_GRACE) -> list[str]:
    """Wait up to ``grace`` s for what the run started to end; kill and name the rest."""
    deadline = time.monotonic() + grace
    while True:
        alive = processes_of(token, group)
        if not alive or time.monotonic() >= deadline:
            break
        time.sleep(0.05)
    for pid, _ in alive:
        with suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return [f"{pid} {command}" for pid, command in alive]


@contextmanager
def scratch_copy(example: Example, source: str, prefix: str) -> Iterator[Example]:
    """``example`` with ``source`` as its script, in a scratch copy of its folder.

    The changed script keeps its file name, beside the ``.out`` files, the data files
    and the other scripts (an example may import a sibling, as a project's test
    imports its server), so its run and its messages read as the example's would.
    """
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        folder = Path(tmp) / example.chapter
        shutil.copytree(
            example.path.parent, folder, ignore=shutil.ignore_patterns("__pycache__")
        )
        path = folder / example.path.name
        path.write_text(source, encoding="utf-8")
        yield dataclasses.replace(example, path=path)


def output_clock(example: Example) -> Clock:
    """The clock whose run writes the expected output: virtual (exact) where allowed."""
    return "real" if example.real_only else "virtual"


def run_variant(
    example: Example, variant: Variant, clock: Clock = "virtual"
) -> RunResult:
    """Run ``example`` with ``variant`` applied; judge it as the example itself.

    The changed script runs in a scratch copy of its chapter folder (scratch_copy),
    so the run, its messages and its checks read exactly as the example's would.
    """
    source = variant.apply(example.path.read_text(encoding="utf-8"))
    with scratch_copy(example, source, "variant-") as changed:
        result = run(changed, clock)
    result.example = example  # same name and expected output as the scratch copy
    return result
