"""A mistake: task_done() after the work is skipped when a job fails; join() hangs.

The fix calls task_done() in a finally block.
"""

import asyncio
import time


async def process(job: int) -> None:
    await asyncio.sleep(0.5)
    if job == 1:
        raise ValueError(f"job {job} failed")


async def worker_with_mistake(queue: asyncio.Queue[int]) -> None:
    while True:
        job = await queue.get()
        try:
            await process(job)
            queue.task_done()  # a mistake: skipped when process() raises
        except ValueError as exc:
            print(f"  {exc}; the worker carries on")


async def worker_fixed(queue: asyncio.Queue[int]) -> None:
    while True:
        job = await queue.get()
        try:
            await process(job)
        except ValueError as exc:
            print(f"  {exc}; the worker carries on")
        finally:
            queue.task_done()  # the fix: runs whatever happened to the job


async def main() -> None:
    for worker in (worker_with_mistake, worker_fixed):
        print(f"{worker.__name__}:")
        queue: asyncio.Queue[int] = asyncio.Queue()
        for job in range(3):
            queue.put_nowait(job)
        start = time.perf_counter()
        async with asyncio.TaskGroup() as tg:
            worker_task = tg.create_task(worker(queue))
            try:
                async with asyncio.timeout(3):  # a safety net for this demonstration
                    await queue.join()
                print(f"  join() returned after {time.perf_counter() - start:.2f} s")
            except TimeoutError:
                elapsed = time.perf_counter() - start
                print(f"  join() still waiting after {elapsed:.2f} s", end="")
                print(f" with qsize() == {queue.qsize()}")
            worker_task.cancel()


if __name__ == "__main__":
    asyncio.run(main())
