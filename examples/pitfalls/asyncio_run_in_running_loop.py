"""asyncio.run() inside a coroutine fails: a loop already runs in this thread.

Inside async code, await the coroutine instead.
"""

import asyncio
import warnings


async def fetch_price() -> float:
    await asyncio.sleep(0.5)
    return 9.99


def get_price() -> float:
    """A sync helper that starts its own event loop: fine from sync code only."""
    return asyncio.run(fetch_price())


async def main() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            get_price()  # the mistake: main() already runs in an event loop
        except RuntimeError as error:
            print(f"RuntimeError: {error}")
    for warning in caught:
        print(f"{warning.category.__name__}: {str(warning.message).splitlines()[0]}")

    price = await fetch_price()  # the fix: await it
    print(f"Awaited instead: price is {price}")


if __name__ == "__main__":
    asyncio.run(main())
