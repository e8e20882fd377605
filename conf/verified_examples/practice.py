"""Check a reader's exercise on a virtual clock; trace a reader's run for its timeline.

The same file runs in two places, unchanged: in the page's Python (Pyodide, in the
run worker: ``conf/_static/run/worker.js`` loads it with ``_tracer.py`` and
``timeline.py`` beside it) and in CPython, where the tests run it as a script
(``python practice.py check SPEC.json SCRIPT.py``, see ``exercises.py``). So what
the tests prove about Check is what the reader's Check does.

``check(source, spec)`` runs the reader's script as ``python3 name.py`` would, on a
virtual clock: every event loop is CPython's own selector loop whose selector, instead
of waiting, moves the clock on to the next timer, and ``time.monotonic`` /
``time.perf_counter`` read that clock, so a 3-second exercise answers in
milliseconds and its printed timings are exact. ``time.sleep`` moves the clock too,
with nothing else running meanwhile, which is what it does to a real loop. A run
stops, and says so, when its loop time passes ``spec["bound"]``, or when every task
waits and nothing is left that could wake one (in a real run: waiting for ever).

The verdict (a dict, JSON in the page) is ``passed`` plus the problems found, each a
sentence written for the reader:

- the output: the first line that differs (expected / got), or, where order is not
  the point (``compare = "any-order"``), the lines missing and the lines extra;
- the loop time against the goal, and what that usually means (calls of one
  coroutine that ran one after another; more at once than a limit allows);
- the pitfalls the site teaches, detected in the run: ``time.sleep`` on the loop, a
  coroutine never awaited, a task left running when ``main()`` returned, an
  exception never retrieved, a cancellation swallowed;
- an exception the script raised, with its traceback.

``traced(run)`` wraps an ordinary run (the page's Run button, on the real clock)
with the same tracer, and ``render()`` draws either trace with ``timeline.py``: the
reader's timeline and the page's are one renderer's pictures.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import gc
import io
import itertools
import json
import os
import re
import runpy
import selectors
import sys
import time
import traceback
import warnings
import weakref
from asyncio import events
from collections.abc import Callable, Iterator
from typing import Any

import timeline  # beside this file, as _tracer is
from _tracer import Tracer

#: Loop seconds a run may take before it is stopped, unless the spec says.
DEFAULT_BOUND = 60.0
#: Loop seconds a timing may be off from its goal, unless the spec says.
DEFAULT_TOLERANCE = 0.05
#: A traced run draws at most this many rows; past it, tracing stops (its cost
#: grows with the tasks alive at each step).
MAX_ROWS = 40

_real = {
    "monotonic": time.monotonic,
    "perf_counter": time.perf_counter,
    "monotonic_ns": time.monotonic_ns,
    "perf_counter_ns": time.perf_counter_ns,
    "sleep": time.sleep,
}
_real_run = asyncio.run
_real_new_event_loop = events.new_event_loop


class Stop(BaseException):
    """Ends a run from inside the event loop (not an Exception: nothing catches it)."""

    def __init__(self, why: str, detail: str = "") -> None:
        super().__init__(why)
        self.why = why  # "bound" or "stuck"
        self.detail = detail


class Clock:
    """Loop time, moved on by the selector and by ``time.sleep``."""

    def __init__(self, bound: float) -> None:
        self.now_s = 0.0
        self.bound = bound

    def now(self) -> float:
        return self.now_s

    def now_ns(self) -> int:
        return round(self.now_s * 1e9)

    def advance(self, seconds: float) -> None:
        if self.now_s + seconds > self.bound:
            self.now_s = self.bound
            raise Stop("bound")
        self.now_s += seconds


def _label(task: asyncio.Task[Any]) -> str:
    name = task.get_name()
    if re.fullmatch(r"Task-\d+", name):
        coro = task.get_coro()
        name = getattr(coro, "__qualname__", type(coro).__name__)
    return name


def _waits_on(task: asyncio.Task[Any]) -> str:
    """What a task waits on, as a reader would name it: ``Queue.join()``."""
    coro: Any = task.get_coro()
    innermost = ""
    asyncio_dir = os.path.dirname(asyncio.__file__)
    while coro is not None:
        code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
        if code is None:
            break
        if code.co_filename.startswith(asyncio_dir):
            innermost = code.co_qualname
            break
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    if innermost:
        return f"{innermost}()"
    waiter = getattr(task, "_fut_waiter", None)
    return "a future nobody resolves" if waiter is not None else "something"


class _Selector(selectors.BaseSelector):
    """No file descriptors: select() moves the clock on to the next timer."""

    def __init__(self, clock: Clock, loop: Callable[[], Any]) -> None:
        self._map: dict[Any, selectors.SelectorKey] = {}
        self.clock = clock
        self.loop = loop

    def register(self, fileobj: Any, events: int, data: Any = None) -> Any:
        raise OSError("sockets and pipes are not part of an exercise's check")

    def unregister(self, fileobj: Any) -> Any:
        raise KeyError(fileobj)

    def select(self, timeout: float | None = None) -> list[Any]:
        if timeout is None:
            loop = self.loop()
            waiting = sorted(
                f"{_label(t)} waits in {_waits_on(t)}"
                for t in asyncio.all_tasks(loop)
                if not t.done()
            )
            raise Stop("stuck", "; ".join(waiting))
        if timeout > 0:
            self.clock.advance(timeout)
        return []

    def get_map(self) -> Any:
        return self._map

    def close(self) -> None:
        pass


class _Loop(asyncio.SelectorEventLoop):  # type: ignore[misc,valid-type]
    """CPython's selector event loop on the virtual clock, watched by a Check."""

    def __init__(self, check: _Run) -> None:
        self._check = check
        me = weakref.ref(self)
        super().__init__(_Selector(check.clock, me))
        self.slow_callback_duration = 3600.0

    def time(self) -> float:
        return self._check.clock.now()

    # No self-pipe: nothing outside this thread wakes a checked loop.
    def _make_self_pipe(self) -> None:
        self._ssock = self._csock = None

    def _close_self_pipe(self) -> None:
        pass

    def _write_to_self(self) -> None:
        pass

    def _run_once(self) -> None:
        self._check.step(self)
        super()._run_once()


class _Run:
    """One checked run: its clock, the loops it made and what they saw."""

    def __init__(self, bound: float, script: str) -> None:
        self.clock = Clock(bound)
        self.script = script
        self.tracer = Tracer(self.clock.now)
        self.sleeps: list[tuple[int | None, float]] = []
        self.pending: list[str] = []
        self.reports: list[str] = []
        self.swallowed: list[str] = []
        self.live: weakref.WeakSet[asyncio.Task[Any]] = weakref.WeakSet()
        #: Tasks whose TaskGroup cancelled them when a child failed: Python 3.11 and
        #: 3.12 leave such a task's cancelling() count at 1 when the error came
        #: while it waited at the end of the block, though nothing swallowed it.
        self.group_parents: weakref.WeakSet[asyncio.Task[Any]] = weakref.WeakSet()
        #: asyncio.timeout() blocks: when each one fired (by id), and those whose
        #: block ran on after it fired: (fired at, ended at).
        self.timeouts_fired: dict[int, float] = {}
        self.overran: list[tuple[float, float]] = []
        self.stop: Stop | None = None

    # The loop -----------------------------------------------------------

    def new_loop(self) -> asyncio.AbstractEventLoop:
        loop = _Loop(self)
        loop.set_exception_handler(self.on_report)
        self.tracer.attach(loop)
        return loop

    def step(self, loop: asyncio.AbstractEventLoop) -> None:
        self.finished_tasks()
        self.live.update(asyncio.all_tasks(loop))

    def finished_tasks(self) -> None:
        for task in list(self.live):
            if task.done():
                self.live.discard(task)
                if (
                    not task.cancelled()
                    and task.cancelling() > 0
                    and task not in self.group_parents
                ):
                    self.swallowed.append(_label(task))

    def on_report(
        self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]
    ) -> None:
        message = str(context.get("message", ""))
        error = context.get("exception")
        task = context.get("task") or context.get("future")
        who = _label(task) if isinstance(task, asyncio.Task) else ""
        if "never retrieved" in message and error is not None:
            self.reports.append(
                f"an exception never retrieved: task `{who}` raised "
                f"{type(error).__name__}({_short(error)}) and nothing awaited the "
                "task or asked for its result(), so the error went unseen. Await "
                "the task, or start it in a TaskGroup, which raises its errors."
            )
        elif "destroyed but it is pending" in message:
            if self.stop is None:
                self.reports.append(
                    f"a task lost while it ran: `{who}` was garbage-collected while "
                    "still pending, because nothing kept a reference to it. Keep "
                    "the task (a set of tasks, or a TaskGroup) until it is done."
                )
        else:
            detail = f": {type(error).__name__}: {_short(error)}" if error else ""
            self.reports.append(f"asyncio reported: {message}{detail}")

    # asyncio.run, time.sleep -------------------------------------------

    def run(
        self, main: Any, *, debug: bool | None = None, loop_factory: Any = None
    ) -> Any:
        if events._get_running_loop() is not None:
            return _real_run(main, debug=debug)  # asyncio's own error, word for word
        runner = asyncio.Runner(debug=debug, loop_factory=loop_factory or self.new_loop)
        try:
            result = runner.run(main)
            loop = runner.get_loop()
            self.finished_tasks()
            self.pending += [
                _label(t)
                for t in asyncio.all_tasks(loop)
                if not t.get_coro().__qualname__.startswith("BaseEventLoop.")
            ]
            return result
        except Stop as stop:
            self.stop = self.stop or stop
            raise
        finally:
            if self.stop is None:
                try:
                    runner.close()
                except Stop as stop:
                    self.stop = stop

    def sleep(self, seconds: float, /) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        if events._get_running_loop() is not None:
            self.sleeps.append((self._line(), seconds))
        self.clock.advance(seconds)

    def _line(self) -> int | None:
        frame = sys._getframe(2)
        while frame is not None:
            if frame.f_code.co_filename == self.script:
                return frame.f_lineno
            frame = frame.f_back  # type: ignore[assignment]
        return None

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """asyncio.run, new loops and the clocks of ``time``, for this run only."""
        clock = self.clock
        saved_run, saved_new = asyncio.run, events.new_event_loop
        saved_time = {name: getattr(time, name) for name in _real}
        asyncio.run = self.run  # type: ignore[assignment]
        timeout = asyncio.Timeout
        saved_expire, saved_exit = timeout._on_timeout, timeout.__aexit__
        fired = self.timeouts_fired
        overran = self.overran

        def on_timeout(cm: Any) -> None:
            fired[id(cm)] = clock.now()
            saved_expire(cm)

        def timeout_exit(cm: Any, *exc: Any) -> Any:
            # Called where the block ends (no coroutine frame of its own added).
            at = fired.pop(id(cm), None)
            if at is not None and clock.now() > at + 1e-6:
                overran.append((at, clock.now()))
            return saved_exit(cm, *exc)

        timeout._on_timeout = on_timeout  # type: ignore[method-assign]
        timeout.__aexit__ = timeout_exit  # type: ignore[method-assign,assignment]
        group = asyncio.TaskGroup
        saved_done = getattr(group, "_on_task_done", None)
        if saved_done is not None:
            parents = self.group_parents

            def on_task_done(tg: Any, task: asyncio.Task[Any]) -> None:
                saved_done(tg, task)
                if getattr(tg, "_parent_cancel_requested", False) and tg._parent_task:
                    parents.add(tg._parent_task)

            group._on_task_done = on_task_done  # type: ignore[attr-defined]
        events.new_event_loop = asyncio.new_event_loop = self.new_loop  # type: ignore[assignment]
        time.monotonic = time.perf_counter = clock.now
        time.monotonic_ns = time.perf_counter_ns = clock.now_ns
        time.sleep = self.sleep
        try:
            yield
        finally:
            timeout._on_timeout = saved_expire  # type: ignore[method-assign]
            timeout.__aexit__ = saved_exit  # type: ignore[method-assign]
            if saved_done is not None:
                group._on_task_done = saved_done  # type: ignore[attr-defined]
            asyncio.run = saved_run
            events.new_event_loop = asyncio.new_event_loop = saved_new
            for name, value in saved_time.items():
                setattr(time, name, value)


def _short(error: BaseException) -> str:
    text = repr(str(error))
    return text if len(text) < 80 else text[:76] + "...'"


# ----------------------------------------------------------------- running


def _execute(path: str, source: str) -> tuple[int, str]:
    """Run ``source`` as the script ``path`` (as ``__main__``): exit code, traceback."""
    folder, name = os.path.split(path)
    os.makedirs(folder or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(source)
    saved_argv, saved_path = sys.argv, list(sys.path)
    sys.argv = [name]
    sys.path.insert(0, folder)
    try:
        runpy.run_path(path, run_name="__main__")
        return 0, ""
    except SystemExit as exit:
        code = exit.code
        return (code if isinstance(code, int) else (0 if code is None else 1)), ""
    except Stop:
        raise
    except BaseException as error:
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next
        text = "".join(traceback.format_exception(type(error), error, tb))
        return 1, text
    finally:
        sys.argv, sys.path[:] = saved_argv, saved_path


def run_checked(path: str, source: str, bound: float) -> dict[str, Any]:
    """Run the script on the virtual clock; what it printed and what was seen."""
    try:
        compile(source, path, "exec")
    except SyntaxError as error:
        return {
            "syntax": f"line {error.lineno}: {error.msg}",
            "stdout": "",
            "stderr": "",
            "code": 1,
            "elapsed": 0.0,
        }
    checked = _Run(bound, path)
    stdout, stderr = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    caught: list[warnings.WarningMessage] = []
    depth = sys.get_coroutine_origin_tracking_depth()
    code, tb = 0, ""
    sys.stdout, sys.stderr = stdout, stderr
    checked.tracer.wrap_stdout()
    sys.set_coroutine_origin_tracking_depth(8)
    try:
        with checked.installed(), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                code, tb = _execute(path, source)
            except Stop as stop:
                checked.stop = checked.stop or stop
                code = 1
            gc.collect()  # "never awaited", "never retrieved": now, as at exit
            checked.finished_tasks()
    finally:
        sys.stdout, sys.stderr = saved
        sys.set_coroutine_origin_tracking_depth(depth)
    trace = checked.tracer.report()
    never_awaited = []
    for found in caught:
        text = str(found.message)
        if "was never awaited" in text:
            name = re.search(r"coroutine '([^']+)'", text)
            lines = re.findall(rf'File "{re.escape(path)}", line (\d+)', text)
            never_awaited.append(
                (name[1] if name else "?", int(lines[-1]) if lines else None)
            )
    return {
        "stdout": stdout.getvalue(),
        "stderr": stderr.getvalue(),
        "traceback": tb,
        "code": code,
        "elapsed": round(checked.clock.now(), 6),
        "stop": checked.stop.why if checked.stop else None,
        "stuck": checked.stop.detail if checked.stop else "",
        "sleeps": checked.sleeps,
        "pending": checked.pending,
        "reports": checked.reports,
        "swallowed": sorted(set(checked.swallowed)),
        "overran": checked.overran,
        "never_awaited": never_awaited,
        "trace": trace,
    }


# ------------------------------------------------------------------ judging


def _base(label: str) -> str:
    """``fetch_all.<locals>.fetch_one #2`` -> ``fetch_one``."""
    return re.sub(r" #\d+$", "", label).rsplit(".<locals>.", 1)[-1]


def _groups(trace: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in trace.get("rows", []):
        groups.setdefault(_base(row["label"]), []).append(row)
    return groups


def at_once(rows: list[dict[str, Any]]) -> int:
    """The most of these rows alive at the same moment."""
    edges = sorted([(r["start"], 1) for r in rows] + [(r["end"], -1) for r in rows])
    most = alive = 0
    for _, change in edges:
        alive += change
        most = max(most, alive)
    return most


def one_after_another(trace: dict[str, Any]) -> list[tuple[str, int, str]]:
    """Coroutines called several times whose runs never overlapped: (name, n, kind)."""
    found = []
    for name, rows in _groups(trace).items():
        if len(rows) < 2 or any(r["end"] <= r["start"] for r in rows):
            continue
        busy = sum(r["end"] - r["start"] for r in rows)
        if busy < 0.9 * trace.get("end", 0):
            continue  # they were not what took the time (retries, say)
        rows = sorted(rows, key=lambda r: r["start"])
        if all(b["start"] >= a["end"] - 1e-9 for a, b in itertools.pairwise(rows)):
            found.append((name, len(rows), rows[0]["kind"]))
    return found


def _line_diff(expected: str, got: str) -> str | None:
    want, have = expected.splitlines(), got.splitlines()
    for number, (w, h) in enumerate(zip(want, have, strict=False), start=1):
        if w != h:
            return f"Line {number} differs.\n  expected: {w!r}\n  got:      {h!r}"
    if len(want) > len(have):
        return (
            f"Your run printed {len(have)} line(s) where {len(want)} are expected; "
            f"the next one should be\n  expected: {want[len(have)]!r}"
        )
    if len(have) > len(want):
        return (
            f"Your run printed {len(have)} lines where {len(want)} are expected; "
            f"the first one too many is\n  got:      {have[len(want)]!r}"
        )
    return None


def _any_order_diff(expected: str, got: str) -> str | None:
    want, have = expected.splitlines(), got.splitlines()
    missing, extra = list(want), []
    for line in have:
        if line in missing:
            missing.remove(line)
        else:
            extra.append(line)
    if not missing and not extra:
        return None
    parts = ["The lines may come in any order, but not all of them match."]
    parts += [f"  expected, not printed: {line!r}" for line in missing[:5]]
    parts += [f"  printed, not expected: {line!r}" for line in extra[:5]]
    return "\n".join(parts)


def _times(count: int) -> str:
    return f" ({count} of them)" if count > 1 else ""


def _where(line: int | None) -> str:
    return f" (line {line})" if line else ""


def pitfalls(run: dict[str, Any]) -> list[str]:
    """The mistakes the site teaches, as seen in this run."""
    found = []
    sleeps = run.get("sleeps", [])
    if sleeps:
        total = sum(s for _, s in sleeps)
        lines = sorted({line for line, _ in sleeps if line})
        where = f" (line {', '.join(map(str, lines))})" if lines else ""
        found.append(
            f"time.sleep on the loop: time.sleep(){where} ran {len(sleeps)} time(s) "
            f"inside the event loop and blocked it for {total:.2f} s in all: nothing "
            "else could run meanwhile. Use await asyncio.sleep() instead."
        )
    never = collections.Counter(tuple(x) for x in run.get("never_awaited", []))
    for (name, line), times in never.items():
        found.append(
            f"a coroutine never awaited: {name}(){_where(line)} was called but never "
            f"awaited{_times(times)}, so its body never ran. Put await before the "
            "call, or start it as a task."
        )
    for name, times in collections.Counter(run.get("pending", [])).items():
        found.append(
            f"a task left running: `{name}` was still running when main() returned"
            f"{_times(times)}, and asyncio.run() cancelled it. Await it (or use a "
            "TaskGroup, which waits for its tasks) before main() returns."
        )
    for name in run.get("swallowed", []):
        found.append(
            f"a cancellation swallowed: task `{name}` was cancelled, caught "
            "CancelledError and carried on, so whoever cancelled it thinks it "
            "stopped. Re-raise CancelledError after cleaning up."
        )
    for at, end in run.get("overran", []):
        found.append(
            f"a cancellation swallowed: a timeout fired at {at:.2f} s, but its block "
            f"went on until {end:.2f} s. The timeout stops the block by cancelling "
            "it, and something caught that CancelledError and carried on (an "
            "`except BaseException`, a bare `except:`, an `except CancelledError` "
            "that does not re-raise)."
        )
    found += run.get("reports", [])
    return found


def judge(run: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """The verdict on a checked run of the reader's code."""
    problems: list[dict[str, str]] = []

    def say(kind: str, text: str) -> None:
        problems.append({"kind": kind, "text": text})

    if run.get("syntax"):
        say("error", f"Python cannot read it: {run['syntax']}.")
        return _verdict(problems, run, spec)
    goal = spec.get("goal")
    elapsed = run["elapsed"]
    if run.get("stop") == "bound":
        say(
            "stopped",
            f"Stopped at {elapsed:.2f} s of loop time without finishing"
            + (f" (the goal is {goal:.2f} s)" if goal is not None else "")
            + ": in a real run it would go on for ever. A loop without a way out?",
        )
    elif run.get("stop") == "stuck":
        say(
            "stopped",
            f"Stopped at {elapsed:.2f} s of loop time: everything waits and nothing "
            f"is left that could wake it ({run['stuck']}). In a real run it would "
            "wait for ever: an item never marked task_done(), an event never set, a "
            "result nobody sends?",
        )
    elif run.get("traceback"):
        last = run["traceback"].strip().splitlines()[-1]
        say("error", f"Your code raised {last}\n{run['traceback'].rstrip()}")
    elif run.get("code"):
        say("error", f"Your script exited with code {run['code']}.")
    for text in pitfalls(run):
        say("pitfall", text)
    if not run.get("stop"):
        compare = _any_order_diff if spec.get("compare") == "any-order" else _line_diff
        diff = compare(spec["expected"], run["stdout"])
        if diff:
            say("output", diff)
        if goal is not None:
            _judge_time(run, spec, say)
        if run.get("stderr") and not run.get("traceback"):
            say("stderr", f"It wrote to stderr:\n{run['stderr'].rstrip()}")
    return _verdict(problems, run, spec)


def _judge_time(run: dict[str, Any], spec: dict[str, Any], say: Any) -> None:
    goal, elapsed = spec["goal"], run["elapsed"]
    tolerance = spec.get("tolerance", DEFAULT_TOLERANCE)
    trace = run.get("trace") or {}
    groups = _groups(trace)
    for name, limit in (spec.get("limit") or {}).items():
        most = at_once(groups.get(name, []))
        if most > limit:
            say(
                "time",
                f"Up to {most} `{name}` ran at once; the limit is {limit}.",
            )
    if elapsed > goal + tolerance:
        serial = [s for s in one_after_another(trace) if s[0] != "main"]
        if serial:
            name, n, kind = max(serial, key=lambda s: s[1])
            what = "tasks" if kind == "task" else "calls"
            say(
                "time",
                f"Your {n} `{name}` {what} ran one after another: {elapsed:.2f} s of "
                f"loop time where {goal:.2f} s was possible. Start them together (a "
                "TaskGroup, or gather) so that their waits overlap.",
            )
        elif run.get("sleeps"):
            say(
                "time",
                f"{elapsed:.2f} s of loop time where {goal:.2f} s was possible: while "
                "time.sleep() slept, the loop could run nothing else, so the waits "
                "could not overlap.",
            )
        else:
            say(
                "time",
                f"{elapsed:.2f} s of loop time where {goal:.2f} s was possible: "
                "something waited that need not have.",
            )
    elif elapsed < goal - tolerance:
        say(
            "time",
            f"It finished after {elapsed:.2f} s of loop time, where {goal:.2f} s is "
            "expected: did it skip a wait, or run more at once than it may?",
        )


def _verdict(
    problems: list[dict[str, str]], run: dict[str, Any], spec: dict[str, Any]
) -> dict[str, Any]:
    return {
        "passed": not problems,
        "problems": problems,
        "stdout": run.get("stdout", ""),
        "stderr": run.get("stderr", ""),
        "elapsed": run.get("elapsed", 0.0),
        "goal": spec.get("goal"),
        "trace": run.get("trace"),
    }


def judge_prediction(
    answer: str, run: dict[str, Any], spec: dict[str, Any]
) -> dict[str, Any]:
    """The verdict on a prediction: the lines in their order, or the total time."""
    problems: list[dict[str, str]] = []
    lines = [line.strip() for line in answer.splitlines() if line.strip()]
    if spec.get("predict") == "time":
        number = re.search(r"\d+(?:\.\d*)?|\.\d+", answer)
        if number is None:
            problems.append(
                {
                    "kind": "answer",
                    "text": "Write the total time in seconds, such as 2.5.",
                }
            )
        else:
            said = float(number[0])
            tolerance = spec.get("tolerance", DEFAULT_TOLERANCE)
            if abs(said - run["elapsed"]) > tolerance:
                more = "more" if said < run["elapsed"] else "less"
                problems.append(
                    {
                        "kind": "answer",
                        "text": f"Not {said:g} s: the run takes {more} loop time than that.",
                    }
                )
    else:
        printed = [line.strip() for line in run["stdout"].splitlines() if line.strip()]
        if sorted(lines) != sorted(printed):
            problems.append(
                {
                    "kind": "answer",
                    "text": "Keep the lines as they are given (each once) and change only "
                    f"their order: {len(printed)} lines.",
                }
            )
        else:
            for number, (said, real) in enumerate(
                zip(lines, printed, strict=True), start=1
            ):
                if said != real:
                    problems.append(
                        {
                            "kind": "answer",
                            "text": f"Line {number} is not where it belongs: {said!r} "
                            f"is not the run's line {number}.",
                        }
                    )
                    break
    normal = "\n".join(lines)
    for wrong in spec.get("wrong_answers", []):
        known = "\n".join(x.strip() for x in wrong["answer"].splitlines() if x.strip())
        if problems and known == normal:
            problems.append({"kind": "hint", "text": wrong["feedback"]})
    verdict = _verdict(problems, run, spec)
    verdict["reveal"] = True  # the run's output may now be shown
    return verdict


def check(source: str, spec: dict[str, Any], path: str | None = None) -> dict[str, Any]:
    """Check the reader's ``source`` (code, or for a prediction the answer)."""
    path = path or os.path.join(os.getcwd(), spec["file"])
    bound = spec.get("bound", DEFAULT_BOUND)
    if spec.get("kind") == "predict":
        run = run_checked(path, spec["program"], bound)
        return judge_prediction(source, run, spec)
    return judge(run_checked(path, source, bound), spec)


def render(trace: dict[str, Any] | None, name: str, ident: str) -> str:
    """The trace drawn as the page draws its timelines ('' when not worth it)."""
    if not timeline.worth_drawing(trace):
        return ""
    assert trace is not None
    return timeline.render(trace, name=name, ident=ident)


def check_json(source: str, spec_json: str, path: str, ident: str) -> str:
    """For the page: ``check`` with the timeline drawn, as JSON."""
    spec = json.loads(spec_json)
    verdict = check(source, spec, path)
    verdict["svg"] = render(verdict.pop("trace"), spec["file"], ident)
    return json.dumps(verdict)


# ------------------------------------------------- the reader's own timeline


class _Limited(Tracer):
    """The tracer, which gives up (and says so) past MAX_ROWS rows."""

    too_many = False

    def look(self, loop: asyncio.AbstractEventLoop) -> None:
        if self.too_many:
            return
        if len(self.rows) > MAX_ROWS or len(asyncio.all_tasks(loop)) > MAX_ROWS:
            self.too_many = True
            return
        super().look(loop)


@contextlib.contextmanager
def traced() -> Iterator[Callable[[], dict[str, Any] | None]]:
    """Trace every loop made meanwhile (a real-clock run): yields the report's getter."""
    start = _real["perf_counter"]()
    tracer = _Limited(lambda: _real["perf_counter"]() - start)
    made = events.new_event_loop

    def new_loop() -> asyncio.AbstractEventLoop:
        loop = made()
        tracer.attach(loop)
        return loop

    events.new_event_loop = asyncio.new_event_loop = new_loop  # type: ignore[assignment]
    saved = sys.stdout
    tracer.wrap_stdout()
    try:
        yield lambda: None if tracer.too_many else tracer.report()
    finally:
        events.new_event_loop = asyncio.new_event_loop = made  # type: ignore[assignment]
        sys.stdout = saved


def run_traced(
    run: Callable[[str, str], Any], path: str, source: str, ident: str
) -> Any:
    """``run(path, source)`` traced; its result, and the timeline's SVG ('' if none)."""
    with traced() as report:
        result = run(path, source)
    trace = report()
    svg = render(trace, os.path.basename(path), ident)
    return result, svg


# ---------------------------------------------------------------- CPython


def main(argv: list[str]) -> int:
    """``practice.py check SPEC.json SCRIPT``: the verdict as JSON on stdout."""
    if len(argv) != 3 or argv[0] != "check":
        print("usage: practice.py check SPEC.json SCRIPT", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        source = f.read()
    out = sys.stdout
    verdict = check(source, spec, os.path.abspath(argv[2]))
    out.write(json.dumps(verdict))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
