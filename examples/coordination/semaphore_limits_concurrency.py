"""asyncio.Semaphore(3) runs 10 one-second jobs at most 3 at a time: 4 s in total."""

import asyncio
import time


async def job(n: int, limit: asyncio.Semaphore, start: float) -> None:
    async with limit:  # waits here while 3 jobs hold the semaphore
        print(f"Job {n} starts at {time.perf_counter() - start:.2f} s")
        await asyncio.sleep(1)


async def main() -> None:
    limit = asyncio.Semaphore(3)
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        for n in range(10):
            tg.create_task(job(n, limit, start))
    print(f"10 jobs finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
