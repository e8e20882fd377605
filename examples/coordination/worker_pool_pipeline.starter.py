"""Six jobs, three workers, one queue: write worker() and main()."""

import asyncio
import time


async def process(job: int) -> None:
    await asyncio.sleep(1)  # stands in for the work
    print(f"job {job} done")


async def worker(queue: asyncio.Queue[int]) -> None:
    # Take jobs from the queue for ever, process each, mark each done.
    ...


async def main() -> None:
    start = time.perf_counter()
    # Start three workers, put jobs 0 to 5 on a queue, wait until all are
    # done, then stop the workers (cancel them and wait for them).
    print(f"Six jobs in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
