"""A forgotten await: the call gives a coroutine object, never the result.

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
        try:
            print(f"Two cost {fetch_price() * 2}")  # the mistake: no await
        except TypeError as error:
            print(f"TypeError: {error}")
    for warning in caught:
        first_line = str(warning.message).splitlines()[0]
        print(f"{warning.category.__name__}: {first_line}")

    price = await fetch_price()  # the fix
    print(f"With await: two cost {price * 2}")


if __name__ == "__main__":
    asyncio.run(main())
