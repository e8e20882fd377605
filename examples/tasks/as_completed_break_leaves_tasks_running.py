"""Leaving an as_completed() loop early leaves the other tasks running: cancel them."""

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
    try:
        for next_done in asyncio.as_completed(tasks):
            print(f"{await next_done} at {time.perf_counter() - start:.2f} s")
            break  # one answer is enough
        running = [task.get_name() for task in tasks if not task.done()]
        print(f"after the loop, still running: {running}")
    finally:
        for task in tasks:
            task.cancel()  # the fix; cancel() does nothing to a task that is done
        # Wait until the cancelled tasks have finished cleaning up.
        await asyncio.gather(*tasks, return_exceptions=True)
    cancelled = [task.get_name() for task in tasks if task.cancelled()]
    print(f"cancelled: {cancelled}")
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
