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
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        for name in (
            "PYTHONASYNCIODEBUG",
            "PYTHONWARNINGS",
            "PYTHONPATH",
            "PYTHONUNBUFFERED",
        ):
            env.pop(name, None)
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=example.path.parent,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            start_new_session=True,  # its own process group, so a hang is killed whole
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
            returncode: int | None = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            returncode = None
        wall = time.perf_counter() - start
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
    )


def output_clock(example: Example) -> Clock:
    """The clock whose run writes the expected output: virtual (exact) where allowed."""
    return "real" if example.real_only else "virtual"


def run_variant(
    example: Example, variant: Variant, clock: Clock = "virtual"
) -> RunResult:
    """Run ``example`` with ``variant`` applied; judge it as the example itself.

    The changed script is written under the same file name in a scratch copy of its
    chapter folder (the ``.out`` files and any data files beside it, no other script),
    so the run, its messages and its checks read exactly as the example's would.
    """
    source = variant.apply(example.path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="variant-") as tmp:
        folder = Path(tmp) / example.chapter
        shutil.copytree(
            example.path.parent,
            folder,
            ignore=shutil.ignore_patterns("*.py", "__pycache__"),
        )
        path = folder / example.path.name
        path.write_text(source, encoding="utf-8")
        result = run(dataclasses.replace(example, path=path), clock)
    result.example = example  # same name and expected output as the scratch copy
    return result
