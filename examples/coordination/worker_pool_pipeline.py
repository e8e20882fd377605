"""A producer and three workers share a queue: six 1 s jobs take 2 s."""

import asyncio
import time


async def process(job: int) -> None:
    await asyncio.sleep(1)  # stands in for the work
    print(f"job {job} done")


async def worker(queue: asyncio.Queue[int]) -> None:
    while True:
        job = await queue.get()
        try:
            await process(job)
        finally:
            queue.task_done()


async def main() -> None:
    start = time.perf_counter()
    queue: asyncio.Queue[int] = asyncio.Queue()
    workers = [asyncio.create_task(worker(queue)) for _ in range(3)]
    for job in range(6):
        await queue.put(job)
    await queue.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(f"Six jobs in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
