"""A slow call under asyncio.timeout(1): the fallback answer comes at 1 s."""

import asyncio
import time


async def fetch_price() -> str:
    await asyncio.sleep(5)  # a service that answers far too late
    return "42.00"


async def price_or_fallback() -> str:
    try:
        async with asyncio.timeout(1):
            return await fetch_price()
    except TimeoutError:
        return "unknown"


async def main() -> None:
    start = time.perf_counter()
    print(f"Price: {await price_or_fallback()}")
    print(f"Answered in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
