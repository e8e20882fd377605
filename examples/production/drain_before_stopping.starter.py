"""Orders accepted before shutdown are lost: fix the shutdown in main()."""

import asyncio


async def worker(name: str, queue: asyncio.Queue[str]) -> None:
    while True:
        order = await queue.get()
        try:
            await asyncio.sleep(0.5)  # stands in for handling the order
            print(f"{name} handled {order}")
        finally:
            queue.task_done()


async def main() -> None:
    queue: asyncio.Queue[str] = asyncio.Queue()
    workers = [asyncio.create_task(worker(f"w{n}", queue)) for n in (1, 2)]
    for order in ("A", "B", "C", "D"):
        queue.put_nowait(order)
    await asyncio.sleep(0.1)  # the service runs; now it is told to stop
    print("shutting down")
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print("stopped")


if __name__ == "__main__":
    asyncio.run(main())
