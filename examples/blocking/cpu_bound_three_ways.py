"""Two CPU-bound jobs: one after another, in two threads, and in two processes."""

import asyncio
import multiprocessing
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor


def crunch(cpu_seconds: float) -> None:
    """CPU-bound Python: arithmetic until this thread has used cpu_seconds of CPU."""
    used = time.thread_time() + cpu_seconds
    while time.thread_time() < used:
        sum(i * i for i in range(1000))


async def two_jobs(pool: Executor, cpu_seconds: float) -> float:
    """Runs two jobs in the pool at once; returns how long they took together."""
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    jobs = (loop.run_in_executor(pool, crunch, cpu_seconds) for _ in range(2))
    await asyncio.gather(*jobs)
    return time.perf_counter() - start


async def main() -> None:
    # Both pools are created once, at start-up. Starting a worker process costs
    # as much as a job here, so two empty jobs start both workers before timing.
    threads = ThreadPoolExecutor(max_workers=2)
    spawn = multiprocessing.get_context("spawn")
    processes = ProcessPoolExecutor(max_workers=2, mp_context=spawn)
    try:
        await two_jobs(processes, 0)
        start = time.perf_counter()
        crunch(0.25)
        crunch(0.25)
        print(f"one after another: {time.perf_counter() - start:.2f} s")
        print(f"2 threads:         {await two_jobs(threads, 0.25):.2f} s")
        print(f"2 processes:       {await two_jobs(processes, 0.25):.2f} s")
    finally:
        await asyncio.to_thread(threads.shutdown)
        await asyncio.to_thread(processes.shutdown)


if __name__ == "__main__":
    asyncio.run(main())
