"""A mistake: yield inside asyncio.timeout(). Its deadline cancels the consumer."""

import asyncio
import contextlib
import time
from collections.abc import AsyncGenerator


async def readings(start: float) -> AsyncGenerator[int, None]:
    try:
        # The mistake: this timeout belongs to the task that iterates, and it stays
        # armed while the generator is suspended at yield.
        async with asyncio.timeout(1):
            for value in range(3):
                await asyncio.sleep(0.1)
                yield value
    finally:
        print(f"generator closed at {time.perf_counter() - start:.2f} s")


async def consume(start: float) -> None:
    async with contextlib.aclosing(readings(start)) as values:
        async for value in values:
            print(f"reading {value} at {time.perf_counter() - start:.2f} s")
            try:
                await asyncio.sleep(2)  # the consumer's own work: no timeout here
            except asyncio.CancelledError:
                elapsed = time.perf_counter() - start
                print(f"consumer cancelled at {elapsed:.2f} s, in its own sleep(2)")
                raise


async def main() -> None:
    start = time.perf_counter()
    task = asyncio.create_task(consume(start))
    await asyncio.wait([task])
    outcome = "cancelled" if task.cancelled() else f"{task.exception()!r}"
    print(f"consumer task ended: {outcome}")


if __name__ == "__main__":
    asyncio.run(main())
