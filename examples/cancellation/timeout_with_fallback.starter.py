"""Answer within 1 s: write price_or_fallback() with asyncio.timeout()."""

import asyncio
import time


async def fetch_price() -> str:
    await asyncio.sleep(5)  # a service that answers far too late
    return "42.00"


async def price_or_fallback() -> str:
    # Return fetch_price()'s answer if it comes within 1 s, else "unknown".
    return await fetch_price()


async def main() -> None:
    start = time.perf_counter()
    print(f"Price: {await price_or_fallback()}")
    print(f"Answered in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
