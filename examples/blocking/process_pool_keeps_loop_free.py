"""CPU-bound work stalls the loop; in a ProcessPoolExecutor the loop keeps running.

The pool is shut down within a time limit, on Ctrl-C and SIGTERM too.
"""

import asyncio
import contextlib
import multiprocessing
import signal
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise


def crunch(seconds: float) -> None:
    """CPU-bound Python: arithmetic, over and over, until `seconds` have passed."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        sum(i * i for i in range(1000))


async def heartbeat(ticks: list[float]) -> None:
    while True:
        await asyncio.sleep(0.1)
        ticks.append(time.perf_counter())


async def longest_gap(work: Callable[[], Awaitable[None]]) -> float:
    """Runs `work` with a heartbeat going; returns the longest gap between ticks."""
    ticks = [time.perf_counter()]
    async with asyncio.TaskGroup() as tg:
        beat = tg.create_task(heartbeat(ticks))
        await asyncio.sleep(0)  # let the heartbeat start
        await work()
        ticks.append(time.perf_counter())
        beat.cancel()
    return max(later - earlier for earlier, later in pairwise(ticks))


async def in_the_loop() -> None:
    crunch(0.5)  # a mistake: the loop can do nothing else meanwhile


async def shut_down(pool: ProcessPoolExecutor, grace: float) -> None:
    """Stops the pool: jobs not started are dropped, running ones get `grace` s."""
    stopped = False
    try:
        stopping = asyncio.to_thread(pool.shutdown, cancel_futures=True)
        await asyncio.wait_for(stopping, grace)  # waits in a thread, not in the loop
        stopped = True
    except TimeoutError:
        print(f"a job still ran after {grace} s: killing the pool's workers")
    finally:  # also when a second Ctrl-C cuts the wait short
        if not stopped:  # all of multiprocessing's children: 3.14+ pool.kill_workers()
            for worker in multiprocessing.active_children():
                worker.kill()


async def main() -> None:
    loop = asyncio.get_running_loop()
    # SIGTERM (kill, systemd, docker stop) cancels main(), as Ctrl-C does, so that
    # finally shuts the pool down; by default SIGTERM ends the program at once.
    main_task = asyncio.current_task()
    assert main_task is not None
    loop.add_signal_handler(signal.SIGTERM, main_task.cancel)
    # Created once, at start-up; "spawn" starts each worker as a fresh interpreter.
    spawn = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=1, mp_context=spawn)
    try:
        gap = await longest_gap(in_the_loop)
        print(f"in the loop:  longest heartbeat gap {gap:.2f} s")
        gap = await longest_gap(lambda: loop.run_in_executor(pool, crunch, 0.5))
        print(f"in a process: longest heartbeat gap {gap:.2f} s")
    finally:
        await shut_down(pool, grace=2)


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # cancelled by SIGTERM: exit 0
        asyncio.run(main())
