"""Task.cancel("shutting down"): the task cleans up in finally, then ends cancelled."""

import asyncio
import time


async def worker(start: float) -> None:
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as exc:
        print(f"Worker cancelled at {time.perf_counter() - start:.2f} s: {exc}")
        raise
    finally:
        await asyncio.sleep(0.5)  # cleanup may await, e.g. closing a connection
        print(f"Worker cleaned up at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    task = asyncio.create_task(worker(start))
    await asyncio.sleep(1)
    task.cancel("shutting down")
    print(f"task.cancelled() right after cancel(): {task.cancelled()}")
    # Wait until the task has finished cleaning up; its CancelledError is not raised.
    await asyncio.gather(task, return_exceptions=True)
    elapsed = time.perf_counter() - start
    print(f"main() goes on at {elapsed:.2f} s, task.cancelled(): {task.cancelled()}")


if __name__ == "__main__":
    asyncio.run(main())
