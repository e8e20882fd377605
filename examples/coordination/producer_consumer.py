"""A producer puts items on an asyncio.Queue; a consumer gets and processes them."""

import asyncio
import time


async def producer(queue: asyncio.Queue[int], start: float) -> None:
    for item in range(1, 4):
        await asyncio.sleep(0.5)  # making an item takes 0.5 s
        await queue.put(item)
        print(f"Put item {item} at {time.perf_counter() - start:.2f} s")


async def consumer(queue: asyncio.Queue[int], start: float) -> None:
    while True:
        item = await queue.get()  # waits while the queue is empty
        try:
            print(f"  Got item {item} at {time.perf_counter() - start:.2f} s")
            await asyncio.sleep(1.5)  # processing an item takes 1.5 s
            print(f"  Done with item {item} at {time.perf_counter() - start:.2f} s")
        finally:
            queue.task_done()  # tells join() this item is finished, even if it failed


async def main() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        worker = tg.create_task(consumer(queue, start))
        await producer(queue, start)
        print(f"Producer finished at {time.perf_counter() - start:.2f} s")
        await queue.join()  # waits until every item got its task_done()
        print(f"All items processed at {time.perf_counter() - start:.2f} s")
        worker.cancel()  # the consumer waits forever otherwise


if __name__ == "__main__":
    asyncio.run(main())
