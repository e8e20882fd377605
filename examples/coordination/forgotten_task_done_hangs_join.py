"""A worker that never calls task_done() makes queue.join() wait forever."""

import asyncio
import time


async def worker(queue: asyncio.Queue[int], start: float) -> None:
    while True:
        job = await queue.get()
        await asyncio.sleep(0.5)  # process the job...
        print(f"Finished job {job} at {time.perf_counter() - start:.2f} s")
        # a mistake: no queue.task_done() here


async def main() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for job in range(3):
        queue.put_nowait(job)
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        worker_task = tg.create_task(worker(queue, start))
        try:
            async with asyncio.timeout(3):  # a safety net for this demonstration
                await queue.join()
        except TimeoutError:
            elapsed = time.perf_counter() - start
            print(f"join() still waiting after {elapsed:.2f} s: TimeoutError")
            print(f"The queue is empty (qsize() == {queue.qsize()}), yet join() waits")
        worker_task.cancel()


if __name__ == "__main__":
    asyncio.run(main())
