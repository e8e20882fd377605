"""`make bench`: what the suite and the build cost, as medians over several runs.

Not a test: machines are noisy, so it reports figures instead of asserting them.

- ``make test`` as a whole against the same sum (``BENCH_TEST_REPEAT`` times);
- the example suite's wall time against the sum of the examples' real running
  times (the ratio must stay small as examples are added: the virtual clock makes
  each example cost milliseconds, and real-clock runs overlap);
- a clean strict build of the site, with timelines (every virtual-clock example
  run traced) and without (``-D examples_timelines=0``), and the largest timeline;
- a rebuild after touching one example;
- the live preview: seconds from saving an example to its page showing the new
  output (sphinx-autobuild on a scratch site, as tests/test_authoring.py runs it).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
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
    parser.add_argument(
        "--test-repeat",
        type=int,
        default=int(os.environ.get("BENCH_TEST_REPEAT", "1")),
        help="how many times to time `make test` as a whole (0: skip it)",
    )
    args = parser.parse_args()
    repeat = args.repeat

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
            shutil.rmtree(out, ignore_errors=True)

        build = [*SPHINX, "-b", "html", "docs", str(out)]
        clean_build = median_of(repeat, lambda: sh(build), clean)
        bare = [*SPHINX, "-D", "examples_timelines=0", "-b", "html", "docs", str(out)]
        clean_bare = median_of(repeat, lambda: sh(bare), clean)
        sh(build)
        touched = examples[0].path
        rebuild = median_of(repeat, lambda: sh(build), lambda: touched.touch())
        svgs = [
            len(svg.group(0).encode())
            for page in out.rglob("*.html")
            for svg in re.finditer(
                r'<svg class="tl".*?</svg>', page.read_text(), re.DOTALL
            )
        ]

    latency = preview_latency(repeat)

    print(f"examples: {len(examples)} ({len(results)} real-clock runs)")
    print(
        f"sum of the examples' real running times: {real_sum:6.2f} s (longest {longest:.2f} s)"
    )
    print(f"make test-examples, wall time (median of {repeat}): {suite:6.2f} s")
    print(f"  ratio suite / sum of real running times: {suite / real_sum:6.2f}")
    if args.test_repeat:
        whole = median_of(
            args.test_repeat, lambda: sh(["make", "--no-print-directory", "test"])
        )
        print(
            f"make test as a whole (median of {args.test_repeat}): {whole:6.2f} s, "
            f"ratio to the sum of real running times: {whole / real_sum:6.2f}"
        )
    print(
        f"clean strict build with timelines (median of {repeat}): {clean_build:6.2f} s"
    )
    print(
        f"clean strict build without timelines (median of {repeat}): {clean_bare:6.2f} s"
    )
    print(f"timelines: {len(svgs)}, largest {max(svgs, default=0)} bytes")
    print(
        f"rebuild after touching {touched.relative_to(ROOT)} (median of {repeat}): {rebuild:6.2f} s"
    )
    print(
        f"live preview, save to new output on the page (median of {repeat}): {latency:6.2f} s"
    )


def preview_latency(repeat: int) -> float:
    """Median seconds from saving an example to the preview serving its new output."""
    import socket
    import urllib.request

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        chapter = site / "examples" / "cases"
        chapter.mkdir(parents=True)
        script = chapter / "hello.py"
        script.write_text(HELLO.format(word="hello"))
        (chapter / "examples.toml").write_text("[hello]\nelapsed = 1.0\n")
        (site / "docs").mkdir()
        (site / "docs" / "index.md").write_text(
            "# Hello\n\n```{example} cases/hello\n```\n"
        )
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sphinx_autobuild",
                "-c",
                str(ROOT / "conf"),
                "-q",
                "-D",
                f"examples_dir={site / 'examples'}",
                "-D",
                "examples_live=1",
                str(site / "docs"),
                str(site / "out"),
                "--watch",
                str(chapter),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def page() -> str:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/index.html", timeout=2
                ) as r:
                    return r.read().decode()
            except OSError:
                return ""

        try:
            deadline = time.monotonic() + 120
            while "<pre" not in page() and time.monotonic() < deadline:
                time.sleep(0.1)
            times = []
            for i in range(repeat):
                word = f"edit{i}"
                time.sleep(1)  # let the previous build settle
                script.write_text(HELLO.format(word=word))
                start = time.perf_counter()
                while f"{word}\n</pre>" not in page():
                    if time.perf_counter() - start > 60:
                        raise RuntimeError("the preview did not update within 60 s")
                    time.sleep(0.02)
                times.append(time.perf_counter() - start)
            return statistics.median(times)
        finally:
            server.terminate()
            server.wait(timeout=10)


HELLO = """import asyncio


async def main() -> None:
    await asyncio.sleep(1)
    print("{word}")


if __name__ == "__main__":
    asyncio.run(main())
"""


if __name__ == "__main__":
    main()
