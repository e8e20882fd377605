"""An async generator that waits before each value; async for reads them."""

import asyncio
import time
from collections.abc import AsyncIterator


async def ticks(count: int, interval: float) -> AsyncIterator[int]:
    for number in range(count):
        await asyncio.sleep(interval)
        yield number


async def main() -> None:
    start = time.perf_counter()
    async for number in ticks(3, 0.5):
        print(f"tick {number} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
