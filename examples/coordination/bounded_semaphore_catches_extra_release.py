"""One release too many: a Semaphore silently grows, a BoundedSemaphore raises."""

import asyncio
import time


async def job(n: int, limit: asyncio.Semaphore, start: float) -> None:
    await limit.acquire()
    try:
        print(f"Job {n} starts at {time.perf_counter() - start:.2f} s")
        await asyncio.sleep(1)
        limit.release()  # a mistake: released here...
    finally:
        limit.release()  # ...and again here


async def main() -> None:
    start = time.perf_counter()
    plain = asyncio.Semaphore(2)  # meant to allow 2 jobs at a time
    async with asyncio.TaskGroup() as tg:
        for n in range(6):
            tg.create_task(job(n, plain, start))
    print(f"Semaphore: no error, 6 jobs done in {time.perf_counter() - start:.2f} s")

    bounded = asyncio.BoundedSemaphore(2)
    try:
        await job(6, bounded, start)
    except ValueError as exc:
        print(f"BoundedSemaphore: ValueError: {exc}")


if __name__ == "__main__":
    asyncio.run(main())
