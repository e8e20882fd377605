"""Run one example in the reader's browser as ``python3 name.py`` would.

The in-page runner's Python half, and the one place that says how the browser's
Python differs from CPython for the examples. ``worker.js`` (a Web Worker) loads
Pyodide (CPython compiled to WebAssembly, pinned in ``conf/package.json``), imports
this module, snapshots the interpreter and starts every run from that snapshot, so
each run gets a fresh interpreter, as each ``python3 name.py`` gets a fresh process.
``run()`` then executes the script unchanged, as ``__main__``, in its own folder.

Stock Pyodide drives asyncio from the browser's event loop (its ``WebLoop``), which
contradicts lessons the examples teach: ``time.sleep`` lets other tasks run, debug
mode does nothing, a nested ``asyncio.run()`` is not refused, Ctrl-C hangs. Here:

- every loop is CPython's own ``asyncio.SelectorEventLoop``, as on Linux, whose
  selector can only sleep: its one wait is a real, blocking sleep of the worker
  thread (``Atomics.wait``), so timers, debug mode, task factories and error
  messages are CPython's own. As in the harness's runs (``_bootstrap.py``), debug
  mode logs no slow step unless the script sets its own limit;
- ``time.sleep`` blocks the thread, as it does in CPython;
- CPU time (``time.process_time``, ``time.thread_time``): a browser cannot measure
  it, and Pyodide reports the time since start-up, waits included; here it is the
  time the run did not spend blocked in a sleep or a wait of its event loop, which
  is what CPython reports on an idle machine;
- a signal a script sends itself (``os.kill(os.getpid(), ...)``,
  ``signal.raise_signal``) is delivered as on Linux: Python-level handlers run,
  ``loop.add_signal_handler`` works, SIGINT raises KeyboardInterrupt, and a signal
  whose default action ends a process ends the run;
- what a browser page cannot do fails at once with a plain error instead of
  half-working: threads (Pyodide's own "can't start new thread"), subprocesses,
  process pools, sockets (no request ever leaves the page) and waiting on pipes.

Nothing here changes the script, and nothing is specific to one example.
"""

from __future__ import annotations

import asyncio
import atexit
import errno
import gc
import inspect
import os
import runpy
import selectors
import signal
import socket
import sys
import time
import traceback
from asyncio import base_events, events, runners, selector_events, unix_events
from typing import Any

#: Signals whose default action ends the process (POSIX), as ``kill PID`` would.
_FATAL = {
    signal.SIGTERM,
    signal.SIGHUP,
    signal.SIGQUIT,
    signal.SIGUSR1,
    signal.SIGUSR2,
    signal.SIGALRM,
    signal.SIGKILL,
    signal.SIGABRT,
}


#: Seconds this run spent blocked in _block, and when the run started: its CPU time
#: is the rest (see _cpu_time).
_blocked = 0.0
_started = 0.0


def _block(seconds: float | None) -> None:
    """Block the worker thread for ``seconds`` (for ever if None), using no CPU."""
    global _blocked
    import js  # the worker's global scope; looked up per call (snapshot-safe)

    start = time.perf_counter()
    js.runSleep(-1 if seconds is None else seconds * 1000)
    _blocked += time.perf_counter() - start


def _sleep(seconds: float, /) -> None:
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    _block(seconds)


class _Sleeper(selectors.BaseSelector):
    """A selector with no file descriptors: select() only sleeps until the timeout."""

    def __init__(self) -> None:
        self._map: dict[Any, selectors.SelectorKey] = {}

    def register(self, fileobj: Any, events: int, data: Any = None) -> Any:
        raise OSError(
            errno.ENOSYS, "sockets and pipes are not available in the browser"
        )

    def unregister(self, fileobj: Any) -> Any:
        raise KeyError(fileobj)

    def select(self, timeout: float | None = None) -> list[Any]:
        if timeout is None or timeout > 0:
            _block(timeout)
        return []

    def get_map(self) -> Any:
        return self._map

    def close(self) -> None:
        pass


def _not_here(what: str) -> OSError:
    return OSError(errno.ENOSYS, f"{what} are not available in the browser")


# CPython's own event loop (asyncio.SelectorEventLoop), with three parts replaced:
# its selector can only sleep (above); it has no self-pipe, since nothing outside
# this thread can wake it (a browser worker runs no other Python thread) and
# signals are handled in this thread; and a signal handler queues its callback
# directly instead of through the wakeup file descriptor.
def _no_self_pipe(self: Any) -> None:
    self._ssock = self._csock = None


def _nothing(self: Any) -> None:
    pass


def _add_signal_handler(self: Any, sig: int, callback: Any, *args: Any) -> None:
    if asyncio.iscoroutine(callback) or inspect.iscoroutinefunction(callback):
        raise TypeError("coroutines cannot be used with add_signal_handler()")
    self._check_signal(sig)
    self._check_closed()
    self._signal_handlers[sig] = events.Handle(callback, args, self, None)
    signal.signal(sig, lambda signum, frame: self._handle_signal(signum))


async def _no_subprocess(self: Any, *args: Any, **kwargs: Any) -> Any:
    raise _not_here("subprocesses")


#: The harness's one relaxation of debug mode (conf/verified_examples/_bootstrap.py
#: sets the same for every CPython run whose output a page shows): no slow-step log
#: unless the script asks for one, since WebAssembly is slower than native code.
SLOW_STEP_LIMIT = 60.0
_base_loop_init = base_events.BaseEventLoop.__init__


def _loop_init(self: Any, *args: Any, **kwargs: Any) -> None:
    _base_loop_init(self, *args, **kwargs)
    self.slow_callback_duration = SLOW_STEP_LIMIT


def _die(sig: int) -> None:
    """End the run now, as a signal's default action ends a process: no cleanup."""
    import js

    sys.stdout.flush()
    sys.stderr.flush()
    js.runEnded(-sig, time.perf_counter() - _started)
    _block(None)  # the page ends this worker as soon as it hears of the exit


def _deliver(sig: int) -> None:
    """Deliver ``sig`` to this process now, as Linux does for a signal sent to self."""
    handler = signal.getsignal(sig)
    if handler == signal.SIG_IGN:
        return
    if handler == signal.SIG_DFL or handler is None:
        if sig in _FATAL:
            _die(sig)
        return  # SIGCHLD, SIGWINCH...: ignored by default
    frame = sys._getframe(2)
    handler(sig, frame)  # type: ignore[operator]


def _kill(pid: int, sig: int, /) -> None:
    if pid in (0, os.getpid()):
        if sig not in signal.valid_signals():
            raise OSError(errno.EINVAL, "Invalid argument")
        _deliver(sig)
    else:
        raise ProcessLookupError(errno.ESRCH, "No such process")


def _raise_signal(sig: int, /) -> None:
    _deliver(sig)


def _no_socket(self: socket.socket, *args: Any, **kwargs: Any) -> None:
    raise _not_here("sockets")


def _cpu_time() -> float:
    return time.perf_counter() - _started - _blocked


def _cpu_time_ns() -> int:
    return round(_cpu_time() * 1e9)


def install() -> None:
    """Make this interpreter behave as described above (once, before the snapshot)."""
    # Pyodide replaces asyncio.run and sets a WebLoop as the running loop for good
    # (pyodide/webloop.py): undo both, and go back to CPython's default policy.
    asyncio.run = runners.run
    events._set_running_loop(None)
    events._set_event_loop_policy(None)  # type: ignore[attr-defined]
    selectors.DefaultSelector = _Sleeper  # type: ignore[misc]
    loop = selector_events.BaseSelectorEventLoop
    loop._make_self_pipe = _no_self_pipe  # type: ignore[method-assign]
    loop._close_self_pipe = _nothing  # type: ignore[method-assign]
    loop._write_to_self = _nothing  # type: ignore[method-assign]
    unix = unix_events._UnixSelectorEventLoop
    unix.add_signal_handler = _add_signal_handler  # type: ignore[method-assign]
    unix._make_subprocess_transport = _no_subprocess  # type: ignore[method-assign]
    base_events.BaseEventLoop.__init__ = _loop_init  # type: ignore[method-assign]
    time.sleep = _sleep
    time.process_time = time.thread_time = _cpu_time
    time.process_time_ns = time.thread_time_ns = _cpu_time_ns
    os.kill = _kill
    signal.raise_signal = _raise_signal
    socket.socket.__init__ = _no_socket  # type: ignore[method-assign]


def _print_exception(error: BaseException, script: str) -> None:
    """The traceback as ``python3 script.py`` prints it: from the script's frames."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != script:
        tb = tb.tb_next
    traceback.print_exception(type(error), error, tb)


def run(path: str, source: str) -> tuple[int, float]:
    """Run ``source`` as the script ``path``: its exit code and elapsed seconds.

    A run ended by a signal does not return: ``_die`` reports ``-signal``.
    """
    global _started
    folder, name = os.path.split(path)
    os.makedirs(folder, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(source)
    os.chdir(folder)
    sys.argv = [name]
    sys.path.insert(0, folder)
    start = _started = time.perf_counter()
    code = 0
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as exit:
        if exit.code is None:
            code = 0
        elif isinstance(exit.code, int):
            code = exit.code
        else:
            print(exit.code, file=sys.stderr)
            code = 1
    except BaseException as error:
        _print_exception(error, path)
        code = 130 if isinstance(error, KeyboardInterrupt) else 1
    try:
        atexit._run_exitfuncs()
        gc.collect()  # "never awaited", "destroyed but pending": as at exit
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return code, time.perf_counter() - start
