"""A mistake: except TimeoutError inside the timeout block never runs.

The fix puts the try around the whole async with statement.
"""

import asyncio
import time


async def fetch_price() -> str:
    await asyncio.sleep(5)
    return "42.00"


async def price_with_mistake(start: float) -> str:
    price = "unknown"
    try:
        async with asyncio.timeout(1):
            try:
                price = await fetch_price()
            except TimeoutError:  # a mistake: inside the block, nothing raises this
                price = "41.50 (cached)"
    except TimeoutError:
        elapsed = time.perf_counter() - start
        print(f"  TimeoutError raised outside the block at {elapsed:.2f} s")
    return price


async def price_fixed() -> str:
    try:
        async with asyncio.timeout(1):
            return await fetch_price()
    except TimeoutError:  # the fix: the try is around the async with
        return "41.50 (cached)"


async def main() -> None:
    start = time.perf_counter()
    print("price_with_mistake():")
    print(f"  price = {await price_with_mistake(start)!r}")
    print("price_fixed():")
    price = await price_fixed()
    print(f"  price = {price!r} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
