"""CPU-bound work stalls the loop; in a ProcessPoolExecutor the loop keeps running."""

import asyncio
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


async def watch(label: str, work: Awaitable[None]) -> None:
    ticks = [time.perf_counter()]
    async with asyncio.TaskGroup() as tg:
        beat = tg.create_task(heartbeat(ticks))
        await asyncio.sleep(0)  # let the heartbeat start
        await work
        ticks.append(time.perf_counter())
        beat.cancel()
    gap = max(later - earlier for earlier, later in pairwise(ticks))
    print(f"{label}: {ticks[-1] - ticks[0]:.2f} s, longest heartbeat gap {gap:.2f} s")


async def in_the_loop() -> None:
    crunch(0.5)  # a mistake: the loop can do nothing else meanwhile


async def main() -> None:
    loop = asyncio.get_running_loop()
    await watch("in the loop", in_the_loop())
    with ProcessPoolExecutor(max_workers=1) as pool:
        await watch("in a process", loop.run_in_executor(pool, crunch, 0.5))


if __name__ == "__main__":
    asyncio.run(main())
