"""`make stress`: run a make target again and again with every core kept busy.

Real-clock checks must survive a loaded machine and still catch a broken lesson. This
runs ``make TARGET`` RUNS times (default: ``test-examples``, 20 times) while
``stress-ng --cpu N`` (N = cores) loads the machine, and reports each failure by test
id with the load average when it failed, then every run's time and the slowest.
Without stress-ng (and without root to install it), a pure-Python load of one busy
process per core stands in. At the end it builds the site twice, still loaded, and
requires the timelines of both builds to be byte-identical (``--no-builds`` skips it).

Not a test: it takes minutes. Usage:
    make stress [RUNS=20] [TARGET=test-examples]    (RUNS=0: only the two builds)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPHINX = [
    sys.executable,
    "-m",
    "sphinx",
    "-c",
    "conf",
    "-q",
    "-W",
    "--keep-going",
    "-n",
]
SVG = re.compile(r'<svg class="tl".*?</svg>', re.DOTALL)


def _burn() -> None:  # pragma: no cover - a load, not logic
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    while True:
        pass


class Load:
    """stress-ng on every core, installed if missing and possible; else Python."""

    def __init__(self, cores: int) -> None:
        self.cores = cores
        self.process: subprocess.Popen[bytes] | None = None
        self.burners: list[multiprocessing.Process] = []
        self.kind = ""

    def __enter__(self) -> Load:
        stress_ng = shutil.which("stress-ng") or self._install()
        if stress_ng:
            self.process = subprocess.Popen(
                [stress_ng, "--cpu", str(self.cores), "--quiet"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            self.kind = f"stress-ng --cpu {self.cores}"
        else:
            self.burners = [
                multiprocessing.Process(target=_burn, daemon=True)
                for _ in range(self.cores)
            ]
            for burner in self.burners:
                burner.start()
            self.kind = f"{self.cores} busy Python processes (no stress-ng here)"
        time.sleep(2)  # let the load average start to climb
        return self

    def _install(self) -> str | None:
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            return None
        print("Installing stress-ng (Debian's package) for the load")
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "stress-ng"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            check=False,
        )
        return shutil.which("stress-ng")

    def __exit__(self, *_: object) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait()
        for burner in self.burners:
            burner.terminate()
            burner.join()


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def run_target(target: str, log: Path) -> tuple[bool, float, list[str]]:
    """One run of ``make target``: passed, seconds, and its failures with the load."""
    log.write_text("")
    start = time.perf_counter()
    done = subprocess.run(
        ["make", "--no-print-directory", target],
        cwd=ROOT,
        env={**os.environ, "STRESS_FAILURE_LOG": str(log)},
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - start
    failures = [line for line in log.read_text().splitlines() if line]
    if done.returncode != 0 and not failures:
        # Failed before any test did (lint, build): show the end of what it said.
        failures = [
            f"make {target} failed: " + done.stdout[-2000:] + done.stderr[-2000:]
        ]
    return done.returncode == 0, took, failures


def timelines(build: Path) -> dict[str, list[str]]:
    return {
        str(page.relative_to(build)): SVG.findall(page.read_text(encoding="utf-8"))
        for page in sorted(build.rglob("*.html"))
    }


def compare_builds() -> bool:
    """Two clean builds under load: every timeline must come out byte-identical."""
    with tempfile.TemporaryDirectory() as tmp:
        pictures = []
        for n in (1, 2):
            out = Path(tmp) / f"html{n}"
            built = subprocess.run(
                [*SPHINX, "-b", "html", "docs", str(out)],
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
            if built.returncode != 0:
                print(f"clean build {n} under load failed:\n{built.stderr}")
                return False
            pictures.append(timelines(out))
    differ = [page for page in pictures[0] if pictures[0][page] != pictures[1][page]]
    count = sum(map(len, pictures[0].values()))
    if differ:
        print(f"timelines differ between two clean builds on: {', '.join(differ)}")
        return False
    print(f"two clean builds under load: all {count} timelines byte-identical")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--target", default="test-examples")
    parser.add_argument("--no-builds", action="store_true")
    args = parser.parse_args()
    cores = os.cpu_count() or 2
    times: list[float] = []
    failed_runs = 0
    with Load(cores) as load, tempfile.TemporaryDirectory() as tmp:
        print(f"make {args.target}, {args.runs} times, under {load.kind}")
        log = Path(tmp) / "failures.log"
        for n in range(1, args.runs + 1):
            ok, took, failures = run_target(args.target, log)
            times.append(took)
            failed_runs += not ok
            state = "passed" if ok else "FAILED"
            print(f"run {n:2}: {state} in {took:6.1f} s, load {load_average()}")
            for failure in failures:
                print(f"    {failure}")
        builds_ok = args.no_builds or compare_builds()
    if times:  # (--runs 0: only the two builds)
        print(
            f"{args.runs - failed_runs} of {args.runs} runs passed; median "
            f"{statistics.median(times):.1f} s, slowest {max(times):.1f} s "
            f"(run {times.index(max(times)) + 1})"
        )
    return 0 if failed_runs == 0 and builds_ok else 1


if __name__ == "__main__":
    sys.exit(main())
