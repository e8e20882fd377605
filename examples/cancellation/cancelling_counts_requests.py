"""Task.cancelling() counts cancel requests; asyncio.timeout() withdraws its own."""

import asyncio
import time


async def worker(start: float) -> None:
    task = asyncio.current_task()
    assert task is not None
    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                elapsed = time.perf_counter() - start
                print(f"Timeout at {elapsed:.2f} s: cancelling() = {task.cancelling()}")
                raise
    except TimeoutError:
        print(f"After the block: TimeoutError, cancelling() = {task.cancelling()}")
    try:
        await asyncio.sleep(5)  # the task carries on after its own timeout
    except asyncio.CancelledError:
        elapsed = time.perf_counter() - start
        print(f"Main cancels at {elapsed:.2f} s: cancelling() = {task.cancelling()}")
        raise


async def main() -> None:
    start = time.perf_counter()
    task = asyncio.create_task(worker(start))
    await asyncio.sleep(2)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)  # wait for it to finish
    print(f"task.cancelled(): {task.cancelled()}")


if __name__ == "__main__":
    asyncio.run(main())
