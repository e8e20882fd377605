"""anext() reads one item from an async iterator, as next() does from an iterator."""

import asyncio
import contextlib
import time
from collections.abc import AsyncGenerator


async def csv_lines() -> AsyncGenerator[str, None]:
    for line in ["name,age", "ana,31", "bob,27"]:
        await asyncio.sleep(0.5)  # each line arrives from the network
        yield line


async def main() -> None:
    start = time.perf_counter()
    async with contextlib.aclosing(csv_lines()) as lines:
        header = await anext(lines)  # the first item only
        print(f"header {header!r} at {time.perf_counter() - start:.2f} s")
        async for row in lines:  # the loop goes on from the second item
            print(f"row {row!r} at {time.perf_counter() - start:.2f} s")
        print(f"after the end: {await anext(lines, 'no more lines')!r}")


if __name__ == "__main__":
    asyncio.run(main())
