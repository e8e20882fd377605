"""Two tasks awaiting asyncio.sleep(1) wait at the same time: 1 s in total, not 2 s."""

import asyncio
import time


async def nap(name: str, start: float) -> None:
    print(f"{name} starts sleeping at {time.perf_counter() - start:.2f} s")
    await asyncio.sleep(1)  # gives control back to the event loop while it waits


async def main() -> None:
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:  # the block waits for both tasks
        tg.create_task(nap("Task A", start))
        tg.create_task(nap("Task B", start))
    print(f"Both tasks finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
