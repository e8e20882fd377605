"""Exercises: examples with more facts, a starter and known wrong attempts.

An exercise is an ordinary example (its reference solution, ``<stem>.py``, run on
both clocks and every Python like any other) plus, beside it:

- the starter the reader edits: ``<stem>.starter.py`` (fix the bug, write the
  pattern), or ``<stem>.starter.txt`` for a prediction (the printed lines in a
  shuffled order, or a line asking for the total time);
- a ``[<stem>.exercise]`` table in the chapter's ``examples.toml`` (its keys are
  documented in ``catalog.py``): what Check compares, the loop time goal, hints, and
  ``[[<stem>.exercise.wrong]]`` known wrong attempts, each with the feedback Check
  must give it.

Check itself is ``practice.py``, which runs in the reader's page and here alike.
``spec()`` is what it needs to know (the page embeds it as JSON); ``check()`` runs
it on CPython, as the tests do.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .catalog import Example

PRACTICE = Path(__file__).with_name("practice.py")
#: Real seconds a check may take on CPython before it counts as never ending (a
#: loop that never awaits keeps the virtual clock still).
REAL_LIMIT = 10.0
KINDS = ("predict", "fix", "write")
KIND_NAMES = {
    "predict": "Predict",
    "fix": "Fix the bug",
    "write": "Write the pattern",
}
_KEYS = {
    "kind",
    "title",
    "compare",
    "loop_time",
    "tolerance",
    "limit",
    "predict",
    "hints",
    "wrong",
    "bound",
}
_WRONG_KEYS = {"attempt", "feedback", "replace", "by", "count", "file", "answer"}


class ExerciseError(ValueError):
    """An exercise table that does not match the files beside it."""


@dataclass(frozen=True)
class Wrong:
    """A known wrong attempt, and what Check must say to it."""

    attempt: str  # what it does wrong, in a few words
    feedback: str  # text the verdict must contain
    replace: str | None = None  # applied to the reference (or, predicting, the starter)
    by: str | None = None
    count: int = 1
    file: str | None = None  # or a whole file beside the example
    answer: str | None = None  # or, predicting, the answer itself


@dataclass(frozen=True)
class Exercise:
    kind: Literal["predict", "fix", "write"]
    title: str
    compare: Literal["exact", "any-order"] = "exact"
    #: Loop seconds the reader's run must take (None: time is not checked); the
    #: default is the reference's elapsed.
    loop_time: float | None = None
    tolerance: float = 0.05
    limit: tuple[tuple[str, int], ...] = ()
    predict: Literal["order", "time"] | None = None
    hints: tuple[str, ...] = ()
    wrong: tuple[Wrong, ...] = ()
    bound: float | None = None


def parse(raw: object, where: str, elapsed: float, timed: object) -> Exercise:
    """The ``[<stem>.exercise]`` table; raises ExerciseError when it is wrong."""
    if not isinstance(raw, dict):
        raise ExerciseError(f"{where}: exercise must be a [<stem>.exercise] table")
    unknown = set(raw) - _KEYS
    if unknown:
        raise ExerciseError(
            f"{where}: unknown exercise key(s) {sorted(unknown)}; known: {sorted(_KEYS)}"
        )
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ExerciseError(f"{where}: exercise kind must be one of {KINDS}")
    if not isinstance(raw.get("title"), str):
        raise ExerciseError(f"{where}: an exercise needs a title")
    compare = raw.get("compare", "exact")
    if compare not in ("exact", "any-order"):
        raise ExerciseError(f'{where}: compare must be "exact" or "any-order"')
    predict = raw.get("predict")
    if (kind == "predict") != (predict in ("order", "time")):
        raise ExerciseError(
            f'{where}: a prediction needs predict = "order" or "time" (and only it)'
        )
    loop_time = raw.get("loop_time", elapsed if timed is not False else None)
    if loop_time is False:
        loop_time = None
    hints = raw.get("hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, str) for h in hints):
        raise ExerciseError(f"{where}: hints must be a list of texts")
    limit = raw.get("limit", {})
    if not isinstance(limit, dict) or not all(
        isinstance(v, int) for v in limit.values()
    ):
        raise ExerciseError(f"{where}: limit must be a table of coroutine = count")
    wrongs = raw.get("wrong", [])
    if not isinstance(wrongs, list) or not wrongs:
        raise ExerciseError(
            f"{where}: an exercise needs [[<stem>.exercise.wrong]] attempts: the "
            "mistakes readers make, each with the feedback Check must give"
        )
    parsed = []
    for entry in wrongs:
        if not isinstance(entry, dict):
            raise ExerciseError(f"{where}: wrong must be [[<stem>.exercise.wrong]]")
        unknown = set(entry) - _WRONG_KEYS
        ways = sum(("replace" in entry, "file" in entry, "answer" in entry))
        if unknown or ways != 1 or "feedback" not in entry or "attempt" not in entry:
            raise ExerciseError(
                f"{where}: a wrong attempt needs attempt, feedback and one of "
                f"replace (with by), file or answer; unknown {sorted(unknown)}"
            )
        if ("replace" in entry) != ("by" in entry):
            raise ExerciseError(f"{where}: replace needs by")
        parsed.append(
            Wrong(
                attempt=str(entry["attempt"]),
                feedback=str(entry["feedback"]),
                replace=entry.get("replace"),
                by=entry.get("by"),
                count=int(entry.get("count", 1)),
                file=entry.get("file"),
                answer=entry.get("answer"),
            )
        )
    return Exercise(
        kind=kind,
        title=raw["title"],
        compare=compare,
        loop_time=None if loop_time is None else float(loop_time),
        tolerance=float(raw.get("tolerance", 0.05)),
        limit=tuple(sorted(limit.items())),
        predict=predict,
        hints=tuple(hints),
        wrong=tuple(parsed),
        bound=float(raw["bound"]) if "bound" in raw else None,
    )


# ------------------------------------------------------------ an example's files


def starter_path(example: Example) -> Path:
    assert example.exercise is not None
    suffix = ".starter.txt" if example.exercise.kind == "predict" else ".starter.py"
    return example.path.with_name(example.path.stem + suffix)


def starter(example: Example) -> str:
    return starter_path(example).read_text(encoding="utf-8")


def attempt_source(example: Example, wrong: Wrong) -> str:
    """What the reader would have written for this wrong attempt."""
    assert example.exercise is not None
    if wrong.answer is not None:
        return wrong.answer
    if wrong.file is not None:
        return (example.path.parent / wrong.file).read_text(encoding="utf-8")
    base = (
        starter(example)
        if example.exercise.kind == "predict"
        else example.path.read_text(encoding="utf-8")
    )
    assert wrong.replace is not None
    assert wrong.by is not None
    found = base.count(wrong.replace)
    if found != wrong.count:
        raise ExerciseError(
            f"{example.name}: wrong attempt {wrong.attempt!r}: {wrong.replace!r} "
            f"occurs {found} time(s), expected {wrong.count}"
        )
    return base.replace(wrong.replace, wrong.by)


def solution(example: Example) -> str:
    """What a reader who gets it right writes: the reference (or the output)."""
    assert example.exercise is not None
    if example.exercise.kind == "predict":
        if example.exercise.predict == "time":
            return f"{example.elapsed:g}\n"
        return example.expected_output() or ""
    return example.path.read_text(encoding="utf-8")


def spec(example: Example) -> dict[str, Any]:
    """What Check needs to know: the page embeds it, the tests pass it to practice.py."""
    exercise = example.exercise
    assert exercise is not None
    goal = exercise.loop_time
    found: dict[str, Any] = {
        "name": example.name,
        "file": example.path.name,
        "kind": exercise.kind,
        "compare": exercise.compare,
        "expected": example.expected_output() or "",
        "goal": goal,
        "tolerance": exercise.tolerance,
        "limit": dict(exercise.limit),
        "bound": exercise.bound or max(30.0, 10 * example.elapsed),
    }
    if exercise.kind == "predict":
        found["predict"] = exercise.predict
        found["program"] = example.path.read_text(encoding="utf-8")
        found["wrong_answers"] = [
            {"answer": attempt_source(example, w), "feedback": w.feedback}
            for w in exercise.wrong
        ]
    return found


def check(
    example: Example, source: str, python: str = sys.executable
) -> dict[str, Any]:
    """Check ``source`` as the page's Check does, in a fresh CPython: the verdict."""
    with tempfile.TemporaryDirectory(prefix="exercise-") as tmp:
        spec_path = Path(tmp) / "spec.json"
        spec_path.write_text(json.dumps(spec(example)), encoding="utf-8")
        script = Path(tmp) / example.chapter / example.path.name
        script.parent.mkdir()
        script.write_text(source, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        try:
            done = subprocess.run(
                [python, str(PRACTICE), "check", str(spec_path), str(script)],
                cwd=script.parent,
                capture_output=True,
                text=True,
                timeout=REAL_LIMIT,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {
                "passed": False,
                "problems": [
                    {
                        "kind": "stopped",
                        "text": f"Stopped after {REAL_LIMIT:g} s of real time: the "
                        "loop never got a turn (a loop that never awaits?).",
                    }
                ],
            }
        if done.returncode != 0:
            raise RuntimeError(f"practice.py failed:\n{done.stderr}")
        return json.loads(done.stdout)


def verdict_text(verdict: dict[str, Any]) -> str:
    """The verdict as the page shows it, as one text (for the tests' messages)."""
    head = "Passed" if verdict["passed"] else "Not yet"
    return "\n".join([head, *(p["text"] for p in verdict["problems"])])
