"""CPU-bound work stalls the loop; in a ProcessPoolExecutor the loop keeps running."""

import asyncio
import multiprocessing
import time
from collections.abc import Awaitable
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


async def longest_gap(work: Awaitable[None]) -> float:
    """Awaits `work` with a heartbeat going; returns the longest gap between ticks."""
    ticks = [time.perf_counter()]
    async with asyncio.TaskGroup() as tg:
        beat = tg.create_task(heartbeat(ticks))
        await asyncio.sleep(0)  # let the heartbeat start
        await work
        ticks.append(time.perf_counter())
        beat.cancel()
    return max(later - earlier for earlier, later in pairwise(ticks))


async def in_the_loop() -> None:
    crunch(0.5)  # a mistake: the loop can do nothing else meanwhile


async def main() -> None:
    loop = asyncio.get_running_loop()
    # Created once, at start-up; "spawn" starts each worker as a fresh interpreter.
    spawn = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=1, mp_context=spawn)
    try:
        gap = await longest_gap(in_the_loop())
        print(f"in the loop:  longest heartbeat gap {gap:.2f} s")
        gap = await longest_gap(loop.run_in_executor(pool, crunch, 0.5))
        print(f"in a process: longest heartbeat gap {gap:.2f} s")
    finally:
        await asyncio.to_thread(pool.shutdown)  # waits for the worker in a thread


if __name__ == "__main__":
    asyncio.run(main())
