"""Authors' commands: ``python -m verified_examples {outputs,list} [NAME ...]``.

``outputs`` runs the named examples (all by default) and writes each one's expected
output file from that run: on the virtual clock, so printed timings are exact, or on
the real clock for examples marked ``clock = "real"``. A run that fails (non-zero
exit, stderr, a hang, pending tasks) writes nothing and is reported.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor

from .catalog import Example, discover
from .checks import check_elapsed, check_process
from .runner import RunResult, output_clock, run


def _select(names: list[str]) -> list[Example]:
    examples = discover()
    if not names:
        return examples
    known = {e.name: e for e in examples}
    unknown = [n for n in names if n.removesuffix(".py") not in known]
    if unknown:
        sys.exit(f"unknown example(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[n.removesuffix(".py")] for n in names]


def write_outputs(examples: list[Example]) -> int:
    runnable = [e for e in examples if e.supported()]
    for example in examples:
        if not example.supported():
            print(
                f"skip   {example.name}: needs Python {example.python_label}+; "
                "`make outputs-all` writes it with that Python"
            )
    failed = 0
    # Runs mostly wait, so run them side by side.
    with ThreadPoolExecutor(max_workers=16) as pool:
        results: list[RunResult] = list(
            pool.map(lambda e: run(e, output_clock(e)), runnable)
        )
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
        old = example.expected_output()
        if old != result.stdout:
            example.out_path.write_text(result.stdout, encoding="utf-8")
        state = (
            "same  "
            if old == result.stdout
            else ("new   " if old is None else "update")
        )
        print(
            f"{state} examples/{example.name}.out ({result.clock} clock, {result.elapsed:.2f} s)"
        )
        for problem in check_elapsed(result):
            print(f"       warning: {problem}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m verified_examples", description=__doc__
    )
    sub = parser.add_subparsers(dest="command", required=True)
    outputs = sub.add_parser("outputs", help="write expected outputs from runs")
    outputs.add_argument(
        "names", nargs="*", help="examples as CHAPTER/STEM (default: all)"
    )
    sub.add_parser("list", help="list the examples and their declared facts")
    args = parser.parse_args(argv)
    if args.command == "outputs":
        selected = _select(args.names)
        if args.own_version:
            selected = [e for e in selected if e.python == sys.version_info[:2]]
        return write_outputs(selected)
    for e in discover():
        clock = "real only" if e.real_only else "virtual+real"
        print(f"{e.name:45} {e.elapsed:6.2f} s  {clock:12} Python {e.python_label}+")
    return 0


if __name__ == "__main__":
    sys.exit(main())
