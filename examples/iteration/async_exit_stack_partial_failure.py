"""If the third connection fails, AsyncExitStack still closes the two already open."""

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator


@contextlib.asynccontextmanager
async def connect(name: str, start: float) -> AsyncIterator[str]:
    await asyncio.sleep(0.5)  # connecting
    if name == "queue":
        raise ConnectionError(f"{name}: connection refused")
    print(f"{name}: connected at {time.perf_counter() - start:.2f} s")
    try:
        yield name
    finally:
        await asyncio.sleep(0.5)  # closing
        print(f"{name}: closed at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    names = ["db", "cache", "queue"]
    try:
        async with contextlib.AsyncExitStack() as stack:
            for name in names:
                await stack.enter_async_context(connect(name, start))
            print("Never printed: the stack did not finish opening")
    except ConnectionError as exc:
        print(f"ConnectionError reached main: {exc}")


if __name__ == "__main__":
    asyncio.run(main())
