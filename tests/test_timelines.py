"""Timelines: the trace of a run says which coroutines overlapped, and for how long.

Assertions on the trace data (not on pixels), plus the pictures' own properties:
deterministic, small, described in words.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import EXAMPLES, example_id
from verified_examples import Example, find, run
from verified_examples.timeline import describe, render, worth_drawing

#: The largest timeline the site may carry (the biggest today is reported by the test).
MAX_SVG_BYTES = 24_000


def rows(result_trace: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["label"]: row for row in result_trace["rows"]}


def span(row: dict[str, Any]) -> tuple[float, float]:
    return row["start"], row["end"]


def overlap(a: dict[str, Any], b: dict[str, Any]) -> float:
    return max(0.0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


@pytest.fixture(scope="module")
def gather() -> dict[str, Any]:
    trace = run(find("basics/gather_two_tasks"), "virtual").trace
    assert trace is not None
    return trace


@pytest.fixture(scope="module")
def sequential() -> dict[str, Any]:
    trace = run(find("basics/sequential_two_tasks"), "virtual").trace
    assert trace is not None
    return trace


def test_gather_runs_task1_and_task2_together(gather: dict[str, Any]) -> None:
    task = rows(gather)
    assert span(task["task1"]) == (0.0, 1.0)
    assert span(task["task2"]) == (0.0, 2.0)
    assert overlap(task["task1"], task["task2"]) == 1.0
    assert gather["end"] == 2.0


def test_sequential_runs_them_one_after_the_other(sequential: dict[str, Any]) -> None:
    task = rows(sequential)
    assert span(task["task1"]) == (0.0, 1.0)
    assert span(task["task2"]) == (1.0, 3.0)
    assert overlap(task["task1"], task["task2"]) == 0.0
    assert sequential["end"] == 3.0


def in_state_at(trace: dict[str, Any], state: str, t: float) -> list[str]:
    return [
        row["label"]
        for row in trace["rows"]
        if any(t0 <= t < t1 and s == state for t0, t1, s in row["segments"])
    ]


def test_a_semaphore_of_three_lets_at_most_three_jobs_work() -> None:
    trace = run(find("coordination/semaphore_limits_concurrency"), "virtual").trace
    assert trace is not None
    instants = sorted(
        {t for row in trace["rows"] for t0, t1, _ in row["segments"] for t in (t0, t1)}
    )
    working = [
        len(in_state_at(trace, "sleep", t)) for t in instants if t < trace["end"]
    ]
    assert max(working) == 3, working  # the limit is reached...
    assert all(n <= 3 for n in working), working  # ...and never passed
    assert len(in_state_at(trace, "semaphore", 0.0)) == 7  # the rest queue at first


def test_a_taskgroup_shows_the_failed_and_the_cancelled_child() -> None:
    trace = run(find("tasks/taskgroup_cancels_siblings"), "virtual").trace
    assert trace is not None
    outcomes = {row["outcome"] for row in trace["rows"]}
    assert {"failed", "cancelled"} <= outcomes
    picture = render(trace, name="taskgroup_cancels_siblings.py", ident="t")
    assert "✕" in picture  # shapes too, not colour alone
    assert "!" in picture


def test_the_same_run_draws_the_same_bytes() -> None:
    example = find("coordination/semaphore_limits_concurrency")
    pictures = {
        render(run(example, "virtual").trace or {}, name="x", ident="x")
        for _ in range(2)
    }
    assert len(pictures) == 1


CREATION_ORDER = '''
"""Two fetches, created in the order given: as_completed() takes them from a set."""
import asyncio


async def fetch(seconds: float) -> None:
    await asyncio.sleep(seconds)


async def main() -> None:
    async with asyncio.TaskGroup() as tg:
        for seconds in {ORDER}:
            tg.create_task(fetch(seconds))


if __name__ == "__main__":
    asyncio.run(main())
'''


def test_rows_are_named_by_what_they_did_not_by_creation_order(tmp_path) -> None:
    """The same work started in another order (as set iteration can) draws the same."""
    traces = []
    for order in ("(1, 2)", "(2, 1)"):
        chapter = tmp_path / order.strip("()").replace(", ", "-") / "cases"
        chapter.mkdir(parents=True)
        (chapter / "case.py").write_text(CREATION_ORDER.replace("{ORDER}", order))
        (chapter / "examples.toml").write_text("[case]\nelapsed = 2.0\n")
        traces.append(run(find("cases/case", chapter.parent), "virtual").trace)
    assert traces[0] == traces[1]
    fetches = [row for row in traces[0]["rows"] if row["label"].startswith("fetch")]
    assert [(r["label"], r["end"]) for r in fetches] == [
        ("fetch", 1.0),
        ("fetch #2", 2.0),
    ]


def test_the_picture_says_in_words_what_it_shows(gather: dict[str, Any]) -> None:
    text = describe(gather, "gather_two_tasks.py")
    assert "task1 from 0.00 to 1.00 s" in text
    assert "task2 from 0.00 to 2.00 s" in text
    assert "total 2.00 s" in text
    assert f'<desc id="t-desc">{text}</desc>' in render(
        gather, name="gather_two_tasks.py", ident="t"
    )


virtual_examples = [e for e in EXAMPLES if not e.real_only]


@pytest.mark.parametrize("example", virtual_examples, ids=example_id)
@pytest.mark.runs_on("virtual")
def test_every_timeline_is_small(example: Example, runs, record_property) -> None:
    if not example.supported():
        pytest.skip(f"needs Python {example.python_label}+")
    trace = runs.result(example, "virtual").trace
    if not worth_drawing(trace):
        pytest.skip("one coroutine: no timeline")
    assert trace is not None
    size = len(render(trace, name=example.path.name, ident="t").encode())
    record_property("svg_bytes", size)
    assert size <= MAX_SVG_BYTES, f"{example.name}: timeline of {size} bytes"
