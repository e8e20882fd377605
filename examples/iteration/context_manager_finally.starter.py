"""The connection stays open when the body fails: fix connection()."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


@asynccontextmanager
async def connection(name: str) -> AsyncIterator[str]:
    await asyncio.sleep(0.1)  # stands in for connecting
    print(f"{name}: open")
    yield name
    await asyncio.sleep(0.1)  # stands in for saying goodbye
    print(f"{name}: closed")


async def main() -> None:
    try:
        async with connection("db") as db:
            print(f"using {db}")
            raise ValueError("bad query")
    except ValueError as error:
        print(f"error: {error}")


if __name__ == "__main__":
    asyncio.run(main())
