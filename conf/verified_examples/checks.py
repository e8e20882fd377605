"""Judge a run: its output against the committed file, its timing against the claim.

Every check returns problems as messages written for the author: they name the file
and say what to do. An empty list means the run is exactly what the page shows.
"""

from __future__ import annotations

import contextlib
import difflib
import math
import os
import re
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .catalog import Example
from .runner import RunResult

#: A timing an example prints: a decimal number of seconds, as in "2.00 s".
TIMING = re.compile(r"(?<![\w.])(\d+\.\d+)(?= ?s\b)")
#: How much earlier than declared a real-clock run may finish (timer granularity).
EARLY = 0.05
#: ...plus this share of the claim: a real run's own overheads (debug mode, setting
#: up sockets, starting processes) vary a little from run to run, and the recorded
#: run may have been a slow one. Breaking variants come out later, never earlier.
EARLY_RATIO = 0.05


def allowed_early(claimed: float) -> float:
    return EARLY + EARLY_RATIO * claimed


#: Virtual-clock timings are exact up to float rounding.
EXACT = 1e-6


@dataclass(frozen=True)
class Problem:
    kind: str  # missing-output, output, timeout, exit, stderr, leftover, pending,
    # elapsed; and for fault runs (faults.py): missed, bound, leak, prints
    message: str

    def __str__(self) -> str:
        return self.message


def update_command(example: Example) -> str:
    return f"make outputs NAME={example.name}"


def _rel(example: Example, path_attr: str = "out_path") -> str:
    path = getattr(example, path_attr)
    return f"examples/{example.chapter}/{path.name}"


def compare_output(
    expected: str, actual: str, allowed_late: Callable[[float], float] | None = None
) -> bool:
    """Whether ``actual`` matches ``expected``.

    With ``allowed_late=None`` the texts must be identical. Otherwise each printed
    timing ("1.23 s") may be up to ``allowed_late(expected)`` seconds later than the
    expected one (and ``allowed_early(expected)`` earlier), and every other character must be identical.
    """
    return timing_differences(expected, actual, allowed_late) == []


def timing_differences(
    expected: str, actual: str, allowed_late: Callable[[float], float] | None = None
) -> list[str] | None:
    """How ``actual`` misses ``expected``: [] if it matches, None if the text differs.

    Each entry names a printed timing that falls outside its allowance, with how late
    (or early) it came, for the failure message.
    """
    if expected == actual:
        return []
    if allowed_late is None:
        return None
    want, got = TIMING.split(expected), TIMING.split(actual)
    if len(want) != len(got):
        return None
    misses = []
    for i, (w, g) in enumerate(zip(want, got, strict=True)):
        if i % 2 == 0:
            if w != g:
                return None
            continue
        claimed, took = float(w), float(g)
        late, allowed = took - claimed, allowed_late(claimed)
        early = allowed_early(claimed)
        if not -early <= late <= allowed:
            where = want[i - 1].rsplit("\n", 1)[-1].strip() or "timing"
            how = f"{late:.2f} s late" if late > 0 else f"{-late:.2f} s early"
            misses.append(
                f"{where!r} {w} s came out {g} s: {how} (allowed: "
                f"{early:.2f} s early to {allowed:.2f} s late)"
            )
    return misses


def _cpu_seconds() -> tuple[float, float]:
    """The machine's busy CPU seconds so far (steal included: on a virtual machine,
    a neighbour's use of its cores), and those of this process and its children."""
    with open("/proc/stat", encoding="ascii") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]
    busy = (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")
    own = sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(
            resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
    )
    return busy, own


@contextlib.contextmanager
def free_cores() -> Iterator[Callable[[], float]]:
    """How many cores a run in the block had to itself: all of them, less what other
    programs kept busy meanwhile (Linux; elsewhere, all of them).

    Measured over the run, not after it: a run that needs two idle cores can be
    starved while it runs by load that has gone a second later. The run's own CPU
    time (its children's, once reaped) is not counted against it.
    """
    cores = float(os.cpu_count() or 1)
    free = [cores]
    try:
        busy0, own0 = _cpu_seconds()
    except (OSError, ValueError):
        yield lambda: free[0]
        return
    start = time.perf_counter()
    try:
        yield lambda: free[0]
    finally:
        busy1, own1 = _cpu_seconds()
        wall = max(time.perf_counter() - start, 1e-3)
        others = max(0.0, (busy1 - busy0) - (own1 - own0)) / wall
        free[0] = max(0.0, cores - others)


def load_note() -> str:
    """The machine's load, for real-clock failure messages."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return ""
    return f"Load average when checked: {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores."


def allowance(example: Example, clock: str) -> Callable[[float], float] | None:
    """How late each printed timing may be on ``clock`` (None: exact)."""
    if clock == "virtual":
        return None
    if not example.timed:
        return lambda claimed: math.inf  # time is not its point: any timing is fine
    return example.allowed_late


def output_diff(
    example: Example, expected: str, actual: str, clock: str, out_name: str = ""
) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"examples/{example.chapter}/{out_name or example.out_path.name} (expected)",
        tofile=f"{example.name} on the {clock} clock (actual)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def check_output(result: RunResult) -> list[Problem]:
    example = result.example
    # The output of the Python that ran it: <stem>.out, or <stem>.3.14.out where
    # the example declares that this Python prints something else (differs).
    expected = example.output_for(result.python)
    out_name = example.output_path_for(result.python).name
    if expected is None:
        return [
            Problem(
                "missing-output",
                f"examples/{example.chapter}/{out_name} is missing: every example "
                f"needs its expected output, written by a run. Run "
                f"`{update_command(example)}` to create it.",
            )
        ]
    allowed = allowance(example, result.clock)
    misses = timing_differences(expected, result.stdout, allowed)
    if misses == []:
        return []
    if misses is None:
        note = ""
        if allowed is not None:
            note = (
                "(Only printed timings may differ on the real clock, and only later.)\n"
            )
        return [
            Problem(
                "output",
                f"The output of {example.name} differs from "
                f"examples/{example.chapter}/{out_name}:\n"
                f"{output_diff(example, expected, result.stdout, result.clock, out_name)}{note}"
                f"If the new output is right, run `{update_command(example)}` and "
                "review the diff.",
            )
        ]
    return [
        Problem(
            "output",
            f"{example.name} printed timings outside their allowance on the real "
            f"clock:\n  " + "\n  ".join(misses) + f"\n{load_note()}\n"
            f"Each timing may be {example.tolerance:.2f} s + {example.late_ratio:.0%} of "
            f"itself late ({_rel(example, 'manifest_path')}: tolerance, late_ratio). "
            "If the machine was busy, this is load; if not, the example is slower than "
            "its page says.",
        )
    ]


def check_process(result: RunResult) -> list[Problem]:
    """The run finished, exited 0, printed nothing on stderr and left no task pending."""
    rel = _rel(result.example, "path")
    if result.timed_out:
        return [
            Problem(
                "timeout",
                f"{rel} did not finish within {result.timeout:g} s (real) on the "
                f"{result.clock} clock and was stopped: it hangs, or waits for something "
                f"that never comes. Output so far:\n{result.stdout}{result.stderr}",
            )
        ]
    problems = []
    if result.returncode != 0:
        problems.append(
            Problem(
                "exit",
                f"{rel} exited with code {result.returncode} on the {result.clock} clock "
                f"(examples must exit 0):\n{result.stderr}",
            )
        )
    elif result.stderr:
        problems.append(
            Problem(
                "stderr",
                f"{rel} wrote to stderr under `python -X dev -W error` (examples must run "
                f"clean: catch and print a warning or error the example demonstrates):\n"
                f"{result.stderr}",
            )
        )
    if result.leftovers:
        problems.append(
            Problem(
                "leftover",
                f"{rel} left processes running after it ended on the {result.clock} "
                "clock (the harness killed them): a reader's run would leave them "
                "behind too. Wait for each child (and its own children) before "
                "exiting:\n  " + "\n  ".join(result.leftovers),
            )
        )
    if result.pending:
        problems.append(
            Problem(
                "pending",
                f"{rel} left {len(result.pending)} task(s) pending when asyncio.run() "
                f"returned: {', '.join(result.pending)}. asyncio.run() cancels them "
                "silently; await or cancel them before main() returns.",
            )
        )
    return problems


def check_elapsed(result: RunResult, declared: float | None = None) -> list[Problem]:
    """The run took the time the manifest declares: exactly (virtual) or within tolerance.

    On the real clock an example whose time is not its point (``timed = false``) is
    not timed at all, and one whose point is the timings it prints
    (``timed = "printed"``) has those checked by check_output, not its total: only
    its hang timeout applies to the total.
    """
    example = result.example
    declared = example.elapsed if declared is None else declared
    took = result.elapsed
    if result.clock == "real" and not example.total_timed:
        return []
    if took is None:
        return [Problem("elapsed", f"{example.name} reported no elapsed time")]
    if result.clock == "virtual":
        ok = abs(took - declared) <= EXACT
        allowed = "exactly"
        load = ""
    else:
        low = declared - allowed_early(declared)
        high = declared + example.allowed_late(declared)
        ok = low <= took <= high
        allowed = f"between {low:.2f} s and {high:.2f} s, {took - declared:+.2f} s off"
        load = " " + load_note()
    if ok:
        return []
    return [
        Problem(
            "elapsed",
            f"{example.name} took {took:.3f} s on the {result.clock} clock, but "
            f"{_rel(example, 'manifest_path')} declares elapsed = {declared:g} "
            f"(allowed: {allowed}).{load} If the example changed on purpose, update "
            "the declaration and the page's claim.",
        )
    ]


def check_run(result: RunResult, *, output: bool = True) -> list[Problem]:
    """Every check on one run, in the order an author should read them."""
    problems = check_process(result)
    if result.timed_out:
        return problems
    if output:
        problems += check_output(result)
    return problems + check_elapsed(result)
