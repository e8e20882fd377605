"""`make bench`: what the suite and the build cost, as medians over several runs.

Not a test: machines are noisy, so it reports figures instead of asserting them.

- the example suite's wall time against the sum of the examples' real running
  times (the ratio must stay small as examples are added: the virtual clock makes
  each example cost milliseconds, and real-clock runs overlap);
- a clean strict build of the site;
- a rebuild after touching one example.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "conf"))

from verified_examples import discover, run  # noqa: E402

SPHINX = [
    sys.executable,
    "-m",
    "sphinx",
    "-c",
    "conf",
    "-W",
    "--keep-going",
    "-n",
    "-q",
]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def sh(command: list[str]) -> None:
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def median_of(
    repeat: int,
    action: Callable[[], object],
    setup: Callable[[], object] = lambda: None,
) -> float:
    times = []
    for _ in range(repeat):
        setup()
        times.append(timed(action))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "5"))
    )
    repeat = parser.parse_args().repeat

    examples = [e for e in discover() if e.supported()]
    with ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(lambda e: run(e, "real"), examples))
    real_sum = sum(r.elapsed or 0.0 for r in results)
    longest = max(r.elapsed or 0.0 for r in results)

    suite = median_of(
        repeat,
        lambda: sh(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/test_examples.py",
            ]
        ),
    )

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "html"

        def clean() -> None:
            subprocess.run(["rm", "-rf", str(out)], check=True)

        build = [*SPHINX, "-b", "html", "docs", str(out)]
        clean_build = median_of(repeat, lambda: sh(build), clean)
        touched = examples[0].path
        rebuild = median_of(repeat, lambda: sh(build), lambda: touched.touch())

    print(f"examples: {len(examples)} ({len(results)} real-clock runs)")
    print(
        f"sum of the examples' real running times: {real_sum:6.2f} s (longest {longest:.2f} s)"
    )
    print(f"make test-examples, wall time (median of {repeat}): {suite:6.2f} s")
    print(f"  ratio suite / sum of real running times: {suite / real_sum:6.2f}")
    print(f"clean strict build (median of {repeat}): {clean_build:6.2f} s")
    print(
        f"rebuild after touching {touched.relative_to(ROOT)} (median of {repeat}): {rebuild:6.2f} s"
    )


if __name__ == "__main__":
    main()
