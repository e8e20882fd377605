"""A blocking call inside a coroutine stalls every other task: the heartbeat stops."""

import asyncio
import time
from itertools import pairwise


def lookup_price() -> float:
    """A synchronous call, like a database driver waiting 1 s for its server."""
    time.sleep(1)
    return 2.5


async def heartbeat(ticks: list[float]) -> None:
    while True:
        await asyncio.sleep(0.1)
        ticks.append(time.perf_counter())


async def main() -> None:
    start = time.perf_counter()
    ticks = [start]
    async with asyncio.TaskGroup() as tg:
        beat = tg.create_task(heartbeat(ticks))
        await asyncio.sleep(0)  # let the heartbeat start
        price = lookup_price()  # a mistake: blocks the loop for 1 s
        ticks.append(time.perf_counter())
        beat.cancel()
    print(f"price {price} after {time.perf_counter() - start:.2f} s")
    print(f"heartbeat ticks during the call: {len(ticks) - 2} (expected about 10)")
    gap = max(later - earlier for earlier, later in pairwise(ticks))
    print(f"longest gap between heartbeat ticks: {gap:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
