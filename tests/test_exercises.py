"""Each exercise's Check, on CPython: the reference passes, the starter does not, and
each known wrong attempt fails with the feedback its manifest says it must get.

Check is ``conf/verified_examples/practice.py``, the same file the reader's page runs
(tests/test_browser_exercises.py runs it there); here it runs in a fresh CPython per
attempt. A check that passes the starter is a defect: the exercise would tell a
reader who changed nothing that they are done. The reference is also an ordinary
example, so tests/test_examples.py runs it on both clocks like any other.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DOCS_DIR, EXAMPLES
from verified_examples import Example
from verified_examples.catalog import load_chapter
from verified_examples.exercises import (
    PRACTICE,
    attempt_source,
    check,
    solution,
    starter,
    starter_path,
    verdict_text,
)

EXERCISES = [e for e in EXAMPLES if e.exercise is not None]
ATTEMPTS = [
    pytest.param(e, w, id=f"{e.name}: {w.attempt}")
    for e in EXERCISES
    for w in e.exercise.wrong  # type: ignore[union-attr]
]
#: A page shows an exercise with one directive line: ```{exercise} chapter/stem
DIRECTIVE = re.compile(r"^\s*(?:```+|:::+)\{exercise\}\s+(\S+)", re.MULTILINE)


def _ids(example: Example) -> str:
    return example.name


@pytest.mark.parametrize("example", EXERCISES, ids=_ids)
def test_reference_passes(example: Example) -> None:
    verdict = check(example, solution(example))
    assert verdict["passed"], verdict_text(verdict)


@pytest.mark.parametrize("example", EXERCISES, ids=_ids)
def test_starter_does_not_pass(example: Example) -> None:
    verdict = check(example, starter(example))
    assert not verdict["passed"], (
        f"{starter_path(example).name} passes Check: a reader who changes nothing "
        "would be told they are done"
    )
    assert verdict["problems"], verdict


@pytest.mark.parametrize(("example", "wrong"), ATTEMPTS)
def test_wrong_attempt_gets_its_feedback(example: Example, wrong: object) -> None:
    verdict = check(example, attempt_source(example, wrong))  # type: ignore[arg-type]
    text = verdict_text(verdict)
    assert not verdict["passed"], f"the wrong attempt {wrong.attempt!r} passes Check"  # type: ignore[attr-defined]
    assert wrong.feedback in text, (  # type: ignore[attr-defined]
        f"Check does not say {wrong.feedback!r} to {wrong.attempt!r}; it says:\n{text}"  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("example", EXERCISES, ids=_ids)
def test_exercise_is_shown_once(example: Example) -> None:
    pages = [
        page
        for page in sorted(DOCS_DIR.rglob("*.md"))
        if example.name in DIRECTIVE.findall(page.read_text(encoding="utf-8"))
    ]
    assert len(pages) == 1, (
        f"{example.name} is shown by {len(pages)} exercise directives"
    )


@pytest.mark.parametrize(
    "example",
    [e for e in EXERCISES if e.exercise.predict == "order"],  # type: ignore[union-attr]
    ids=_ids,
)
def test_prediction_starter_holds_the_lines(example: Example) -> None:
    """A line-order prediction starts from the printed lines, shuffled."""
    lines = starter(example).splitlines()
    assert sorted(lines) == sorted((example.expected_output() or "").splitlines())


def test_counts() -> None:
    """The site's promise: at least 30 exercises over at least 8 chapters."""
    chapters = {e.chapter for e in EXERCISES}
    kinds = {e.exercise.kind for e in EXERCISES}  # type: ignore[union-attr]
    assert kinds == {"predict", "fix", "write"}
    assert len(EXERCISES) >= 30, f"{len(EXERCISES)} exercises"
    assert len(chapters) >= 8, (
        f"exercises in {len(chapters)} chapters: {sorted(chapters)}"
    )


# ------------------------------------------------- what Check says, in general


def _scratch(tmp_path: Path, manifest: str, files: dict[str, str]) -> Example:
    chapter = tmp_path / "basics"
    chapter.mkdir()
    for name, text in files.items():
        (chapter / name).write_text(text, encoding="utf-8")
    (chapter / "examples.toml").write_text(manifest, encoding="utf-8")
    found, problems = load_chapter(chapter)
    assert not problems, problems
    return found[0]


TWO = """import asyncio
import time


async def job(name: str) -> None:
    await asyncio.sleep(1)
    print(name, "done")


async def main() -> None:
    start = time.perf_counter()
    await asyncio.gather(job("a"), job("b"))
    print(f"{time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
"""
MANIFEST = """[two]
elapsed = 1.0
[two.exercise]
kind = "fix"
title = "two"
[[two.exercise.wrong]]
attempt = "x"
replace = "a"
by = "b"
feedback = "y"
"""


@pytest.fixture
def two(tmp_path: Path) -> Example:
    return _scratch(
        tmp_path,
        MANIFEST,
        {"two.py": TWO, "two.out": "a done\nb done\n1.00 s\n", "two.starter.py": TWO},
    )


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (("", ""), None),
        (
            ("await asyncio.sleep(1)", "time.sleep(1)"),
            "time.sleep on the loop: time.sleep() (line 6) ran 2 time(s)",
        ),
        (
            ('await asyncio.gather(job("a"), job("b"))', 'job("a")\n    job("b")'),
            "a coroutine never awaited: job() (line 12)",
        ),
        (
            (
                'await asyncio.gather(job("a"), job("b"))',
                'await job("a")\n    await job("b")',
            ),
            "Your 2 `job` calls ran one after another: 2.00 s of loop time where 1.00 s",
        ),
        (
            (
                'await asyncio.gather(job("a"), job("b"))',
                'asyncio.create_task(job("a"))\n    await job("b")',
            ),
            "Line 1 differs.\n  expected: 'a done'\n  got:      'b done'",
        ),
        (
            (
                "await asyncio.sleep(1)",
                "await asyncio.sleep(1)\n    while True:\n        await asyncio.sleep(1)",
            ),
            "Stopped at 30.00 s of loop time without finishing",
        ),
        (
            ("await asyncio.sleep(1)", "await asyncio.Event().wait()"),
            "everything waits and nothing is left that could wake it (job waits in Event.wait(); job waits in Event.wait(); main waits in",
        ),
        (
            ("await asyncio.sleep(1)", "raise ValueError('boom')"),
            "Your code raised ValueError: boom",
        ),
        (
            (
                'print(name, "done")',
                'print(name, "done")\n    asyncio.create_task(asyncio.sleep(5))',
            ),
            "a task left running: `sleep` was still running when main() returned",
        ),
    ],
)
def test_check_names_what_went_wrong(
    two: Example, change: tuple[str, str], says: str | None
) -> None:
    source = TWO.replace(*change)
    verdict = check(two, source)
    if says is None:
        if change == ("", ""):
            assert verdict["passed"], verdict_text(verdict)
        return
    assert not verdict["passed"]
    assert says in verdict_text(verdict), verdict_text(verdict)


def test_check_names_a_swallowed_cancellation(two: Example) -> None:
    source = TWO.replace(
        'await asyncio.gather(job("a"), job("b"))',
        'task = asyncio.create_task(job("a"))\n'
        "    await asyncio.sleep(0.5)\n"
        "    task.cancel()\n"
        "    await task\n"
        '    await job("b")',
    ).replace(
        "    await asyncio.sleep(1)\n",
        "    try:\n        await asyncio.sleep(1)\n"
        "    except asyncio.CancelledError:\n        print('ignored')\n",
    )
    text = verdict_text(check(two, source))
    assert "a cancellation swallowed: task `job` was cancelled" in text, text


def test_check_names_an_exception_never_retrieved(two: Example) -> None:
    source = TWO.replace(
        'await asyncio.gather(job("a"), job("b"))',
        'task = asyncio.create_task(job("a"))\n'
        '    await asyncio.gather(job("a"), job("b"))\n'
        "    del task",
    ).replace(
        '    print(name, "done")\n',
        '    print(name, "done")\n    if name == "a":\n        raise KeyError(name)\n',
    )
    text = verdict_text(check(two, source))
    assert "an exception never retrieved" in text, text


def test_a_loop_that_never_awaits_is_stopped(two: Example) -> None:
    source = TWO.replace("await asyncio.sleep(1)", "while True:\n        pass")
    text = verdict_text(check(two, source))
    assert "Stopped after 10 s of real time" in text


def test_practice_runs_standalone() -> None:
    """practice.py imports only the standard library and the files beside it."""
    done = subprocess.run(
        [sys.executable, "-E", "-s", str(PRACTICE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "usage" in done.stderr


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('kind = "guess"\ntitle = "t"', "exercise kind must be one of"),
        ('kind = "fix"\ntitle = "t"\nwho = 1', "unknown exercise key(s) ['who']"),
        ('kind = "fix"\ntitle = "t"', "an exercise needs [[<stem>.exercise.wrong]]"),
        ('kind = "predict"\ntitle = "t"', 'a prediction needs predict = "order"'),
        (
            'kind = "fix"\ntitle = "t"\n[[two.exercise.wrong]]\nattempt = "x"\n'
            'feedback = "y"',
            "a wrong attempt needs attempt, feedback and one of",
        ),
    ],
)
def test_a_wrong_exercise_table_is_refused(
    tmp_path: Path, table: str, says: str
) -> None:
    chapter = tmp_path / "basics"
    chapter.mkdir()
    (chapter / "two.py").write_text(TWO, encoding="utf-8")
    (chapter / "two.starter.py").write_text(TWO, encoding="utf-8")
    (chapter / "examples.toml").write_text(
        f"[two]\nelapsed = 1.0\n[two.exercise]\n{table}\n", encoding="utf-8"
    )
    found, problems = load_chapter(chapter)
    assert not found
    assert any(says in problem for problem in problems), problems


def test_a_starter_is_not_an_example(two: Example) -> None:
    """<stem>.starter.py belongs to the example <stem>: no entry of its own."""
    found, problems = load_chapter(two.path.parent)
    assert [e.name for e in found] == ["basics/two"]
    assert not problems
