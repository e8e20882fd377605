"""Two CPU-bound jobs in two threads and in two processes: which run at once?"""

import asyncio
import contextlib
import multiprocessing
import signal
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

JOB = 0.1  # CPU seconds per job


def crunch(cpu_seconds: float) -> None:
    """CPU-bound Python: arithmetic until this thread has used cpu_seconds of CPU."""
    used = time.thread_time() + cpu_seconds
    while time.thread_time() < used:
        sum(i * i for i in range(1000))


async def at_once(pool: Executor, cpu_seconds: float = JOB) -> float:
    """Runs two jobs in the pool together; returns how many ran at once, on average.

    The jobs use 2 * cpu_seconds of CPU time in all: done in that much wall time,
    one ran at a time; in half of it, both ran all the time.
    """
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    jobs = (loop.run_in_executor(pool, crunch, cpu_seconds) for _ in range(2))
    await asyncio.gather(*jobs)
    return 2 * cpu_seconds / (time.perf_counter() - start)


def verdict(jobs_at_once: float) -> str:
    if jobs_at_once < 1.1:
        return "one job at a time"
    if jobs_at_once > 1.3:
        return "both jobs at once"
    return "partly at once"


async def main() -> None:
    # SIGTERM (kill, systemd, docker stop) cancels main(), as Ctrl-C does, so that
    # finally shuts the pools down; by default SIGTERM ends the program at once.
    main_task = asyncio.current_task()
    assert main_task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    # Both pools are created once, at start-up. Starting a worker process costs
    # more than a job here, so two empty jobs start both workers before timing.
    # map() blocks until their results are back, so it waits in a worker thread.
    threads = ThreadPoolExecutor(max_workers=2)
    spawn = multiprocessing.get_context("spawn")
    processes = ProcessPoolExecutor(max_workers=2, mp_context=spawn)
    try:
        await asyncio.to_thread(lambda: list(processes.map(crunch, [0, 0])))
        # Other programs share the cores too: the best of three tries shows what
        # the jobs do when they get the cores.
        in_threads = max([await at_once(threads) for _ in range(3)])
        in_processes = max([await at_once(processes) for _ in range(3)])
        print(f"2 jobs of {JOB:.1f} CPU seconds each")
        print(f"in 2 threads:   {verdict(in_threads)}")
        print(f"in 2 processes: {verdict(in_processes)}")
    finally:
        await asyncio.to_thread(threads.shutdown)
        await asyncio.to_thread(processes.shutdown)


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # cancelled by SIGTERM: exit 0
        asyncio.run(main())
