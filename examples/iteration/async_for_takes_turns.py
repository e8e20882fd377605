"""async for reads one value at a time: the producer's and consumer's waits add up."""

import asyncio
import time
from collections.abc import AsyncIterator


async def readings() -> AsyncIterator[int]:
    for value in range(3):
        await asyncio.sleep(0.5)  # the sensor takes 0.5 s per reading
        yield value


async def main() -> None:
    start = time.perf_counter()
    async for value in readings():
        await asyncio.sleep(1)  # storing a reading takes 1 s
        print(f"stored {value}")
    print(f"Done in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
