"""Pass asyncio.to_thread() the function, not its result: calling it blocks the loop."""

import asyncio
import time


def lookup_price(item: str) -> float:
    """A synchronous call that takes 0.5 s."""
    time.sleep(0.5)
    return {"tea": 2.5}[item]


async def main() -> None:
    start = time.perf_counter()
    try:
        # A mistake: lookup_price("tea") runs here, in the loop's thread.
        await asyncio.to_thread(lookup_price("tea"))
    except TypeError as error:
        print(f"TypeError: {error} (after {time.perf_counter() - start:.2f} s)")
    start = time.perf_counter()
    price = await asyncio.to_thread(lookup_price, "tea")  # the function, then its args
    print(f"price {price} after {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
