"""Catching CancelledError without re-raising it breaks timeouts.

asyncio.timeout(1.5) around a worker that swallows the cancellation returns late,
and without a TimeoutError.
"""

import asyncio
import time


async def stubborn_worker(start: float) -> None:
    for _ in range(3):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:  # the mistake: catch it and carry on
            print(f"  cancellation swallowed at {time.perf_counter() - start:.2f} s")
    print(f"  stubborn worker finished at {time.perf_counter() - start:.2f} s")


async def polite_worker(start: float) -> None:
    for _ in range(3):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print(f"  cleaned up at {time.perf_counter() - start:.2f} s")
            raise  # the fix: clean up, then let the cancellation go on


async def main() -> None:
    for worker in (stubborn_worker, polite_worker):
        print(f"{worker.__name__} under asyncio.timeout(1.5):")
        start = time.perf_counter()
        try:
            async with asyncio.timeout(1.5):
                await worker(start)
        except TimeoutError:
            print("  TimeoutError raised")
        print(f"  the block ended at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
