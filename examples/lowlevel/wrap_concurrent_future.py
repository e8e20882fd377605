"""asyncio.wrap_future() awaits a concurrent.futures.Future and leaves the loop free."""

import asyncio
import concurrent.futures
import time
from itertools import pairwise


def render_report() -> str:
    time.sleep(0.5)  # blocking work, in the pool's thread
    return "report.pdf"


async def heartbeat(ticks: list[float]) -> None:
    while True:
        await asyncio.sleep(0.1)
        ticks.append(time.perf_counter())


async def main() -> None:
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)  # e.g. a library's
    start = time.perf_counter()
    ticks = [start]
    try:
        async with asyncio.TaskGroup() as tg:
            beat = tg.create_task(heartbeat(ticks))
            job = pool.submit(render_report)  # a concurrent.futures.Future
            name = await asyncio.wrap_future(job)  # an asyncio future that follows it
            ticks.append(time.perf_counter())
            beat.cancel()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # returns at once
    print(f"{name} ready after {time.perf_counter() - start:.2f} s")
    gap = max(later - earlier for earlier, later in pairwise(ticks))
    print(f"longest gap between heartbeat ticks: {gap:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
