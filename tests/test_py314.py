"""Python 3.14, verified: on Pyodide's CPython 3.14 in Node.js, where no native 3.14 is.

The browser's runner (conf/_static/run/worker.js and bootstrap.py) runs here in
Node, through verified_examples.pyodide: one Node process, a fresh interpreter per
script, as a Run button runs it. On it:

- every example that needs Python 3.14 (``python = "3.14"``) prints its .out file
  (exactly, but for printed timings within the real-clock allowance), exits 0 and
  writes nothing on stderr; its breaking variants fail those checks;
- every example whose output differs on 3.14 (``differs``) prints its
  ``<stem>.3.14.out``.

A native Python 3.14 runs the same examples in tests/test_examples.py (``make
test-all`` finds one on PATH). Then the offline parts: per-version outputs in the
catalog, and the record behind each facts line's "Verified on".
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from pathlib import Path

import pytest
from conftest import EXAMPLES, example_id, fail_with
from verified_examples import Example, check_run, pyodide, verified
from verified_examples.catalog import Variant, load_chapter, write_stamp
from verified_examples.runner import RunResult, scratch_copy

MISSING = pyodide.unavailable()
PYODIDE = None if MISSING else pyodide.python_version()
#: The examples only Pyodide runs here (they need its Python), and those that print
#: something else on it: both are held on it.
NEEDS_IT = [e for e in EXAMPLES if PYODIDE and e.python > (3, 13)]
DIFFERS = [e for e in EXAMPLES if PYODIDE and e.output_version(PYODIDE)]
ON_PYODIDE = NEEDS_IT + [e for e in DIFFERS if e not in NEEDS_IT]
VARIANTS = [(e, v) for e in NEEDS_IT for v in e.breaks]


def _needs_pyodide() -> None:
    if MISSING:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the 3.14 examples on Pyodide: {MISSING}")
        pytest.skip(MISSING)


@pytest.fixture(scope="session")
def pyodide_runs() -> dict[str, RunResult]:
    """One Node process runs every example and variant above; results by name."""
    _needs_pyodide()
    with contextlib.ExitStack() as stack:
        scripts: list[Example] = list(ON_PYODIDE)
        keys = [e.name for e in ON_PYODIDE]
        for example, variant in VARIANTS:
            source = variant.apply(example.path.read_text(encoding="utf-8"))
            scripts.append(stack.enter_context(scratch_copy(example, source, "v-")))
            keys.append(f"{example.name} without {variant.lesson}")
        results = pyodide.run_many(scripts)
    return dict(zip(keys, results, strict=True))


def test_some_examples_need_python_314() -> None:
    """The 3.14 examples exist, so this module does test something."""
    assert {"production/call_graph_printed", "lowlevel/eager_start_one_task"} <= {
        e.name for e in EXAMPLES if e.python == (3, 14)
    }


@pytest.mark.parametrize("example", ON_PYODIDE, ids=example_id)
def test_prints_its_314_output_on_pyodide(
    example: Example, pyodide_runs: dict[str, RunResult]
) -> None:
    result = pyodide_runs[example.name]
    assert result.python == PYODIDE
    assert result.command[0].startswith("pyodide ")
    fail_with(check_run(result))


@pytest.mark.parametrize(
    ("example", "variant"),
    VARIANTS,
    ids=[f"{e.name}-{i}" for e, v in VARIANTS for i in [e.breaks.index(v)]],
)
def test_breaking_variant_fails_on_pyodide(
    example: Example, variant: Variant, pyodide_runs: dict[str, RunResult]
) -> None:
    result = pyodide_runs[f"{example.name} without {variant.lesson}"]
    result.example = example  # judged against the example's own output
    assert check_run(result), (
        f"{example.name} without '{variant.lesson}' passed the checks on Pyodide: "
        f"they do not hold the lesson.\n{result.stdout}"
    )


# ------------------------------------------------------- the runner in Node


PROBE = '''\
"""What the Node run is: the browser's bootstrap, in Pyodide."""

import os
import signal
import sys
import time

start = time.perf_counter()
time.sleep(0.2)  # blocks, as in CPython (the bootstrap's sleep)
print(sys.platform, sys.version_info[:2], "slept:", time.perf_counter() - start >= 0.2)
print("fresh:", "probe_state" not in sys.modules)
sys.modules["probe_state"] = sys
os.kill(os.getpid(), signal.SIGTERM)  # the bootstrap ends the run as Linux would
print("not reached")
'''


def test_node_runs_the_browsers_runner(tmp_path: Path) -> None:
    """Each script in a fresh interpreter with the browser's bootstrap; one process."""
    _needs_pyodide()
    chapter = tmp_path / "probe"
    chapter.mkdir()
    (chapter / "probe.py").write_text(PROBE, encoding="utf-8")
    (chapter / "examples.toml").write_text("[probe]\nelapsed = 0.2\n")
    [example], _ = load_chapter(chapter)
    first, second = pyodide.run_many([example, example], lanes=1)
    for result in (first, second):
        assert result.returncode == -15, result.stderr  # SIGTERM's default action
        assert result.stdout == "emscripten (3, 14) slept: True\nfresh: True\n"
        assert result.python == (3, 14)


# ----------------------------------------------------- outputs per Python


MANIFEST = """[echo]
elapsed = 0.0
differs = { "3.14" = "3.14 says it louder" }
"""


def _scratch(tmp_path: Path, manifest: str = MANIFEST) -> Example:
    chapter = tmp_path / "tasks"
    chapter.mkdir(exist_ok=True)
    (chapter / "echo.py").write_text('print("hello")\n', encoding="utf-8")
    (chapter / "echo.out").write_text("hello\n", encoding="utf-8")
    (chapter / "examples.toml").write_text(manifest, encoding="utf-8")
    found, problems = load_chapter(chapter)
    assert not problems, problems
    return found[0]


def test_a_python_that_differs_has_its_own_output(tmp_path: Path) -> None:
    example = _scratch(tmp_path)
    assert example.differs == (((3, 14), "3.14 says it louder"),)
    write_stamp(example)
    # Its 3.14 output is missing: the example is stale (the strict build fails).
    assert "echo.3.14.out is missing" in (example.stale_reason() or "")
    assert example.output_for((3, 14)) is None
    example.version_out_path((3, 14)).write_text("HELLO\n", encoding="utf-8")
    assert "echo.3.14.out is stale" in (example.stale_reason() or "")
    write_stamp(example, (3, 14))
    assert (
        (example.path.parent / "outputs.3.14.sha256")
        .read_text()
        .endswith("  echo.py\n")
    )
    assert example.stale_reason() is None
    # Each Python is held to its own output: 3.13 to .out, 3.14 and later to 3.14's.
    assert example.output_for((3, 13)) == "hello\n"
    assert example.output_for((3, 14)) == example.output_for((3, 15)) == "HELLO\n"
    run = RunResult(example, "virtual", [], 0, "hello\n", "", 0.0, 0.0, 1.0)
    assert check_run(run) == []  # this interpreter (3.11 to 3.13) prints .out
    run.python = (3, 14)
    [problem] = check_run(run)
    assert "echo.3.14.out" in str(problem)
    run.stdout = "HELLO\n"
    assert check_run(run) == []


def test_differs_must_say_why(tmp_path: Path) -> None:
    chapter = tmp_path / "tasks"
    chapter.mkdir()
    (chapter / "echo.py").write_text("", encoding="utf-8")
    (chapter / "examples.toml").write_text(
        '[echo]\nelapsed = 0.0\ndiffers = { "3.14" = "" }\n', encoding="utf-8"
    )
    _, [problem] = load_chapter(chapter)
    assert "differs must map a Python to why" in problem


# ------------------------------------------------ "Verified on": the record


def test_the_record_names_the_pythons_that_verified_this_script(
    tmp_path: Path,
) -> None:
    example = _scratch(tmp_path, "[echo]\nelapsed = 0.0\n")
    record = tmp_path / "verified.toml"
    verified.write_record([example], [], python=(3, 12, 1), path=record)
    verified.write_record([example], [], python=(3, 11, 7), path=record)
    found = verified.read_record(record)
    assert found["3.12"]["release"] == "3.12.1"
    assert verified.verified_on(example, found, (3, 14)) == [
        "3.11",
        "3.12",
        "3.14 (Pyodide)",
    ]
    # A failed run forgets it on that Python; a changed output lapses every claim.
    verified.write_record([], [example.name], python=(3, 12, 1), path=record)
    found = verified.read_record(record)
    assert verified.cpython_versions(example, found) == ["3.11"]
    example.out_path.write_text("changed\n", encoding="utf-8")
    assert verified.cpython_versions(example, found) == []
    # Without a Run button, the browser's Python claims nothing.
    no_button = dataclasses.replace(example, browser="needs sockets")
    assert verified.verified_on(no_button, found, (3, 14)) == []


def test_every_example_with_a_run_button_claims_pyodide() -> None:
    """The claim follows the browser verdicts that test_browser_run.py holds."""
    _needs_pyodide()
    record = verified.read_record()
    claimed = [
        e
        for e in EXAMPLES
        if f"{verified.label(PYODIDE or ())} (Pyodide)"
        in verified.verified_on(e, record, PYODIDE)
    ]
    assert claimed == [e for e in EXAMPLES if e.browser is None]
    assert len(claimed) >= 100
