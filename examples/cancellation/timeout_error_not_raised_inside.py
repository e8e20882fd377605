"""except TimeoutError inside the timeout block never runs: it is raised outside."""

import asyncio
import time


async def fetch_price() -> str:
    await asyncio.sleep(5)
    return "42.00"


async def main() -> None:
    start = time.perf_counter()
    price = "unknown"
    try:
        async with asyncio.timeout(1):
            try:
                price = await fetch_price()
            except TimeoutError:  # a mistake: inside the block, nothing raises this
                price = "41.50 (cached)"
    except TimeoutError:
        elapsed = time.perf_counter() - start
        print(f"TimeoutError raised outside the block at {elapsed:.2f} s")
    print(f"price = {price!r}")


if __name__ == "__main__":
    asyncio.run(main())
