"""Without try/finally around yield, an error in the block skips the cleanup."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

open_connections: set[str] = set()


@contextlib.asynccontextmanager
async def connect(name: str) -> AsyncIterator[str]:
    await asyncio.sleep(0.5)  # connecting
    open_connections.add(name)
    yield name  # a mistake: no try/finally, so an exception here ends the generator
    await asyncio.sleep(0.5)  # closing
    open_connections.discard(name)
    print(f"{name}: closed")


async def main() -> None:
    try:
        async with connect("db"):
            raise ValueError("bad row")
    except ValueError as exc:
        print(f"ValueError reached main: {exc}")
    print(f"Still open: {sorted(open_connections)}")


if __name__ == "__main__":
    asyncio.run(main())
