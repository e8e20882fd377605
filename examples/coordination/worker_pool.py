"""Three workers share six jobs from one asyncio.Queue; join() waits for all of them."""

import asyncio
import time

DURATIONS = [0.5, 1, 2, 1, 2, 1]  # seconds each job takes: 7.5 s in all


async def worker(name: str, queue: asyncio.Queue[int], start: float) -> None:
    while True:
        job = await queue.get()
        try:
            print(f"{name} takes job {job} at {time.perf_counter() - start:.2f} s")
            await asyncio.sleep(DURATIONS[job])
        finally:
            queue.task_done()  # counted as done even if the job raised


async def main() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for job in range(len(DURATIONS)):
        queue.put_nowait(job)
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        workers = [
            tg.create_task(worker(f"worker-{n}", queue, start)) for n in range(3)
        ]
        await queue.join()  # every job is done; the workers wait in get()
        print(f"All jobs done at {time.perf_counter() - start:.2f} s")
        for task in workers:
            task.cancel()  # stop the idle workers, or the group never ends


if __name__ == "__main__":
    asyncio.run(main())
