"""asyncio.TaskGroup runs two tasks concurrently: 2 s in total, not 1 s + 2 s."""

import asyncio
import time


async def task1(start: float) -> None:
    await asyncio.sleep(1)
    print(f"Task 1 completed at {time.perf_counter() - start:.2f} s")


async def task2(start: float) -> None:
    await asyncio.sleep(2)
    print(f"Task 2 completed at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(task1(start))  # starts as soon as main() waits
        tg.create_task(task2(start))
    # The block ends only when both tasks are done.
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
