"""A bounded queue (maxsize=2) makes a fast producer wait for a slow consumer."""

import asyncio
import time


async def producer(queue: asyncio.Queue[int], start: float) -> None:
    for item in range(1, 6):
        await queue.put(item)  # waits while the queue holds 2 items
        print(f"Put item {item} at {time.perf_counter() - start:.2f} s")
    print(f"Producer finished at {time.perf_counter() - start:.2f} s")


async def consumer(queue: asyncio.Queue[int], start: float) -> None:
    for _ in range(5):
        item = await queue.get()
        try:
            print(f"  Got item {item} at {time.perf_counter() - start:.2f} s")
            await asyncio.sleep(1)  # processing an item takes 1 s
        finally:
            queue.task_done()


async def main() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue(maxsize=2)
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(consumer(queue, start))
        tg.create_task(producer(queue, start))
    print(f"Consumer finished at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
