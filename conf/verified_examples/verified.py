"""Which Pythons verified each example's output: the facts line's "Verified on".

A page claims a Python for an example only where a recorded fact says that a run on
that Python printed the example's expected output, and a test holds the fact:

- **CPython 3.X**: ``examples/verified.toml`` records, per Python version, the
  release that ran and a digest of each example that passed its output checks
  there (``tests/test_examples.py``: the virtual clock and the real clock), over
  the script and the output that Python must print. It is written by those runs
  (this module is a pytest plugin: ``make test-all`` loads it, for every Python
  it finds), never by hand. When the script or its output changes, the digest no
  longer matches and the claim lapses until a run on that Python records it again.
- **3.14 (Pyodide)**: the browser's Python (its version read from the pinned
  Pyodide). An example with a Run button (``browser`` unset in its manifest) has
  a verdict that ``tests/test_browser_run.py`` holds on every ``make test``: in
  Chromium it prints its expected output for that Python (``<stem>.3.14.out``
  where it ``differs``), timings aside, exits 0 and writes nothing on stderr.
  Examples that need 3.14 are also run in Node by ``tests/test_py314.py``.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .catalog import EXAMPLES_DIR, Example

RECORD = EXAMPLES_DIR / "verified.toml"
#: The tests whose passing verifies an example's output on a Python.
OUTPUT_TESTS = ("test_virtual_clock", "test_real_clock")
HEADER = """\
# Which CPython versions printed each example's expected output, as the tests saw it:
# per version, the release that ran and, per example, a digest of its script and
# of the output that version must print. Written by the runs (tests/test_examples.py
# with the verified_examples.verified plugin: `make test-all`), never by hand; the
# facts line under each example names the versions whose digest still matches.
"""


def label(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version[:2]))


def digest(example: Example, python: tuple[int, ...]) -> str:
    """The example as Python ``python`` verifies it: its script and that output."""
    h = hashlib.sha256(example.path.read_bytes())
    h.update(b"\0")
    h.update((example.output_for(python) or "").encode("utf-8"))
    return h.hexdigest()[:16]


def read_record(path: Path = RECORD) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return {}


def cpython_versions(example: Example, record: dict[str, Any]) -> list[str]:
    """The CPython versions the record says verified the example as it is now."""
    found = []
    for version, entry in record.items():
        python = tuple(int(part) for part in version.split("."))
        if entry.get("examples", {}).get(example.name) == digest(example, python):
            found.append(version)
    return sorted(found, key=lambda v: tuple(map(int, v.split("."))))


def pyodide_claim(example: Example, pyodide: tuple[int, int] | None) -> str | None:
    """``3.14 (Pyodide)`` where the browser test holds the example's output there."""
    if pyodide is None or example.browser is not None:
        return None
    if not example.supported(pyodide):
        return None
    return f"{label(pyodide)} (Pyodide)"


def verified_on(
    example: Example, record: dict[str, Any], pyodide: tuple[int, int] | None
) -> list[str]:
    """The Pythons to name on the facts line, oldest first."""
    names = cpython_versions(example, record)
    claim = pyodide_claim(example, pyodide)
    return [*names, claim] if claim else names


def sentence(
    example: Example, record: dict[str, Any], pyodide: tuple[int, int] | None
) -> str:
    """What the facts line says, e.g. Verified on 3.11 · 3.12 · 3.14 (Pyodide)."""
    names = verified_on(example, record, pyodide)
    if not names:
        return "Not yet verified on a Python here: make test-all records it."
    if names == [pyodide_claim(example, pyodide)]:
        # Only Pyodide, in its real-clock runs: no fast-forwarding clock has timed it.
        return (
            f"Verified on {names[0]} only: what it prints, not yet its time on a "
            "fast-forwarding clock, which needs a native Python "
            f"{example.python_label} (make test-all runs one where there is one)."
        )
    return f"Verified on {' · '.join(names)}."


def write_record(
    passed: Iterable[Example],
    failed: Iterable[str],
    python: tuple[int, ...] = tuple(sys.version_info[:3]),
    path: Path = RECORD,
) -> None:
    """Record ``passed`` as verified on ``python``; forget ``failed`` (names) there.

    Entries of other examples (not run this time) and of other versions stay.
    """
    record = read_record(path)
    version = label(python)
    entry = record.setdefault(version, {})
    examples = dict(entry.get("examples", {}))
    for name in failed:
        examples.pop(name, None)
    for example in passed:
        examples[example.name] = digest(example, python)
    entry["release"] = ".".join(map(str, python))
    entry["examples"] = examples
    lines = [HEADER]
    for v in sorted(record, key=lambda v: tuple(map(int, v.split(".")))):
        lines.append(f'\n["{v}"]\nrelease = "{record[v]["release"]}"\n')
        lines.append(f'\n["{v}".examples]\n')
        lines += [f'"{n}" = "{d}"\n' for n, d in sorted(record[v]["examples"].items())]
    path.write_text("".join(lines), encoding="utf-8")


# ------------------------------------------------------------ the pytest plugin


class _Recorder:
    """Collects, per example, the outcome of its output tests in this session."""

    def __init__(self) -> None:
        self.outcomes: dict[str, set[str]] = {}
        self.examples: dict[str, Example] = {}

    def pytest_collection_modifyitems(self, items: list[Any]) -> None:
        for item in items:
            if item.originalname in OUTPUT_TESTS and item.path.name == (
                "test_examples.py"
            ):
                example = item.callspec.params["example"]
                self.examples[example.name] = example

    def pytest_runtest_logreport(self, report: Any) -> None:
        name = report.nodeid.partition("[")[2].rstrip("]")
        test = report.nodeid.partition("[")[0].rpartition("::")[2]
        if test not in OUTPUT_TESTS or name not in self.examples:
            return
        if report.when == "call" or report.outcome != "passed":
            self.outcomes.setdefault(name, set()).add(report.outcome)

    def pytest_sessionfinish(self, session: Any, exitstatus: int) -> None:
        passed = [
            self.examples[n]
            for n, seen in self.outcomes.items()
            if seen and seen <= {"passed", "skipped"} and "passed" in seen
        ]
        failed = [n for n, seen in self.outcomes.items() if "failed" in seen]
        if passed or failed:
            write_record(passed, failed)


def pytest_configure(config: Any) -> None:
    """Loaded as a plugin (``-p verified_examples.verified``): record this run."""
    config.pluginmanager.register(_Recorder(), "verified-examples-recorder")
