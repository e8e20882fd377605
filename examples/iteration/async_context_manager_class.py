"""A class with async __aenter__ and __aexit__: the cleanup runs even on an error."""

import asyncio
import time
from types import TracebackType
from typing import Self


class Connection:
    def __init__(self, start: float) -> None:
        self.start = start

    def log(self, event: str) -> None:
        print(f"{event} at {time.perf_counter() - self.start:.2f} s")

    async def __aenter__(self) -> Self:
        await asyncio.sleep(0.5)  # connecting
        self.log("Connected")
        return self  # the value bound by "as"

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await asyncio.sleep(0.5)  # saying goodbye to the server
        self.log(f"Closed (exception: {exc!r})")


async def main() -> None:
    start = time.perf_counter()
    async with Connection(start) as conn:
        await asyncio.sleep(1)  # a query
        conn.log("Query done")
    try:
        async with Connection(start):
            raise ValueError("bad row")
    except ValueError as exc:
        print(f"ValueError reached main: {exc}")


if __name__ == "__main__":
    asyncio.run(main())
