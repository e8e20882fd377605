"""Write ticks(): yield 0, 1, 2, ... waiting `interval` seconds before each."""

import asyncio
import time
from collections.abc import AsyncIterator


async def ticks(count: int, interval: float) -> AsyncIterator[int]:
    # Yield the numbers 0 to count - 1, waiting `interval` seconds before each.
    yield 0


async def main() -> None:
    start = time.perf_counter()
    async for number in ticks(3, 0.5):
        print(f"tick {number} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
