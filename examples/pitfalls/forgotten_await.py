"""A forgotten await: the call returns a coroutine object, never the result.

Python warns "coroutine ... was never awaited" when that object is thrown away.
"""

import asyncio
import warnings


async def fetch_price() -> float:
    await asyncio.sleep(0.5)
    return 9.99


async def main() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        price = fetch_price()  # the mistake: no await
        print(f"Without await: price is a {type(price).__name__} object")
        del price  # the coroutine object is thrown away without running
    for warning in caught:
        first_line = str(warning.message).splitlines()[0]
        print(f"{warning.category.__name__}: {first_line}")

    price = await fetch_price()  # the fix
    print(f"With await: price is {price}")


if __name__ == "__main__":
    asyncio.run(main())
