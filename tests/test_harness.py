"""The harness's own tests: each failure it claims to catch, caught, with a clear message.

Every case writes a small example into a temporary examples folder and runs it through
the same runner and checks as the real examples.
"""

from __future__ import annotations

import dataclasses
import signal
import textwrap
import time
from pathlib import Path

import pytest
from verified_examples import (
    Example,
    check_run,
    compare_output,
    discover,
    find,
    run,
    typecheck,
)
from verified_examples.catalog import ManifestError
from verified_examples.checks import check_elapsed

GATHER = '''
"""Two tasks of 1 s and 2 s, run concurrently."""
import asyncio
import time


async def task(n: int, start: float) -> None:
    await asyncio.sleep(n)
    print(f"task{n} done at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    await asyncio.gather(task(1, start), task(2, start))
    print(f"total {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
'''
GATHER_OUT = "task1 done at 1.00 s\ntask2 done at 2.00 s\ntotal 2.00 s\n"


def make_example(
    root: Path, source: str, *, out: str | None = None, facts: str = "elapsed = 0.0"
) -> Example:
    chapter = root / "cases"
    chapter.mkdir(parents=True, exist_ok=True)
    (chapter / "case.py").write_text(textwrap.dedent(source).lstrip())
    (chapter / "examples.toml").write_text(f"[case]\n{facts}\n")
    if out is not None:
        (chapter / "case.out").write_text(out)
    [example] = discover(root)
    return example


def kinds(example: Example, clock: str = "virtual") -> dict[str, str]:
    return {p.kind: p.message for p in check_run(run(example, clock))}


# The good case first: the checks accept a correct example, on both clocks.


def test_a_correct_example_passes_on_the_virtual_clock_exactly(tmp_path: Path) -> None:
    example = make_example(tmp_path, GATHER, out=GATHER_OUT, facts="elapsed = 2.0")
    result = run(example, "virtual")
    assert result.stdout == GATHER_OUT  # exact: 2.00 s, not 2.01 s
    assert result.elapsed == pytest.approx(2.0, abs=1e-6)
    assert result.wall < 2.0, "the virtual clock must not wait for real"
    assert check_run(result) == []


@pytest.mark.slow
def test_a_correct_example_passes_on_the_real_clock(tmp_path: Path) -> None:
    example = make_example(tmp_path, GATHER, out=GATHER_OUT, facts="elapsed = 2.0")
    result = run(example, "real")
    assert result.elapsed is not None
    assert result.elapsed >= 2.0
    assert check_run(result) == []


def test_a_long_sleep_costs_no_real_time(tmp_path: Path) -> None:
    example = make_example(
        tmp_path,
        """
        import asyncio, time
        async def main() -> None:
            await asyncio.sleep(3600)
        start = time.monotonic()
        asyncio.run(main())
        print(f"{time.monotonic() - start:.2f} s")
        """,
        out="3600.00 s\n",
        facts="elapsed = 3600",
    )
    started = time.perf_counter()
    assert kinds(example) == {}
    assert time.perf_counter() - started < 10


# Each bad input, caught.


def test_missing_expected_output(tmp_path: Path) -> None:
    example = make_example(tmp_path, 'print("hello")\n')
    message = kinds(example)["missing-output"]
    assert "examples/cases/case.out is missing" in message
    assert "make outputs NAME=cases/case" in message


def test_wrong_output_shows_a_diff_and_the_fix(tmp_path: Path) -> None:
    example = make_example(
        tmp_path, 'print("hello")\nprint("world")\n', out="hello\nthere\n"
    )
    message = kinds(example)["output"]
    assert "-there\n" in message
    assert "+world\n" in message
    assert " hello\n" in message
    assert "make outputs NAME=cases/case" in message


def test_a_hang_is_stopped_and_named(tmp_path: Path) -> None:
    example = make_example(
        tmp_path,
        """
        import asyncio
        async def main() -> None:
            print("waiting for ever")
            await asyncio.Event().wait()
        asyncio.run(main())
        """,
        facts="elapsed = 0.0\ntimeout = 3",
    )
    started = time.perf_counter()
    message = kinds(example)["timeout"]
    assert time.perf_counter() - started < 10
    assert "examples/cases/case.py did not finish within 3 s" in message
    assert "waiting for ever" in message


def test_an_exception_shows_its_traceback(tmp_path: Path) -> None:
    example = make_example(
        tmp_path,
        """
        import asyncio
        async def main() -> None:
            1 / 0
        asyncio.run(main())
        """,
    )
    message = kinds(example)["exit"]
    assert "exited with code 1" in message
    assert "Traceback" in message
    assert "ZeroDivisionError: division by zero" in message


def test_a_task_left_pending_is_named(tmp_path: Path) -> None:
    example = make_example(
        tmp_path,
        """
        import asyncio
        async def forever() -> None:
            await asyncio.sleep(3600)
        async def main() -> None:
            task = asyncio.create_task(forever(), name="ticker")
            await asyncio.sleep(0.1)
        asyncio.run(main())
        """,
        out="",
        facts="elapsed = 0.1",
    )
    assert kinds(example) == {"pending": kinds(example)["pending"]}
    assert "ticker (forever)" in kinds(example)["pending"]


def test_a_coroutine_never_awaited_fails(tmp_path: Path) -> None:
    example = make_example(
        tmp_path,
        """
        import asyncio
        async def work() -> None: ...
        async def main() -> None:
            work()
        asyncio.run(main())
        """,
        out="",
    )
    assert "coroutine 'work' was never awaited" in kinds(example)["stderr"]


def test_an_unclosed_resource_fails(tmp_path: Path) -> None:
    example = make_example(
        tmp_path,
        """
        import asyncio, socket
        async def main() -> None:
            sock = socket.socket()
            del sock
        asyncio.run(main())
        """,
        out="",
    )
    assert "ResourceWarning: unclosed <socket.socket" in kinds(example)["stderr"]


def test_a_deprecation_warning_fails(tmp_path: Path) -> None:
    """Warnings are errors: a deprecated call is not taught by accident."""
    example = make_example(
        tmp_path,
        """
        import warnings
        warnings.warn("old API", DeprecationWarning)
        print("unreachable")
        """,
        out="unreachable\n",
    )
    assert "DeprecationWarning: old API" in kinds(example)["exit"]


SEQUENTIAL = GATHER.replace(
    "await asyncio.gather(task(1, start), task(2, start))",
    "await task(1, start)\n    await task(2, start)",
)


def test_a_sequential_variant_fails_the_timing_check_on_the_virtual_clock(
    tmp_path: Path,
) -> None:
    assert SEQUENTIAL != GATHER
    example = make_example(tmp_path, SEQUENTIAL, facts="elapsed = 2.0")
    message = kinds(example)["elapsed"]
    assert "took 3.000 s on the virtual clock" in message
    assert "declares elapsed = 2" in message


@pytest.mark.slow
def test_a_sequential_variant_fails_the_timing_check_on_the_real_clock(
    tmp_path: Path,
) -> None:
    example = make_example(tmp_path, SEQUENTIAL, facts="elapsed = 2.0")
    message = kinds(example, "real")["elapsed"]
    assert "on the real clock" in message


def test_the_seed_sequential_example_fails_the_gather_examples_claim() -> None:
    """On the site's own examples: the sequential version cannot pass as concurrent."""
    gather = find("basics/gather_two_tasks")
    sequential = find("basics/sequential_two_tasks")
    result = run(sequential, "virtual")
    assert check_elapsed(result) == []
    assert check_elapsed(result, declared=gather.elapsed) != []


def test_virtual_timing_is_exact(tmp_path: Path) -> None:
    """A tenth of a second too slow is caught: exactness belongs to the virtual clock."""
    slower = GATHER.replace("asyncio.sleep(n)", "asyncio.sleep(n + 0.1)")
    example = make_example(tmp_path, slower, facts="elapsed = 2.0")
    assert "elapsed" in kinds(example)


# The comparison rules themselves.


@pytest.mark.parametrize(
    ("actual", "matches"),
    [
        ("took 2.00 s\n", True),
        ("took 2.30 s\n", True),  # late, within tolerance (0.1 + 25% of 2.00)
        ("took 1.98 s\n", True),  # timer granularity
        ("took 2.61 s\n", False),  # too late
        ("took 1.88 s\n", True),  # a little early: 0.05 s + 5 % of 2.00
        ("took 1.84 s\n", False),  # too early
        ("took 2.00 s!\n", False),  # any other character differs
        ("took 2.00 s\nextra\n", False),
        ("Took 2.00 s\n", False),
    ],
)
def test_real_clock_comparison(actual: str, matches: bool) -> None:
    assert (
        compare_output("took 2.00 s\n", actual, lambda claimed: 0.1 + 0.25 * claimed)
        is matches
    )


def test_virtual_comparison_is_exact() -> None:
    assert compare_output("took 2.00 s\n", "took 2.00 s\n")
    assert not compare_output("took 2.00 s\n", "took 2.01 s\n")


def test_numbers_that_are_not_timings_must_match() -> None:
    assert not compare_output("3.14 apples\n", "3.15 apples\n", lambda claimed: 0.5)


# The manifest.


def test_a_script_without_a_manifest_entry_is_reported(tmp_path: Path) -> None:
    make_example(tmp_path, "print()\n")
    (tmp_path / "cases" / "other.py").write_text("print()\n")
    with pytest.raises(ManifestError, match=r"no entry for other\.py"):
        discover(tmp_path)


def test_a_manifest_entry_without_a_script_is_reported(tmp_path: Path) -> None:
    make_example(tmp_path, "print()\n")
    (tmp_path / "cases" / "examples.toml").write_text(
        "[case]\nelapsed = 0\n[gone]\nelapsed = 1\n"
    )
    with pytest.raises(ManifestError, match=r"\[gone\] names no script"):
        discover(tmp_path)


@pytest.mark.parametrize(
    ("timed", "total_checked"), [("true", True), ('"printed"', False), ("false", False)]
)
def test_what_the_real_clock_asserts_follows_timed(
    tmp_path: Path, timed: str, total_checked: bool
) -> None:
    """timed = "printed" asserts the printed timings but not the total; false, neither."""
    example = make_example(
        tmp_path, GATHER, out=GATHER_OUT, facts=f"elapsed = 2.0\ntimed = {timed}"
    )
    exact = run(example, "virtual")
    assert check_run(exact) == []
    slow_total = dataclasses.replace(exact, clock="real", elapsed=3.0)
    assert ("elapsed" in {p.kind for p in check_run(slow_total)}) is total_checked
    late_line = dataclasses.replace(
        slow_total,
        stdout=GATHER_OUT.replace("task2 done at 2.00", "task2 done at 2.90"),
    )
    assert ("output" in {p.kind for p in check_run(late_line)}) is (timed != "false")


@pytest.mark.parametrize(
    ("facts", "error"),
    [
        ("", "elapsed = <seconds> is required"),
        ("elapsed = 1\ntimed = 1", "timed must be true, false or"),
        ("elapsed = 1\nclok = 'real'", "unknown key"),
        ("elapsed = 1\nclock = 'fake'", "clock must be"),
        ("elapsed = 1\npython = '3'", "python must look like"),
    ],
)
def test_bad_facts_are_reported(tmp_path: Path, facts: str, error: str) -> None:
    chapter = tmp_path / "cases"
    chapter.mkdir()
    (chapter / "case.py").write_text("print()\n")
    (chapter / "examples.toml").write_text(f"[case]\n{facts}\n")
    with pytest.raises(ManifestError, match=error):
        discover(tmp_path)


def test_a_newer_python_is_declared_and_skipped_below_it(tmp_path: Path) -> None:
    example = make_example(tmp_path, "print()\n", facts="elapsed = 0\npython = '3.99'")
    assert example.python == (3, 99)
    assert not example.supported()
    assert example.supported((3, 99))


def test_a_run_gets_default_signal_handling_whatever_its_parent_ignores(
    tmp_path: Path,
) -> None:
    """sphinx-autobuild's builds ignore SIGINT; an example about Ctrl-C must not care."""
    example = make_example(
        tmp_path,
        """
        import asyncio, os, signal
        async def main() -> None:
            asyncio.get_running_loop().call_later(0.5, os.kill, os.getpid(), signal.SIGINT)
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("cancelled by Ctrl-C")
                raise
        try:
            asyncio.run(main())
        except KeyboardInterrupt:
            print("KeyboardInterrupt")
        """,
        out="cancelled by Ctrl-C\nKeyboardInterrupt\n",
        facts="elapsed = 0.5",
    )
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert kinds(example) == {}
    finally:
        signal.signal(signal.SIGINT, previous)


# Type checking: examples are mypy --strict clean, or record the report they teach.

FORGOTTEN_AWAIT = '''
"""A forgotten await, which a type checker reports."""
import asyncio


async def fetch() -> int:
    return 1


async def main() -> None:
    value: int = fetch()
    print(value)
'''


def test_a_type_clean_example_passes_mypy(tmp_path: Path) -> None:
    example = make_example(tmp_path, GATHER)
    assert typecheck.check([example]) == []


def test_a_type_error_fails_the_check_and_names_it(tmp_path: Path) -> None:
    example = make_example(tmp_path, FORGOTTEN_AWAIT)
    [problem] = typecheck.check([example])
    assert "case.py:10: error: Incompatible types in assignment" in problem
    assert "mypy --strict --python-version 3.11" in problem


def test_a_taught_type_error_is_recorded_and_held(tmp_path: Path) -> None:
    example = make_example(
        tmp_path, FORGOTTEN_AWAIT, facts='elapsed = 0.0\ntypecheck = "errors"'
    )
    [missing] = typecheck.check([example])
    assert "case.mypy is missing" in missing
    assert typecheck.write(example) == "new   "
    assert "case.py:10: error:" in example.mypy_path.read_text()
    assert typecheck.check([example]) == []
    # The report changes when the code does: the recorded one is then stale. (The
    # edit changes the file's size: mypy's cache trusts a file whose size and mtime,
    # in whole seconds, are unchanged, and this rewrite may land in the same second.)
    example.path.write_text(
        example.path.read_text().replace("value: int", "value: bytes")
    )
    [changed] = typecheck.check([example])
    assert "report on examples/cases/case.py changed" in changed


# Faults: each thing a fault scenario claims to catch, caught.

ORPHAN = '''
"""Starts a child (and a grandchild in its own session) and dies on SIGTERM."""
import asyncio
import sys

CHILD = "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)'], start_new_session=True); time.sleep(30)"


async def main() -> None:
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", CHILD)
    try:
        print("started", flush=True)
        await proc.wait()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


if __name__ == "__main__":
    asyncio.run(main())
'''


def fault_example(root: Path, source: str, fault: str) -> Example:
    return make_example(root, source, facts=f"elapsed = 1.0\n[[case.faults]]\n{fault}")


def fault_kinds(example: Example, fixed: bool = True) -> dict[str, str]:
    from verified_examples.faults import check_fault, run_fault

    [fault] = example.faults
    return {
        p.kind: p.message for p in check_fault(run_fault(example, fault, fixed=fixed))
    }


def test_a_fault_finds_a_grandchild_left_in_its_own_session(tmp_path: Path) -> None:
    example = fault_example(
        tmp_path,
        ORPHAN,
        'fault = "SIGTERM"\nsignal = "SIGTERM"\nafter = "started"\nwithin = 2\n'
        'exit = -15\nunfixed = { replace = "started", by = "started" }',
    )
    found = fault_kinds(example)
    assert set(found) == {"leftover"}, found
    # The child, and the grandchild in a session of its own:
    assert len(found["leftover"].splitlines()) == 3, found["leftover"]


def test_a_fault_run_past_its_bound_is_stopped_and_named(tmp_path: Path) -> None:
    example = fault_example(
        tmp_path,
        ORPHAN.replace("proc.kill()", "await asyncio.sleep(30)"),
        'fault = "Ctrl-C"\nsignal = "SIGINT"\nafter = "started"\nwithin = 1\n'
        'exit = -2\nunfixed = { replace = "started", by = "started" }',
    )
    found = fault_kinds(example)
    assert "bound" in found
    assert "still running 1 s after the fault" in found["bound"]


def test_a_fault_checks_exit_output_and_what_asyncio_reports(tmp_path: Path) -> None:
    example = fault_example(
        tmp_path,
        """
        import asyncio


        async def main() -> None:
            print("served")
            await asyncio.sleep(0)


        if __name__ == "__main__":
            asyncio.run(main())
        """,
        'fault = "a job raises"\nreplace = "await asyncio.sleep(0)"\n'
        'by = "raise ValueError(1)"\nwithin = 5\nprints = ["served", "reported"]\n'
        'unfixed = { replace = "served", by = "lost" }',
    )
    fixed, unfixed = fault_kinds(example), fault_kinds(example, fixed=False)
    assert {"exit", "prints"} <= set(fixed), fixed
    assert "['reported']" in fixed["prints"], fixed["prints"]
    assert "['served', 'reported']" in unfixed["prints"], unfixed["prints"]


def test_a_lost_task_under_a_fault_is_reported(tmp_path: Path) -> None:
    example = fault_example(
        tmp_path,
        """
        import asyncio


        async def fail() -> None:
            raise ValueError("lost")


        async def main() -> None:
            task = asyncio.get_running_loop().create_task(fail())
            await asyncio.sleep(0.1)
            print("done", task.done())
            del task


        if __name__ == "__main__":
            asyncio.run(main())
        """,
        'fault = "a job raises"\nreplace = "print("\nby = "print(1, "\nwithin = 5\n'
        'unfixed = { replace = "del task", by = "pass" }',
    )
    assert "leak" in fault_kinds(example), "never retrieved"


def test_a_fault_that_never_lands_is_named(tmp_path: Path) -> None:
    example = fault_example(
        tmp_path,
        'print("quick")\n',
        'fault = "late"\nsignal = "SIGINT"\nat = 2.0\nwithin = 1\n'
        'unfixed = { replace = "quick", by = "quick" }',
    )
    found = fault_kinds(example)
    assert set(found) == {"missed"}
    assert "before the fault" in found["missed"]


@pytest.mark.parametrize(
    "fault",
    [
        'fault = "no unfixed"\nsignal = "SIGINT"\nat = 1\nwithin = 1',
        'fault = "no time"\nsignal = "SIGINT"\nwithin = 1\nunfixed = {replace="a", by="b"}',
        'fault = "nothing"\nwithin = 1\nunfixed = {replace="a", by="b"}',
        'fault = "kill"\nsignal = "SIGKILL"\nat = 1\nwithin = 1\nunfixed = {replace="a", by="b"}',
    ],
)
def test_a_fault_without_its_facts_is_refused(tmp_path: Path, fault: str) -> None:
    with pytest.raises(ManifestError, match="fault"):
        fault_example(tmp_path, 'print("a")\n', fault)


def test_a_normal_run_that_leaves_a_process_fails(tmp_path: Path) -> None:
    example = make_example(
        tmp_path,
        """
        import subprocess
        import sys

        subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(30)"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        print("bye")
        """,
        out="bye\n",
    )
    found = kinds(example)
    assert "leftover" in found, found
    assert "time.sleep(30)" in found["leftover"]


def test_a_hung_job_is_judged_on_the_loop_time_without_costing_real_time(
    tmp_path: Path,
) -> None:
    example = fault_example(
        tmp_path,
        """
        import asyncio


        async def main() -> None:
            try:
                async with asyncio.timeout(5):
                    await asyncio.sleep(1)  # the job
            except TimeoutError:
                print("gave up on the job")


        if __name__ == "__main__":
            asyncio.run(main())
        """,
        'fault = "the job hangs"\nreplace = "sleep(1)"\nby = "sleep(3600)"\nwithin = 6\n'
        'prints = ["gave up"]\n'
        'unfixed = { replace = "asyncio.timeout(5)", by = "asyncio.timeout(None)" }',
    )
    start = time.perf_counter()
    assert fault_kinds(example) == {}
    found = fault_kinds(example, fixed=False)
    assert time.perf_counter() - start < 10  # an hour of loop time, twice
    assert "bound" in found, found
    assert "3600.00 s of loop time" in found["bound"]


def test_a_recorded_fault_output_is_checked_and_goes_stale(tmp_path: Path) -> None:
    from verified_examples.faults import (
        check_fault,
        output_path,
        run_fault,
        stale_reason,
        write_outputs,
    )

    example = fault_example(
        tmp_path,
        'print("served")\nprint("failed: job 2")\n',
        'fault = "job 2 fails"\nreplace = "job 2"\nby = "job 3"\nwithin = 5\n'
        'output = "job-fails"\nunfixed = { replace = "served", by = "lost" }',
    )
    [fault] = example.faults
    assert "is missing" in (stale_reason(example, fault) or "")
    [line] = write_outputs(example)
    assert line.startswith("new"), line
    assert output_path(example, fault).read_text() == "served\nfailed: job 3\n"
    assert stale_reason(example, fault) is None
    assert check_fault(run_fault(example, fault)) == []
    output_path(example, fault).write_text("served\nfailed: job 4\n")
    found = {p.kind: p.message for p in check_fault(run_fault(example, fault))}
    assert "output" in found, found
    assert "+failed: job 3" in found["output"]
    example.path.write_text('print("served!")\nprint("failed: job 2")\n')
    assert "is stale" in (stale_reason(example, fault) or "")
