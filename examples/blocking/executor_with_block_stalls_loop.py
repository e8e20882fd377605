"""A mistake: `with ThreadPoolExecutor()` in a coroutine blocks the loop as it ends.

Leaving the block calls shutdown(wait=True), which waits in the loop's own thread.
"""

import asyncio
import contextlib
import time
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise


def lookup() -> None:
    time.sleep(1)  # a blocking call that outlasts the caller's timeout


async def heartbeat(ticks: list[float]) -> None:
    while True:
        await asyncio.sleep(0.1)
        ticks.append(time.perf_counter())


async def with_block() -> None:
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor() as pool:  # the mistake: its end waits for lookup()
        await loop.run_in_executor(pool, lookup)


async def shared(pool: ThreadPoolExecutor) -> None:
    await asyncio.get_running_loop().run_in_executor(pool, lookup)


async def call_with_timeout(label: str, call: Awaitable[None]) -> None:
    """Awaits `call` for at most 0.25 s, with a heartbeat going."""
    start = time.perf_counter()
    ticks = [start]
    async with asyncio.TaskGroup() as tg:
        beat = tg.create_task(heartbeat(ticks))
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(0.25):
                await call
        ticks.append(time.perf_counter())
        beat.cancel()
    gap = max(later - earlier for earlier, later in pairwise(ticks))
    print(
        f"{label}: timed out after {ticks[-1] - start:.2f} s, heartbeat gap {gap:.2f} s"
    )


async def main() -> None:
    pool = ThreadPoolExecutor()  # the fix: one pool, created at start-up
    try:
        await call_with_timeout("with block ", with_block())
        await call_with_timeout("shared pool", shared(pool))
    finally:
        # No waiting in the loop; exit still waits for lookup() (threads cannot
        # be killed), and a second Ctrl-C cuts that wait short.
        pool.shutdown(wait=False, cancel_futures=True)


if __name__ == "__main__":
    asyncio.run(main())
