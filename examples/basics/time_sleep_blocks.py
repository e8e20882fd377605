"""time.sleep() in a coroutine blocks the whole event loop: 2 s in total, not 1 s."""

import asyncio
import time


async def nap(name: str, start: float) -> None:
    print(f"{name} starts sleeping at {time.perf_counter() - start:.2f} s")
    time.sleep(1)  # a mistake: blocks the thread, so no other task can run


async def main() -> None:
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(nap("Task A", start))
        tg.create_task(nap("Task B", start))
    print(f"Both tasks finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
