"""Async comprehensions collect from an async generator, one item after another."""

import asyncio
import time
from collections.abc import AsyncIterator


async def ticker(count: int, interval: float) -> AsyncIterator[float]:
    for n in range(count):
        await asyncio.sleep(interval)
        yield 20.0 + n / 2


async def fetch_price(item: str) -> float:
    await asyncio.sleep(1)  # one request per item
    return len(item) * 1.5


async def main() -> None:
    start = time.perf_counter()
    readings = [r async for r in ticker(4, 0.5)]
    print(f"All readings: {readings} at {time.perf_counter() - start:.2f} s")
    warm = [r async for r in ticker(4, 0.5) if r >= 21]
    print(f"Warm readings: {warm} at {time.perf_counter() - start:.2f} s")
    prices = {item: await fetch_price(item) for item in ["tea", "coffee", "cake"]}
    print(f"Prices: {prices} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
