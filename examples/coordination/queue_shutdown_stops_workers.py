"""Queue.shutdown() (Python 3.13+) lets workers finish the queued jobs, then stop."""

import asyncio
import time

DURATIONS = [1, 2.5, 0.5, 1.5, 1]  # seconds each job takes


async def worker(name: str, queue: asyncio.Queue[int], start: float) -> None:
    while True:
        try:
            job = await queue.get()
        except asyncio.QueueShutDown:  # shut down and empty: nothing left to do
            print(f"{name} stops at {time.perf_counter() - start:.2f} s")
            return
        try:
            print(f"{name} takes job {job} at {time.perf_counter() - start:.2f} s")
            await asyncio.sleep(DURATIONS[job])
        finally:
            queue.task_done()


async def main() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        for n in range(2):
            tg.create_task(worker(f"worker-{n}", queue, start))
        for job in range(len(DURATIONS)):
            await queue.put(job)
        queue.shutdown()  # no more puts; get() raises once the queue is empty
        print(f"Queue shut down at {time.perf_counter() - start:.2f} s")
    print(f"All workers stopped at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
