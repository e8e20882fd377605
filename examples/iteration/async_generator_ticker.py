"""async for over an async generator: a reading every 0.5 s, four readings in 2 s."""

import asyncio
import time
from collections.abc import AsyncIterator


async def ticker(count: int, interval: float) -> AsyncIterator[float]:
    for n in range(count):
        await asyncio.sleep(interval)  # waiting for the sensor: other tasks may run
        yield 20.0 + n / 2  # a temperature reading


async def main() -> None:
    start = time.perf_counter()
    async for reading in ticker(4, 0.5):
        print(f"{reading:.1f} degrees at {time.perf_counter() - start:.2f} s")
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
