"""Await a Future that a callback resolves 1 s later: write the missing lines."""

import asyncio
import time


def resolve(future: asyncio.Future[str]) -> None:
    # Give the future its result, "the answer" (unless it is done already).
    pass


async def main() -> None:
    start = time.perf_counter()
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str] = loop.create_future()
    # Have the loop call resolve(future) in 1 s.
    print(await future)
    print(f"After {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
