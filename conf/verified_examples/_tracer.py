"""Record which coroutines ran and waited when, during a run on the virtual clock.

The timeline pictures are drawn from this record. It is taken by looking, not by
touching: before each turn of the event loop the tracer walks every pending task's
chain of awaits (``task -> coroutine -> coroutine -> ... -> what it waits on``) and
notes, at the loop's current time, what each of the example's own coroutines is
doing. It keeps no strong reference to tasks or coroutines, registers no callbacks
and retrieves no exceptions, so the example behaves and prints exactly as it would
untraced (the tests compare its output with the expected file either way).

Why not a task factory or ``sys.monitoring``: examples set their own task factories
(eager tasks), and ``sys.monitoring`` needs Python 3.12.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import weakref
from collections.abc import Callable
from typing import Any, TextIO

ASYNCIO_DIR = os.path.dirname(asyncio.__file__)
DEFAULT_TASK_NAME = re.compile(r"Task-\d+")

#: What the innermost asyncio function of an await chain means for a reader.
WAIT_KINDS = {
    "sleep": "sleep",
    "Lock.acquire": "lock",
    "Semaphore.acquire": "semaphore",
    "BoundedSemaphore.acquire": "semaphore",
    "Event.wait": "event",
    "Condition.wait": "condition",
    "Condition.wait_for": "condition",
    "Barrier.wait": "barrier",
    "Queue.get": "queue",
    "Queue.put": "queue",
    "Queue.join": "queue",
    "TaskGroup.__aexit__": "children",
    "TaskGroup._aexit": "children",
    "wait": "children",
    "_wait": "children",
    "as_completed": "children",
    "wait_for": "children",
}


#: What awaiting a future of this type means, when no asyncio function says more.
FUTURE_KINDS = {"_GatheringFuture": "gather", "Task": "task"}


def _is_own(coro: object) -> bool:
    """A coroutine of the example's, not of asyncio's."""
    code = getattr(coro, "cr_code", None)
    return code is not None and not code.co_filename.startswith(ASYNCIO_DIR)


class Row:
    """One of the example's coroutines, as a row of the timeline."""

    def __init__(self, label: str, kind: str, start: float) -> None:
        self.label = label
        self.kind = kind  # "task" or "coroutine"
        self.start = start
        self.end: float | None = None
        self.outcome = "done"
        self.states: list[list[Any]] = []  # [time, state]
        self.ran: list[float] = []
        self.task: weakref.ref[asyncio.Task[Any]] | None = None

    def note(self, now: float, state: str) -> None:
        if state == "ready" and (not self.ran or self.ran[-1] != now):
            self.ran.append(now)
        if self.states and self.states[-1][0] == now:
            self.states[-1][1] = state
            if len(self.states) > 1 and self.states[-2][1] == state:
                self.states.pop()
        elif not self.states or self.states[-1][1] != state:
            self.states.append([now, state])

    def as_dict(self, end: float) -> dict[str, Any]:
        stop = self.end if self.end is not None else end
        segments = []
        for i, (t0, state) in enumerate(self.states):
            t1 = self.states[i + 1][0] if i + 1 < len(self.states) else stop
            if t1 > t0:
                segments.append([round(t0, 6), round(t1, 6), state])
        return {
            "label": self.label,
            "kind": self.kind,
            "start": round(self.start, 6),
            "end": round(stop, 6),
            "outcome": self.outcome,
            "segments": segments,
            "ran": [round(t, 6) for t in self.ran],
        }


class Tracer:
    def __init__(self, now: Callable[[], float]) -> None:
        self.now = now
        self.rows: list[Row] = []
        self.by_coro: weakref.WeakKeyDictionary[object, Row] = (
            weakref.WeakKeyDictionary()
        )
        self.live: set[int] = set()  # indexes of rows seen in the last look
        self.prints: list[list[Any]] = []
        self.order: weakref.WeakKeyDictionary[asyncio.Task[Any], int] = (
            weakref.WeakKeyDictionary()
        )

    # Hooks ---------------------------------------------------------------

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        original = loop._run_once  # type: ignore[attr-defined]

        def run_once() -> None:
            self.look(loop)
            original()

        loop._run_once = run_once  # type: ignore[attr-defined]

    def wrap_stdout(self) -> None:
        sys.stdout = _TimedStream(sys.stdout, self)

    # Looking -------------------------------------------------------------

    def _label(self, task: asyncio.Task[Any] | None, coro: object) -> str:
        name = getattr(coro, "__qualname__", type(coro).__name__)
        if task is not None and not DEFAULT_TASK_NAME.fullmatch(task.get_name()):
            name = task.get_name()
        return name  # numbered in _canonical, once the rows' times are known

    def _row(self, coro: object, task: asyncio.Task[Any] | None, now: float) -> Row:
        row = self.by_coro.get(coro)
        if row is None:
            kind = "task" if task is not None else "coroutine"
            row = Row(self._label(task, coro), kind, now)
            if task is not None:
                row.task = weakref.ref(task)
            self.by_coro[coro] = row
            self.rows.append(row)
        return row

    def _in_creation_order(
        self, loop: asyncio.AbstractEventLoop
    ) -> list[asyncio.Task[Any]]:
        """The pending tasks, oldest first: a set has no order that survives runs.

        A new task's first step waits in the loop's ready queue, in the order the
        tasks were created; anything else new is ordered by name.
        """
        for handle in loop._ready:  # type: ignore[attr-defined]
            task = getattr(handle._callback, "__self__", None)
            if isinstance(task, asyncio.Task) and task not in self.order:
                self.order[task] = len(self.order)
        tasks = asyncio.all_tasks(loop)
        for task in sorted(
            (t for t in tasks if t not in self.order), key=asyncio.Task.get_name
        ):
            self.order[task] = len(self.order)
        return sorted(tasks, key=self.order.__getitem__)

    def look(self, loop: asyncio.AbstractEventLoop) -> None:
        now = self.now()
        seen: set[int] = set()
        for task in self._in_creation_order(loop):
            if getattr(task.get_coro(), "__qualname__", "").startswith(
                "BaseEventLoop."
            ):
                continue  # asyncio.run's own clean-up
            waiting = getattr(task, "_fut_waiter", None) is not None
            coro: object = task.get_coro()
            parent: Row | None = None
            innermost = "await"
            while coro is not None:
                code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
                if code is None:
                    break  # a future or another awaitable: the end of the chain
                if parent is None or _is_own(coro):
                    row = self._row(coro, task if parent is None else None, now)
                    seen.add(id(row))
                    if parent is not None:
                        parent.note(now, "child")
                    parent = row
                else:
                    innermost = code.co_qualname
                coro = getattr(coro, "cr_await", None) or getattr(
                    coro, "gi_yieldfrom", None
                )
            if parent is not None:
                state = WAIT_KINDS.get(innermost, "await") if waiting else "ready"
                if state == "await":  # say what kind of future it waits for, if known
                    waiter = type(getattr(task, "_fut_waiter", None)).__name__
                    state = FUTURE_KINDS.get(waiter, state)
                parent.note(now, state)
        for row in self.rows:
            if row.end is None and id(row) not in seen and row.states:
                self._finish(row, now)

    def _finish(self, row: Row, now: float) -> None:
        row.end = now
        task = row.task() if row.task is not None else None
        if row.task is not None and task is None:
            row.outcome = "destroyed"
        elif task is not None and task.done():
            if task.cancelled():
                row.outcome = "cancelled"
            elif getattr(task, "_exception", None) is not None:
                row.outcome = "failed"  # read without marking it retrieved

    def report(self) -> dict[str, Any]:
        end = self.now()
        rows = [row.as_dict(end) for row in self.rows]
        return {"end": round(end, 6), "rows": _canonical(rows), "prints": self.prints}


def _canonical(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Name and order rows that share a name by what they did, not by chance.

    Rows come in creation order, which an example decides, except where asyncio
    makes tasks from a set (``as_completed()``, ``wait()``): their order then follows
    memory addresses and changes from run to run. Rows that share a name (``fetch``)
    therefore take the places of that name in the order of their start, end and
    states, and are numbered in that order (``fetch``, ``fetch #2``...), so the same
    run draws the same picture whatever the addresses. Rows alike in all of that are
    interchangeable.
    """
    places: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        places.setdefault(row["label"], []).append(i)
    out = list(rows)
    for name, indexes in places.items():
        ordered = sorted(
            (rows[i] for i in indexes),
            key=lambda r: (r["start"], r["end"], r["segments"], r["ran"], r["outcome"]),
        )
        for n, (i, row) in enumerate(zip(indexes, ordered, strict=True)):
            out[i] = {**row, "label": name if n == 0 else f"{name} #{n + 1}"}
    return out


class _TimedStream:
    """stdout as it is, plus the virtual time at which each line was printed."""

    def __init__(self, stream: TextIO, tracer: Tracer) -> None:
        self._stream = stream
        self._tracer = tracer
        self._line = ""

    def write(self, text: str) -> int:
        self._line += text
        while "\n" in self._line:
            line, self._line = self._line.split("\n", 1)
            self._tracer.prints.append([round(self._tracer.now(), 6), line])
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
