"""Run one example script in this process, on the virtual or the real clock.

Usage: ``python -X dev -W error _bootstrap.py {virtual|real} REPORT SCRIPT``

The runner starts this file in a fresh interpreter. It runs SCRIPT as ``__main__``
(as ``python SCRIPT`` would) and writes a JSON report to REPORT: how long the script
took on the clock it ran on, and the tasks it left pending when ``asyncio.run()``
returned (``asyncio.run`` cancels those silently, so a plain run would hide them).

On the virtual clock, every event loop that ``asyncio.run()`` creates is a looptime
loop that fast-forwards through sleeps, and ``time.monotonic``/``time.perf_counter``
read that loop's time, so the timings an example prints are exact and cost no real
time. Nothing in the script changes: the clock is a property of the run.
"""

from __future__ import annotations

import asyncio

# Modules that bind time.monotonic at import time must be imported before the clock
# is patched, so that their real-time waits stay real.
import concurrent.futures  # noqa: F401
import gc
import json
import os
import queue  # noqa: F401
import runpy
import signal
import subprocess  # noqa: F401
import sys
import threading  # noqa: F401
import time
import traceback
from collections.abc import Callable, Coroutine
from typing import Any

from _tracer import Tracer  # beside this file, imported before sys.path changes

# looptime defines a pytest fixture when pytest can be imported, and importing pytest
# took most of each run's start-up CPU (a run cost 0.39 s of CPU with it, 0.15 s
# without): hide pytest meanwhile (a None entry makes its import fail). An example
# that imports pytest itself still gets it.
sys.modules["pytest"] = None  # type: ignore[assignment]
try:
    import looptime
finally:
    del sys.modules["pytest"]

_real_run = asyncio.run
_real_perf_counter = time.perf_counter


class VirtualClock:
    """One fast-forwarding time line shared by all the event loops of a run.

    Each new loop starts where the previous one stopped, so code that reads the clock
    before and after ``asyncio.run()`` sees the virtual time that passed inside it.
    """

    def __init__(self) -> None:
        self.loop: looptime.LoopTimeEventLoop | None = None
        self.tracer: Tracer | None = None

    def now(self) -> float:
        return self.loop.time() if self.loop is not None else 0.0

    def now_ns(self) -> int:
        return round(self.now() * 1e9)

    def new_loop(self) -> asyncio.AbstractEventLoop:
        loop = looptime.new_event_loop(start=self.now())
        if self.tracer is not None:
            self.tracer.attach(loop)
        # looptime paces its idle steps with time.perf_counter, read when the loop is
        # set up; give it back the real one.
        loop._LoopTimeEventLoop__sync_clock = _real_perf_counter  # type: ignore[attr-defined]
        self.loop = loop
        return loop

    def install(self) -> None:
        time.monotonic = time.perf_counter = self.now
        time.monotonic_ns = time.perf_counter_ns = self.now_ns


class Recorder:
    """Replaces ``asyncio.run`` with the same code plus a look at leftover tasks."""

    def __init__(
        self, loop_factory: Callable[[], asyncio.AbstractEventLoop] | None
    ) -> None:
        self.loop_factory = loop_factory
        self.pending: list[str] = []

    def run(
        self,
        main: Coroutine[Any, Any, Any],
        *,
        debug: bool | None = None,
        loop_factory: Callable[[], asyncio.AbstractEventLoop] | None = None,
    ) -> Any:
        if asyncio.events._get_running_loop() is not None:
            # Let the real asyncio.run raise its own error, word for word.
            return _real_run(main, debug=debug)
        runner = asyncio.Runner(
            debug=debug, loop_factory=loop_factory or self.loop_factory
        )
        try:
            result = runner.run(main)
            # Only a run that returned can have lost a task: one that raised (Ctrl-C
            # twice, say) leaves asyncio.run() to cancel the rest, as documented.
            loop = runner._loop
            if loop is not None and not loop.is_closed():
                self.pending += [_describe(task) for task in asyncio.all_tasks(loop)]
            return result
        finally:
            runner.close()


#: The harness's one relaxation of debug mode, for every loop of every run.
#: Runs use -X dev for what it catches that a reader would want to know (coroutines
#: never awaited, unclosed resources, loop methods called from the wrong thread), but
#: its slow-step log (any step over 0.1 s) is not a check worth failing on: examples
#: that block on purpose would need a line in the code readers copy only to quiet it,
#: and on a busy machine any step can be descheduled that long. Whether an example
#: blocks its loop is a claim about time, and the timing checks hold it. An example
#: whose lesson is the slow-step log (slow_callback_logged.py) sets its own limit,
#: which wins, since it runs after the loop is made.
SLOW_STEP_LIMIT = 60.0
_base_loop_init = asyncio.BaseEventLoop.__init__


def _loop_init(self: asyncio.BaseEventLoop, *args: Any, **kwargs: Any) -> None:
    _base_loop_init(self, *args, **kwargs)
    self.slow_callback_duration = SLOW_STEP_LIMIT


asyncio.BaseEventLoop.__init__ = _loop_init  # type: ignore[method-assign]


def _describe(task: asyncio.Task[Any]) -> str:
    coro = task.get_coro()
    name = getattr(coro, "__qualname__", type(coro).__name__)
    return f"{task.get_name()} ({name})"


def _reset_signals() -> None:
    """Give the example the signal dispositions a shell gives ``python3 script.py``.

    A parent may ignore SIGINT (sphinx-autobuild's build processes do), and ignored
    signals stay ignored across exec: asyncio.run() would then not turn Ctrl-C into
    a cancellation, and an example about Ctrl-C would behave differently here.
    """
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for name in ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)


def _tell_ready() -> None:
    """Tell a runner that times a fault from the script's first line: it starts now."""
    fd = os.environ.pop("VERIFIED_EXAMPLES_READY_FD", None)  # not the script's own
    if fd is not None:
        os.write(int(fd), b".")
        os.close(int(fd))


def main() -> int:
    _reset_signals()
    clock_name, report_path, script = sys.argv[1:4]
    script = os.path.abspath(script)
    clock = VirtualClock() if clock_name == "virtual" else None
    recorder = Recorder(clock.new_loop if clock else None)
    asyncio.run = recorder.run  # type: ignore[assignment]
    if clock:
        clock.install()
        clock.tracer = Tracer(clock.now)
        clock.tracer.wrap_stdout()

    sys.argv = [os.path.basename(script)]  # as `python3 name.py` in its folder
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    read = clock.now if clock else _real_perf_counter
    _tell_ready()
    start = read()
    code = 0
    try:
        runpy.run_path(script, run_name="__main__")
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as error:
        # Show the traceback from the example's own frames, as `python script.py`
        # would, without this file's and runpy's.
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != script:
            tb = tb.tb_next
        traceback.print_exception(type(error), error, tb)
        code = 1
    finally:
        gc.collect()  # let "never awaited" and "unclosed" warnings fire now
        report = {"elapsed": read() - start, "pending": recorder.pending}
        if clock and clock.tracer:
            report["trace"] = clock.tracer.report()
        with open(report_path, "w", encoding="utf-8") as f:
            json.dump(report, f)
    return code


if __name__ == "__main__":
    sys.exit(main())
