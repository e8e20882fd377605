"""AsyncExitStack opens a list of connections and closes them in reverse order."""

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator


@contextlib.asynccontextmanager
async def connect(name: str, start: float) -> AsyncIterator[str]:
    await asyncio.sleep(0.5)  # connecting
    print(f"{name}: connected at {time.perf_counter() - start:.2f} s")
    try:
        yield name
    finally:
        await asyncio.sleep(0.5)  # closing
        print(f"{name}: closed at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    names = ["db", "cache", "queue"]  # known only at run time
    async with contextlib.AsyncExitStack() as stack:
        conns = [await stack.enter_async_context(connect(n, start)) for n in names]
        print(f"Using {', '.join(conns)}")
    print(f"All closed at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
