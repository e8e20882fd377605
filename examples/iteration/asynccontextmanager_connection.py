"""@asynccontextmanager: code before yield sets up, the finally after it cleans up."""

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator


@contextlib.asynccontextmanager
async def connect(name: str, start: float) -> AsyncIterator[str]:
    await asyncio.sleep(0.5)  # connecting
    print(f"{name}: connected at {time.perf_counter() - start:.2f} s")
    try:
        yield name  # the body of the async with block runs here
    finally:
        await asyncio.sleep(0.5)  # closing
        print(f"{name}: closed at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    async with connect("db", start) as conn:
        await asyncio.sleep(1)  # a query
        print(f"{conn}: query done at {time.perf_counter() - start:.2f} s")
    try:
        async with connect("db", start):
            raise ValueError("bad row")
    except ValueError as exc:
        print(f"ValueError reached main: {exc}")


if __name__ == "__main__":
    asyncio.run(main())
