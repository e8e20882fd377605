"""Judge a run: its output against the committed file, its timing against the claim.

Every check returns problems as messages written for the author: they name the file
and say what to do. An empty list means the run is exactly what the page shows.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .catalog import Example
from .runner import RunResult

#: A timing an example prints: a decimal number of seconds, as in "2.00 s".
TIMING = re.compile(r"(?<![\w.])(\d+\.\d+)(?= ?s\b)")
#: How much earlier than declared a real-clock run may finish (timer granularity).
EARLY = 0.05
#: Virtual-clock timings are exact up to float rounding.
EXACT = 1e-6


@dataclass(frozen=True)
class Problem:
    kind: str  # missing-output, output, timeout, exit, stderr, pending, elapsed
    message: str

    def __str__(self) -> str:
        return self.message


def update_command(example: Example) -> str:
    return f"make outputs NAME={example.name}"


def _rel(example: Example, path_attr: str = "out_path") -> str:
    path = getattr(example, path_attr)
    return f"examples/{example.chapter}/{path.name}"


def compare_output(expected: str, actual: str, tolerance: float | None = None) -> bool:
    """Whether ``actual`` matches ``expected``.

    With ``tolerance=None`` the texts must be identical. Otherwise each printed timing
    ("1.23 s") may be up to ``tolerance`` seconds later (or ``EARLY`` earlier) than the
    expected one, and every other character must still be identical.
    """
    if tolerance is None or expected == actual:
        return expected == actual
    want, got = TIMING.split(expected), TIMING.split(actual)
    if len(want) != len(got):
        return False
    for i, (w, g) in enumerate(zip(want, got, strict=True)):
        if i % 2 == 0:
            if w != g:
                return False
        elif not -EARLY <= float(g) - float(w) <= tolerance:
            return False
    return True


def output_diff(example: Example, expected: str, actual: str, clock: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{_rel(example)} (expected)",
        tofile=f"{example.name} on the {clock} clock (actual)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def check_output(result: RunResult) -> list[Problem]:
    example = result.example
    expected = example.expected_output()
    if expected is None:
        return [
            Problem(
                "missing-output",
                f"{_rel(example)} is missing: every example needs its expected output, "
                f"written by a run. Run `{update_command(example)}` to create it.",
            )
        ]
    tolerance = None if result.clock == "virtual" else example.tolerance
    if compare_output(expected, result.stdout, tolerance):
        return []
    note = (
        ""
        if tolerance is None
        else f"(On the real clock each printed timing may be up to {tolerance:.2f} s late.)\n"
    )
    return [
        Problem(
            "output",
            f"The output of {example.name} differs from {_rel(example)}:\n"
            f"{output_diff(example, expected, result.stdout, result.clock)}{note}"
            f"If the new output is right, run `{update_command(example)}` and review the diff.",
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
    """The run took the time the manifest declares: exactly (virtual) or within tolerance."""
    example = result.example
    declared = example.elapsed if declared is None else declared
    took = result.elapsed
    if took is None:
        return [Problem("elapsed", f"{example.name} reported no elapsed time")]
    if result.clock == "virtual":
        low = high = declared
        ok = abs(took - declared) <= EXACT
        allowed = "exactly"
    else:
        low, high = declared - EARLY, declared + example.tolerance
        ok = low <= took <= high
        allowed = f"between {low:.2f} s and {high:.2f} s"
    if ok:
        return []
    return [
        Problem(
            "elapsed",
            f"{example.name} took {took:.3f} s on the {result.clock} clock, but "
            f"{_rel(example, 'manifest_path')} declares elapsed = {declared:g} "
            f"(allowed: {allowed}). If the example changed on purpose, update the "
            "declaration and the page's claim.",
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
