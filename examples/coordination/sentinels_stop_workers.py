"""Before Python 3.13: one None per worker after the jobs tells each worker to stop."""

import asyncio
import time

DURATIONS = [1, 2.5, 0.5, 1.5, 1]  # seconds each job takes
STOP = None  # the sentinel: a value that is never a real job


async def worker(name: str, queue: asyncio.Queue[int | None], start: float) -> None:
    while True:
        job = await queue.get()
        try:
            if job is STOP:
                print(f"{name} stops at {time.perf_counter() - start:.2f} s")
                return
            print(f"{name} takes job {job} at {time.perf_counter() - start:.2f} s")
            await asyncio.sleep(DURATIONS[job])
        finally:
            queue.task_done()  # the sentinel too, so queue.join() can return


async def main() -> None:
    queue: asyncio.Queue[int | None] = asyncio.Queue()
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        for n in range(2):
            tg.create_task(worker(f"worker-{n}", queue, start))
        for job in range(len(DURATIONS)):
            await queue.put(job)
        for _ in range(2):
            await queue.put(STOP)  # one per worker: each worker takes one and stops
    print(f"All workers stopped at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
