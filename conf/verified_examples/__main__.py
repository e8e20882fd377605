"""Authors' commands: ``python -m verified_examples {outputs,faults,list} [NAME ...]``.

``outputs`` runs the named examples (all by default) and writes each one's expected
output file from that run: on the virtual clock, so printed timings are exact, or on
the real clock for examples marked ``clock = "real"``. A run that fails (non-zero
exit, stderr, a hang, pending tasks) writes nothing and is reported.

``faults`` runs each fault scenario the named examples declare (faults.py), on the
fixed code, where it must hold, and on ``unfixed``, where it must fail.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import faults, pyodide, typecheck
from .catalog import EXAMPLES_DIR, Example, ManifestError, discover, find, write_stamp
from .checks import allowance, check_elapsed, check_process, compare_output
from .runner import RunResult, output_clock, run


def _select(names: list[str], root: Path = EXAMPLES_DIR) -> list[Example]:
    """The named examples (each read from its own chapter only), or all of them."""
    try:
        if not names:
            return discover(root)
        return [find(name, root) for name in names]
    except (LookupError, ManifestError) as error:
        sys.exit(str(error).strip("'\""))


#: Runs of a timed real-clock example, one at a time, whose fastest is recorded.
REAL_RECORDING_RUNS = 3


def _fastest(example: Example) -> RunResult:
    runs = [run(example, "real") for _ in range(REAL_RECORDING_RUNS)]
    clean = [r for r in runs if not check_process(r)]
    return min(clean or runs, key=lambda r: r.elapsed or 0.0)


def _on_pyodide(examples: list[Example]) -> tuple[list[Example], str | None]:
    """The examples whose output (or one of whose outputs) only Pyodide's Python
    can write here: they need a newer Python than this one, or print something
    else on Pyodide's (``differs``). And why none can run there, if so."""
    wanted = [
        e
        for e in examples
        # A browser's Python cannot run it (sockets, threads...): no Pyodide run.
        if (e.differs or not e.supported()) and e.browser is None
    ]
    if not wanted:
        return [], None
    problem = pyodide.unavailable()
    if problem:
        return [], problem
    version = pyodide.python_version()
    here = sys.version_info[:2]
    return [
        e
        for e in wanted
        if e.supported(version)
        and (not e.supported() or e.output_version(version) != e.output_version(here))
    ], None


def write_outputs(examples: list[Example]) -> int:
    runnable = [e for e in examples if e.supported()]
    on_pyodide, no_pyodide = _on_pyodide(examples)
    for example in examples:
        if not example.supported() and example not in on_pyodide:
            print(
                f"skip   {example.name}: needs Python {example.python_label}+; "
                "`make outputs-all` writes it with that Python"
                + (f" ({no_pyodide})" if no_pyodide else "")
            )
        elif no_pyodide and example.differs:
            print(f"skip   {example.name}: its Python 3.14 output: {no_pyodide}")
    failed = 0
    # Runs mostly wait, so run them side by side; but a timed real-clock output is
    # recorded alone, as the fastest of a few runs: the tests accept no timing
    # earlier than the recorded one, and a run's own overheads (debug mode, start-up)
    # vary from run to run.
    alone = [e for e in runnable if e.real_only and e.timed]
    with ThreadPoolExecutor(max_workers=16) as pool:
        together = pool.map(
            lambda e: run(e, output_clock(e)), [e for e in runnable if e not in alone]
        )
        results: list[RunResult] = list(together)
    results += [_fastest(e) for e in alone]
    # On Pyodide's Python, in Node: the browser's runner, as a Run button runs it
    # (a real-clock run).
    results += pyodide.run_many(on_pyodide) if on_pyodide else []
    for result in results:
        example = result.example
        problems = check_process(result)
        if problems:
            failed += 1
            print(
                f"FAIL   {example.name}: nothing written\n"
                + "\n".join(map(str, problems))
            )
            continue
        # <stem>.out, or <stem>.3.14.out for a Python it differs on (differs).
        out_path = example.output_path_for(result.python)
        old = example.output_for(result.python)
        new = result.stdout
        # Real-clock timings wobble: keep the committed file when the new run matches
        # it within the tolerance the tests allow, so files don't churn.
        real = result.clock == "real"
        if (
            old is not None
            and real
            and compare_output(old, new, allowance(example, "real"))
        ):
            new = old
        if old != new:
            out_path.write_text(new, encoding="utf-8")
        write_stamp(example, example.output_version(result.python))
        state = "same  " if old == new else ("new   " if old is None else "update")
        where = f"{result.clock} clock"
        if result.command[0].startswith("pyodide"):
            where = f"{result.command[0]}, real clock"
        print(
            f"{state} examples/{example.chapter}/{out_path.name} ({where}, "
            f"{result.elapsed:.2f} s)"
        )
        for problem in check_elapsed(result):
            print(f"       warning: {problem}")
        mypy_state = typecheck.write(example)
        if mypy_state:
            print(f"{mypy_state} examples/{example.name}.mypy (mypy --strict)")
    for example in (e for e in runnable if any(f.output for f in e.faults)):
        for line in faults.write_outputs(example):
            failed += line.startswith("FAIL")
            print(line)
    return 1 if failed else 0


def run_faults(examples: list[Example], *, signals: bool = False) -> int:
    """Run each fault scenario on the fix (it must hold) and unfixed (it must fail)."""
    jobs = []
    for example in (e for e in examples if e.supported()):
        for fault in example.faults:
            jobs += [(example, fault, True), (example, fault, False)]
        if signals:
            jobs += [(example, fault, True) for fault in faults.signal_faults(example)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(
            pool.map(lambda job: faults.run_fault(job[0], job[1], fixed=job[2]), jobs)
        )
    failed = 0
    for result in results:
        problems = faults.check_fault(result)
        if result.missed and "ended" in result.missed and not result.fault.unfixed:
            print(f"skip {result.example.name}: {result.fault.fault}: {result.missed}")
            continue  # a signal test of a script too short for it, as the tests skip
        wrong = bool(problems) if result.fixed else not problems or result.missed
        failed += bool(wrong)
        verdict = "FAIL" if wrong else "ok  "
        print(f"{verdict} {result.example.name}: {result.fault.fault}")
        print(f"       {faults.describe(result)}")
        if not result.fixed and not problems:
            print("       the unfixed code passed: this scenario cannot fail")
        for problem in problems:
            text = str(problem) if wrong else str(problem).split("\n")[0]
            print("       " + text.replace("\n", "\n       "))
    print(f"{len(results) - failed} of {len(results)} runs as expected")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m verified_examples", description=__doc__
    )
    parser.add_argument(
        "--examples", type=Path, default=EXAMPLES_DIR, help="the examples folder"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    names = {"nargs": "*", "help": "examples as CHAPTER/STEM (default: all)"}
    outputs = sub.add_parser("outputs", help="write expected outputs from runs")
    outputs.add_argument("names", **names)  # type: ignore[arg-type]
    outputs.add_argument(
        "--own-version",
        action="store_true",
        help="only the examples that declare exactly this interpreter's version",
    )
    stale = sub.add_parser("stale", help="list missing or stale outputs; exit 1 if any")
    stale.add_argument("names", **names)  # type: ignore[arg-type]
    checked = sub.add_parser(
        "typecheck", help="mypy --strict over the examples; exit 1 on a problem"
    )
    checked.add_argument("names", **names)  # type: ignore[arg-type]
    faulted = sub.add_parser(
        "faults",
        help="run each declared fault scenario, on the fix and on the unfixed code",
    )
    faulted.add_argument("names", **names)  # type: ignore[arg-type]
    faulted.add_argument(
        "--signals",
        action="store_true",
        help="also send SIGINT and SIGTERM to each example, as the tests do",
    )
    sub.add_parser("list", help="list the examples and their declared facts")
    args = parser.parse_args(argv)

    if args.command == "outputs":
        selected = _select(args.names, args.examples)
        if args.own_version:
            here = sys.version_info[:2]
            selected = [
                e
                for e in selected
                if e.python == here or here in (v for v, _ in e.differs)
            ]
        return write_outputs(selected)
    if args.command == "stale":
        selected = _select(args.names, args.examples)
        reasons = [r for r in (e.stale_reason() for e in selected) if r]
        reasons += [
            r
            for e in selected
            for f in e.faults
            if f.output and (r := faults.stale_reason(e, f))
        ]
        print("\n".join(reasons) or "every expected output is up to date")
        return 1 if reasons else 0
    if args.command == "faults":
        return run_faults(_select(args.names, args.examples), signals=args.signals)
    if args.command == "typecheck":
        # Every example, at its minimum Python, whether or not this interpreter
        # runs it: mypy checks against typeshed's stubs for that version (an
        # example that needs 3.14 is checked as 3.14 code with no 3.14 here).
        selected = _select(args.names, args.examples)
        problems = typecheck.check(selected)
        print(
            "\n\n".join(problems) or f"{len(selected)} examples type-check as declared"
        )
        return 1 if problems else 0
    for e in _select([], args.examples):
        clock = "real only" if e.real_only else "virtual+real"
        print(f"{e.name:45} {e.elapsed:6.2f} s  {clock:12} Python {e.python_label}+")
    return 0


if __name__ == "__main__":
    sys.exit(main())
