"""Run an example under a fault, and judge what is true afterwards.

A fault (``catalog.Fault``, declared in the chapter's ``examples.toml``) is injected
from outside the script readers copy: a signal sent to its PID, as ``kill``,
systemd, ``docker stop`` or Ctrl-C send it (``at`` seconds after the script's first
line runs, or ``after`` it prints a line containing some text), and/or a
substitution in the example's own job list, client or peer, as a breaking variant
is applied. Then the checks ask what a production engineer asks: did it end within
the bound, is every process it started gone (a grandchild in its own session
included), did it report the failure, were the others served, and did asyncio report
nothing lost or leaked (runs are under ``-X dev -W error``)?

Each scenario also runs on ``unfixed``, the code before the fix, where the tests
require it to fail: a scenario that cannot fail proves nothing.

A fault with a signal runs on the real clock (a signal and the moment it lands are
real), as does one of an example that runs on the real clock only; the others run
on the virtual clock, where a hung job costs no real time and the bound is exact.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Example, Fault
from .checks import Problem, allowance, load_note, output_diff, timing_differences
from .runner import (
    VIRTUAL_TIMEOUT,
    Clock,
    reap_leftovers,
    scratch_copy,
    start_process,
)

#: Real seconds the interpreter may take to reach the script's first line.
START_TIMEOUT = 20.0
#: What asyncio (and -X dev) write when something was lost or leaked, each at the
#: start of a line of stderr (a traceback's source lines and file names may hold the
#: same words): each is a failure of the pattern, whatever the fault.
LEAK_REPORTS = re.compile(
    r"^(?:"
    r"Task was destroyed but it is pending"
    r"|(?:Task|Future) exception was never retrieved"
    r"|Exception in callback "
    r"|Unhandled exception in client_connected_cb"
    r"|Error on transport creation"
    r"|Fatal (?:error|write error|read error) on "
    r"|(?:\S+:\d+: )?(?:\w+\.)*ResourceWarning: "
    # A coroutine never awaited, except main(): a signal that lands before
    # asyncio.run() has started it loses nothing.
    r"|(?:\S+:\d+: )?(?:\w+\.)*RuntimeWarning: coroutine '(?!main')[^']*' was never awaited"
    r")",
    re.MULTILINE,
)
# Not "Exception ignored" alone: a child whose parent died before reading its output
# reports a broken pipe that way as it exits, and a leak that -W error turns into an
# exception is reported with its warning's name, which the list above holds.
#: A signal test's bound: "nothing of it is running a few seconds later".
SIGNAL_BOUND = 5.0
#: Signal tests send their signal this many seconds after the script's first line...
EARLY = 0.1
#: ...and, for examples that run at least LATER_FROM seconds, again in another run
#: at this share of the example's running time.
LATER_SHARE = 0.6
LATER_FROM = 0.5


@dataclass
class FaultRun:
    """What one run under a fault did."""

    example: Example
    fault: Fault
    fixed: bool  # False: the run of ``unfixed``, the code before the fix
    returncode: int | None  # None: still running at the bound, then killed
    stdout: str
    stderr: str
    sent: float | None  # when the fault landed, in seconds after the first line
    ended: float | None  # when the script ended, in seconds after the first line
    gone: float | None  # seconds from the fault until every process was gone
    leftovers: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    missed: str | None = None  # why the fault never landed, if it did not
    clock: Clock = "real"
    #: On the virtual clock: the loop time the run took (the bound applies to it).
    loop_time: float | None = None


def _reader(
    stream: object, into: list[str], watch: str | None, seen: threading.Event
) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.append(line)
        if watch is not None and watch in line:
            seen.set()


def run_fault(
    example: Example, fault: Fault, *, fixed: bool = True, python: str = sys.executable
) -> FaultRun:
    """Run ``example`` (or its ``unfixed`` code) with ``fault`` injected.

    On the virtual clock where nothing real is in flight (no signal, and an example
    that may run there): a hung job then costs no real time, and the bound applies to
    the loop's time. Otherwise on the real clock.
    """
    clock = fault_clock(example, fault)
    source = fault.source(example.path.read_text(encoding="utf-8"), fixed=fixed)
    with (
        scratch_copy(example, source, "fault-") as changed,
        tempfile.TemporaryDirectory(prefix="report-") as tmp,
    ):
        report_path = Path(tmp) / "report.json"
        token = uuid.uuid4().hex
        ready_r, ready_w = os.pipe()
        try:
            process = start_process(
                changed, clock, report_path, token, python=python, ready_fd=ready_w
            )
        finally:
            os.close(ready_w)
        out: list[str] = []
        err: list[str] = []
        seen = threading.Event()
        readers = [
            threading.Thread(
                target=_reader,
                args=(process.stdout, out, fault.after, seen),
                daemon=True,
            ),
            threading.Thread(
                target=_reader,
                args=(process.stderr, err, None, threading.Event()),
                daemon=True,
            ),
        ]
        for reader in readers:
            reader.start()
        result = _drive(process, fault, ready_r, seen)
        with os.fdopen(ready_r, "rb"):
            pass
        # The bound is real time on the real clock; on the virtual clock it is
        # judged on the loop's time below, and real time only stops a true hang.
        bound = fault.within if clock == "real" else max(fault.within, VIRTUAL_TIMEOUT)
        deadline = result["fault_at"] + bound
        returncode: int | None
        try:
            returncode = process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            returncode = None
        ended = time.monotonic()
        if returncode is None:  # past the bound: the script itself is stopped first
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        # Everything the run started must be gone by the bound (or shortly after the
        # script itself, if that was later: a worker noticing its parent is gone).
        grace = max(0.2, deadline - time.monotonic())
        leftovers = reap_leftovers(token, process.pid, grace=grace)
        gone = time.monotonic()
        for reader in readers:
            reader.join(timeout=2.0)  # a leftover holding the pipe was killed above
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        try:
            report = json.loads(report_path.read_text())
        except (OSError, ValueError):
            report = {}  # killed by the signal before (or while) writing it
    start = result["start"]
    landed = result["missed"] is None
    return FaultRun(
        example=example,
        fault=fault,
        fixed=fixed,
        returncode=returncode,
        stdout="".join(out),
        stderr="".join(err),
        sent=result["fault_at"] - start if landed and start is not None else None,
        ended=ended - start if start is not None and returncode is not None else None,
        gone=gone - result["fault_at"]
        if not leftovers and returncode is not None
        else None,
        leftovers=leftovers,
        pending=report.get("pending", []),
        missed=result["missed"],
        clock=clock,
        loop_time=report.get("elapsed") if clock == "virtual" else None,
    )


def fault_clock(example: Example, fault: Fault) -> Clock:
    """The clock a fault runs on: virtual unless a signal or the example needs real."""
    return "real" if fault.signal or example.real_only else "virtual"


def _drive(
    process: subprocess.Popen[str], fault: Fault, ready: int, seen: threading.Event
) -> dict[str, float | str | None]:
    """Wait for the script's first line, then land the fault; say when it landed."""

    readable, _, _ = select.select([ready], [], [], START_TIMEOUT)
    byte = os.read(ready, 1) if readable else b""
    start = time.monotonic()
    if not byte:
        return {"start": None, "fault_at": start, "missed": "the script never started"}
    if fault.signal is None:
        return {"start": start, "fault_at": start, "missed": None}
    if fault.at is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=fault.at)
    else:
        while not seen.wait(0.02):
            if process.poll() is not None:
                break
            if time.monotonic() - start > START_TIMEOUT + fault.within:
                break
    now = time.monotonic()
    if process.poll() is not None:
        when = (
            f"{fault.at} s in"
            if fault.at is not None
            else f"a line with {fault.after!r}"
        )
        return {
            "start": start,
            "fault_at": now,
            "missed": f"the script ended {now - start:.2f} s in, before the fault ({when})",
        }
    if fault.after is not None and not seen.is_set():
        return {
            "start": start,
            "fault_at": now,
            "missed": f"no line with {fault.after!r} was printed",
        }
    os.kill(process.pid, getattr(signal, fault.signal))
    return {"start": start, "fault_at": now, "missed": None}


def _exit_name(code: int) -> str:
    if code < 0:
        try:
            return f"{code} (killed by {signal.Signals(-code).name})"
        except ValueError:
            return str(code)
    return str(code)


def check_fault(result: FaultRun) -> list[Problem]:
    """What must be true after the fault; [] if all of it is."""
    fault, name = result.fault, result.example.name
    what = f"{name} under {fault.fault!r}"
    code = "" if result.fixed else " (unfixed)"
    said = f"\n--- stdout:\n{result.stdout}--- stderr:\n{result.stderr}"
    if result.missed is not None:
        return [
            Problem(
                "missed",
                f"{what}{code}: the fault never landed: {result.missed}.{said}",
            )
        ]
    problems = []
    if result.returncode is None:
        problems.append(
            Problem(
                "bound",
                f"{what}{code} was still running {fault.within:g} s after the fault and "
                f"was killed. {load_note()}{said}",
            )
        )
    if result.loop_time is not None and result.loop_time > fault.within + 1e-6:
        problems.append(
            Problem(
                "bound",
                f"{what}{code} ran {result.loop_time:.2f} s of loop time (virtual "
                f"clock), past its bound of {fault.within:g} s.{said}",
            )
        )
    if result.leftovers:
        problems.append(
            Problem(
                "leftover",
                f"{what}{code} left processes running {fault.within:g} s after the "
                f"fault (now killed):\n  " + "\n  ".join(result.leftovers),
            )
        )
    if (
        result.returncode is not None
        and fault.exit
        and result.returncode not in fault.exit
    ):
        allowed = ", ".join(map(_exit_name, fault.exit))
        problems.append(
            Problem(
                "exit",
                f"{what}{code} exited {_exit_name(result.returncode)}, not {allowed}.{said}",
            )
        )
    leaks = [match.group() for match in LEAK_REPORTS.finditer(result.stderr)]
    if leaks:
        problems.append(
            Problem("leak", f"{what}{code}: asyncio reported {leaks} on stderr.{said}")
        )
    # A run that ended by Ctrl-C (or any error) leaves asyncio.run() to cancel what
    # was still running: that is its documented clean-up, not a lost task.
    if result.pending and result.returncode == 0:
        problems.append(
            Problem(
                "pending",
                f"{what}{code} left tasks pending: {', '.join(result.pending)}",
            )
        )
    missing = [text for text in fault.prints if text not in result.stdout]
    if missing:
        problems.append(
            Problem("prints", f"{what}{code} did not print {missing}.{said}")
        )
    missing = [text for text in fault.stderr if text not in result.stderr]
    if missing:
        problems.append(
            Problem("stderr", f"{what}{code}: stderr lacks {missing}.{said}")
        )
    # A declared exit 0 is a clean one; the signal tests (any exit) allow a
    # KeyboardInterrupt landing anywhere, even in a __del__ that reports it.
    if fault.exit and not fault.stderr and result.returncode == 0 and result.stderr:
        problems.append(
            Problem("stderr", f"{what}{code} exited 0 but wrote to stderr.{said}")
        )
    if fault.output and result.fixed and result.returncode is not None:
        problems += check_recorded_output(result)
    return problems


def signal_faults(example: Example) -> list[Fault]:
    """The faults every example must survive: SIGINT and SIGTERM to its PID, early in
    its run and (for one that runs long enough) later, with nothing left behind.

    Any exit status will do (dying of SIGTERM's default action is fine where the
    script owns nothing; its processes would be found left over), but it ends
    within SIGNAL_BOUND and asyncio reports nothing lost or leaked.
    """
    times = [EARLY]
    if example.elapsed >= LATER_FROM:
        times.append(round(LATER_SHARE * example.elapsed, 2))
    return [
        Fault(
            fault=f"{name} at {at:g} s",
            within=SIGNAL_BOUND,
            unfixed=(),
            signal=name,
            at=at,
            exit=(),
            stderr=(),
        )
        for name in ("SIGINT", "SIGTERM")
        for at in times
    ]


def describe(result: FaultRun) -> str:
    code = "fixed" if result.fixed else "unfixed"
    if result.missed:
        return f"{code}: missed ({result.missed})"
    parts = [
        f"{code}: exit {_exit_name(result.returncode) if result.returncode is not None else 'none (killed at the bound)'}"
    ]
    if result.sent is not None and result.fault.signal:
        parts.append(f"{result.fault.signal} at {result.sent:.2f} s")
    if result.loop_time is not None:
        parts.append(f"{result.loop_time:.2f} s of loop time (virtual clock)")
    elif result.ended is not None:
        parts.append(f"ended at {result.ended:.2f} s")
    if result.gone is not None:
        parts.append(f"all gone {result.gone:.2f} s after the fault")
    return ", ".join(parts)


# Recorded outputs of fault runs. A fault run whose output teaches (what a malformed
# reply now does to a batch) records it, as an example records its own, and a page
# shows it with ```{fault-output} chapter/stem name```. Its stamps live beside the
# examples' own, in the chapter's faults.sha256: the hash of the faulted script and
# of how the fault lands, so a change to either makes the recorded output stale.
FAULT_STAMPS = "faults.sha256"


def output_path(example: Example, fault: Fault) -> Path:
    return example.path.with_name(f"{example.path.stem}.{fault.output}.out")


def fault_hash(example: Example, fault: Fault) -> str:
    source = fault.source(example.path.read_text(encoding="utf-8"))
    landing = f"{fault.signal} {fault.at} {fault.after}"
    return hashlib.sha256(f"{source}\0{landing}".encode()).hexdigest()


def _read_fault_stamps(chapter: Path) -> dict[str, str]:
    try:
        lines = (chapter / FAULT_STAMPS).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    return {
        name: digest for digest, _, name in (line.partition("  ") for line in lines)
    }


def recorded(example: Example, name: str) -> tuple[Fault, str | None]:
    """The fault of ``example`` whose output is ``name``, and its recorded text."""
    for fault in example.faults:
        if fault.output == name:
            try:
                return fault, output_path(example, fault).read_text(encoding="utf-8")
            except FileNotFoundError:
                return fault, None
    raise LookupError(
        f"{example.name} declares no fault with output = {name!r} in "
        f"examples/{example.chapter}/examples.toml"
    )


def stale_reason(example: Example, fault: Fault) -> str | None:
    rel = f"examples/{example.chapter}/{output_path(example, fault).name}"
    if not output_path(example, fault).exists():
        return f"{rel} is missing: run `make outputs NAME={example.name}`"
    stamp = _read_fault_stamps(example.path.parent).get(
        output_path(example, fault).name
    )
    if stamp != fault_hash(example, fault):
        return (
            f"{rel} is stale: {example.name} or its fault {fault.fault!r} changed "
            f"after it was recorded. Run `make outputs NAME={example.name}`."
        )
    return None


def check_recorded_output(result: FaultRun) -> list[Problem]:
    """The fault run printed what the page shows (timings within the real clock's
    allowance, as any output)."""
    example, fault = result.example, result.fault
    expected = recorded(example, fault.output or "")[1]
    rel = f"examples/{example.chapter}/{output_path(example, fault).name}"
    if expected is None:
        return [
            Problem(
                "missing-output",
                f"{rel} is missing: run `make outputs NAME={example.name}`",
            )
        ]
    if (
        timing_differences(expected, result.stdout, allowance(example, result.clock))
        == []
    ):
        return []
    return [
        Problem(
            "output",
            f"{example.name} under {fault.fault!r} printed something else than {rel}:\n"
            + output_diff(example, expected, result.stdout, result.clock)
            + f"If the new output is right, run `make outputs NAME={example.name}`.",
        )
    ]


def write_outputs(example: Example) -> list[str]:
    """Record the output of each fault of ``example`` that declares one; report lines."""
    lines = []
    stamps = _read_fault_stamps(example.path.parent)
    for fault in (f for f in example.faults if f.output):
        result = run_fault(example, fault)
        problems = [
            p for p in check_fault(result) if p.kind not in {"output", "missing-output"}
        ]
        path = output_path(example, fault)
        if problems:
            lines.append(
                f"FAIL   {path.name}: nothing written\n" + "\n".join(map(str, problems))
            )
            continue
        old = path.read_text(encoding="utf-8") if path.exists() else None
        new = result.stdout
        if (
            old is not None
            and timing_differences(old, new, allowance(example, result.clock)) == []
        ):
            new = old  # real-clock timings wobble: keep a file the checks accept
        if old != new:
            path.write_text(new, encoding="utf-8")
        stamps[path.name] = fault_hash(example, fault)
        state = "same  " if old == new else ("new   " if old is None else "update")
        lines.append(
            f"{state} examples/{example.chapter}/{path.name} ({result.clock} clock, fault {fault.fault!r})"
        )
    if any(f.output for f in example.faults):
        chapter = example.path.parent
        existing = {p.name for p in chapter.glob("*.out")}
        text = "".join(f"{stamps[n]}  {n}\n" for n in sorted(stamps) if n in existing)
        (chapter / FAULT_STAMPS).write_text(text, encoding="utf-8")
    return lines
