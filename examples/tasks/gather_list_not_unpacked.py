"""gather() takes awaitables as separate arguments: pass *coros, not a list."""

import asyncio


async def fetch(n: int) -> int:
    await asyncio.sleep(1)
    return n * 10


async def main() -> None:
    coros = [fetch(1), fetch(2), fetch(3)]
    try:
        await asyncio.gather(coros)  # the mistake: one argument, a list
    except TypeError as error:
        print(f"TypeError: {error}")

    results = await asyncio.gather(*coros)  # the fix: unpack the list
    print(f"results: {results}")


if __name__ == "__main__":
    asyncio.run(main())
