"""Ten 0.2 s waits: one after another, in ten threads, and as ten asyncio tasks."""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def one_after_another() -> None:
    for _ in range(10):
        time.sleep(0.2)  # a blocking wait, like a synchronous HTTP request


async def in_threads(pool: ThreadPoolExecutor) -> None:
    loop = asyncio.get_running_loop()
    await asyncio.gather(
        *(loop.run_in_executor(pool, time.sleep, 0.2) for _ in range(10))
    )


async def as_tasks() -> None:
    async with asyncio.TaskGroup() as tg:
        for _ in range(10):
            tg.create_task(asyncio.sleep(0.2))  # an async wait, like an async request


async def main() -> None:
    pool = ThreadPoolExecutor(max_workers=10)  # created once, at start-up
    try:
        start = time.perf_counter()
        one_after_another()
        print(f"one after another: {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        await in_threads(pool)
        print(f"10 threads:        {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        await as_tasks()
        print(f"10 asyncio tasks:  {time.perf_counter() - start:.2f} s")
    finally:
        # No waiting in the loop; exit still waits for a running call (threads
        # cannot be killed), and a second Ctrl-C cuts that wait short.
        pool.shutdown(wait=False, cancel_futures=True)


if __name__ == "__main__":
    asyncio.run(main())
