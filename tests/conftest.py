"""Shared fixtures: the examples on disk, the pages, and one pool that runs them.

Every example is run twice, on the virtual clock and on the real clock. The runs are
started together when the session begins (only for the tests that were selected):
real-clock runs mostly wait, so the suite's wall time stays near the longest example
instead of the sum of all of them.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

import pytest
from verified_examples import Example, RunResult, run
from verified_examples.catalog import ROOT, Fault, Variant, chapters, load_chapter
from verified_examples.faults import FaultRun, run_fault
from verified_examples.runner import run_variant

DOCS_DIR = ROOT / "docs"
#: How many real-clock runs may be in flight at once: they mostly wait.
MAX_REAL_RUNS = int(os.environ.get("EXAMPLE_REAL_RUNS", "16"))
#: Virtual-clock runs only compute, so one per core.
MAX_VIRTUAL_RUNS = os.cpu_count() or 2
#: A page shows an example with one directive line: ```{example} chapter/stem (or
#: an exercise, whose reference solution is an example: ```{exercise} chapter/stem)
DIRECTIVE = re.compile(
    r"^\s*(?:```+|:::+)\{(?:example|exercise)\}\s+(\S+)", re.MULTILINE
)


def _load() -> tuple[list[Example], str | None]:
    """Every example that its chapter's manifest declares correctly, and the problems.

    A wrong manifest fails one test (test_manifests_match_the_scripts) instead of
    hiding every other chapter's examples.
    """
    examples: list[Example] = []
    problems: list[str] = []
    for chapter in chapters():
        found, wrong = load_chapter(chapter)
        examples += found
        problems += wrong
    return examples, "\n".join(problems) or None


EXAMPLES, MANIFEST_ERROR = _load()


def example_id(example: Example) -> str:
    return example.name


def pages_showing() -> dict[str, list[str]]:
    """Example name -> the pages (docs/...) whose directives name it."""
    shown: dict[str, list[str]] = {}
    for page in sorted(DOCS_DIR.rglob("*.md")):
        for name in DIRECTIVE.findall(page.read_text(encoding="utf-8")):
            shown.setdefault(name.removesuffix(".py"), []).append(
                str(page.relative_to(ROOT))
            )
    return shown


class RunPool:
    """Starts the wanted runs side by side and hands each test its result."""

    def __init__(
        self,
        wanted: list[tuple[Example, str]],
        variants: list[tuple[Example, Variant, str]] = (),  # type: ignore[assignment]
        faults: list[tuple[Example, Fault, bool]] = (),  # type: ignore[assignment]
    ) -> None:
        self._executors = {
            "real": ThreadPoolExecutor(MAX_REAL_RUNS, thread_name_prefix="real"),
            "virtual": ThreadPoolExecutor(
                MAX_VIRTUAL_RUNS, thread_name_prefix="virtual"
            ),
        }
        self._futures: dict[tuple[str, str], Future[RunResult]] = {}
        self._fault_runs: dict[tuple[str, str, bool], Future[FaultRun]] = {}
        # Longest first, runs and variants together (a variant without the lesson
        # often takes about twice as long), so no long run starts last and holds
        # up the end of the session.
        jobs: list[tuple[float, Callable[[], object]]] = [
            (example.elapsed, functools.partial(self._submit, example, clock))
            for example, clock in wanted
        ]
        jobs += [
            (
                2 * example.elapsed,
                functools.partial(self._submit_variant, example, variant, clock),
            )
            for example, variant, clock in variants
        ]
        # Fault runs are cut short by their fault, or bounded by its `within`.
        jobs += [
            (
                min(example.elapsed, fault.within),
                functools.partial(self._submit_fault, example, fault, fixed),
            )
            for example, fault, fixed in faults
        ]
        for _, submit in sorted(jobs, key=lambda job: -job[0]):
            submit()

    def _submit_fault(
        self, example: Example, fault: Fault, fixed: bool
    ) -> Future[FaultRun]:
        key = (example.name, fault.fault, fixed)
        if key not in self._fault_runs:
            self._fault_runs[key] = self._executors["real"].submit(
                run_fault, example, fault, fixed=fixed
            )
        return self._fault_runs[key]

    def fault(self, example: Example, fault: Fault, *, fixed: bool = True) -> FaultRun:
        """A run under a fault (on the fix, or ``unfixed``), started with the others."""
        return self._submit_fault(example, fault, fixed).result()

    def _submit(self, example: Example, clock: str) -> Future[RunResult]:
        key = (example.name, clock)
        if key not in self._futures:
            self._futures[key] = self._executors[clock].submit(run, example, clock)  # type: ignore[arg-type]
        return self._futures[key]

    def result(self, example: Example, clock: str) -> RunResult:
        return self._submit(example, clock).result()

    def variant(self, example: Example, variant: Variant, clock: str) -> RunResult:
        """A breaking variant's run, started with the others when the session began."""
        return self._submit_variant(example, variant, clock).result()

    def _submit_variant(
        self, example: Example, variant: Variant, clock: str
    ) -> Future[RunResult]:
        key = (f"{example.name}#{example.breaks.index(variant)}", clock)
        if key not in self._futures:
            self._futures[key] = self._executors[clock].submit(
                run_variant,
                example,
                variant,
                clock,  # type: ignore[arg-type]
            )
        return self._futures[key]

    def settle(self) -> None:
        """Wait until the runs started with the session are done."""
        wait([*self._futures.values(), *self._fault_runs.values()])

    def rerun_alone(self, example: Example, clock: str) -> RunResult:
        """Run again once the other runs are done, on a quieter machine."""
        self.settle()
        return run(example, clock)  # type: ignore[arg-type]

    def fault_alone(self, example: Example, fault: Fault) -> FaultRun:
        """A fault run again once the other runs are done, on a quieter machine."""
        self.settle()
        return run_fault(example, fault)

    def close(self) -> None:
        for executor in self._executors.values():
            executor.shutdown(cancel_futures=True)


def _wanted_runs(items: list[pytest.Item]) -> list[tuple[Example, str]]:
    wanted = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        clock = item.get_closest_marker("runs_on")
        if callspec is None or clock is None:
            continue
        example = callspec.params.get("example")
        if isinstance(example, Example) and example.supported():
            if clock.args[0] == "virtual" and example.real_only:
                continue
            wanted.append((example, clock.args[0]))
    # Longest first, so the slow real-clock runs start at once.
    return sorted(wanted, key=lambda pair: (pair[1] != "real", -pair[0].elapsed))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "runs_on(clock): the test needs a run of its example"
    )
    config.addinivalue_line(
        "markers", "fault_run(fixed): the test needs a run of its example's fault"
    )


def _wanted_variants(items: list[pytest.Item]) -> list[tuple[Example, Variant, str]]:
    wanted = []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if isinstance(params.get("variant"), Variant) and params["example"].supported():
            wanted.append((params["example"], params["variant"], params["clock"]))
    return wanted


def _wanted_faults(items: list[pytest.Item]) -> list[tuple[Example, Fault, bool]]:
    wanted = []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if isinstance(params.get("fault"), Fault) and params["example"].supported():
            marker = item.get_closest_marker("fault_run")
            fixed = marker.args[0] if marker else True
            wanted.append((params["example"], params["fault"], fixed))
    return wanted


def pytest_collection_finish(session: pytest.Session) -> None:
    # After -k/-m deselection: start runs only for the tests that will run.
    session.config.stash[_WANTED] = _wanted_runs(session.items)
    session.config.stash[_VARIANTS] = _wanted_variants(session.items)
    session.config.stash[_FAULTS] = _wanted_faults(session.items)


_WANTED = pytest.StashKey[list[tuple[Example, str]]]()
_VARIANTS = pytest.StashKey[list[tuple[Example, Variant, str]]]()
_FAULTS = pytest.StashKey[list[tuple[Example, Fault, bool]]]()


@pytest.fixture(scope="session")
def runs(request: pytest.FixtureRequest) -> Iterator[RunPool]:
    stash = request.config.stash
    pool = RunPool(
        stash.get(_WANTED, []), stash.get(_VARIANTS, []), stash.get(_FAULTS, [])
    )
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, one per test process: Playwright's sync API allows one."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS, need_chromium

    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def shown() -> dict[str, list[str]]:
    return pages_showing()


def needs_python(example: Example) -> None:
    if not example.supported():
        pytest.skip(f"{example.name} needs Python {example.python_label}+")


def fail_with(problems: list[object]) -> None:
    if problems:
        pytest.fail("\n\n".join(map(str, problems)), pytrace=False)


@pytest.hookimpl(trylast=True)
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Under `make stress`, note each failure with the load average when it failed."""
    log = os.environ.get("STRESS_FAILURE_LOG")
    if log and report.failed:
        one, five, _ = os.getloadavg()
        # The assertion's own lines ("E   ...") say what went wrong; a failure
        # without them (pytest.fail(pytrace=False)) is its message.
        text = report.longreprtext.strip().splitlines()
        said = [line[1:].strip() for line in text if line.startswith("E ")] or text
        why = " | ".join(line for line in said if line)[:600]
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{report.nodeid}  (load {one:.1f}/{five:.1f}): {why}\n")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep tests together that share expensive state, for runs side by side.

    ``make test`` runs the browser tests with ``-n 2 --dist loadgroup``: a page is
    loaded once and shared by its tests (test_browser's ``tab``), so all of them go
    to the same worker and no page loads twice. Tests that need an example's run
    stay on one worker too, so no run is made twice. Without xdist the marks do
    nothing.
    """
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "runs" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("example-runs"))
        elif "tab" in params:
            item.add_marker(pytest.mark.xdist_group(str(params["tab"])))
