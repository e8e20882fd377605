"""queue.join() returns once every item got its task_done(): the queue drains."""

import asyncio


async def worker(queue: asyncio.Queue[int]) -> None:
    while True:
        item = await queue.get()
        try:
            await asyncio.sleep(0.5)  # stands in for the work
            print(f"processed {item}")
        finally:
            queue.task_done()


async def main() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for item in range(4):
        queue.put_nowait(item)
    task = asyncio.create_task(worker(queue))
    await queue.join()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    print("all processed")


if __name__ == "__main__":
    asyncio.run(main())
