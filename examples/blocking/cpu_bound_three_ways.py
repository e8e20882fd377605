"""Two CPU-bound jobs: one after another, in two threads, and in two processes."""

import asyncio
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor


def crunch(cpu_seconds: float) -> None:
    """CPU-bound Python: arithmetic until this thread has used cpu_seconds of CPU."""
    used = time.thread_time() + cpu_seconds
    while time.thread_time() < used:
        sum(i * i for i in range(1000))


async def in_pool(pool: Executor) -> None:
    loop = asyncio.get_running_loop()
    with pool:
        await asyncio.gather(
            *(loop.run_in_executor(pool, crunch, 0.1) for _ in range(2))
        )


async def main() -> None:
    start = time.perf_counter()
    crunch(0.1)
    crunch(0.1)
    print(f"one after another: {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    await in_pool(ThreadPoolExecutor(max_workers=2))
    print(f"2 threads:         {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    await in_pool(ProcessPoolExecutor(max_workers=2))
    print(f"2 processes:       {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
