"""Take the first answer with wait(FIRST_COMPLETED), then cancel and await the rest."""

import asyncio
import time


async def query(mirror: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return f"answer from {mirror}"


async def main() -> None:
    start = time.perf_counter()
    tasks = [
        asyncio.create_task(query(mirror, seconds), name=mirror)
        for mirror, seconds in [("eu", 1.5), ("us", 1), ("asia", 2)]
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in done:
        print(f"{task.result()} at {time.perf_counter() - start:.2f} s")

    for task in pending:
        task.cancel()
    await asyncio.wait(pending)  # wait until the cancellations are done
    for task in sorted(pending, key=asyncio.Task.get_name):
        print(f"{task.get_name()} cancelled: {task.cancelled()}")
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
