"""A Future resolved by a callback: awaiting it waits until call_later() fires."""

import asyncio
import time


def resolve(future: asyncio.Future[str]) -> None:
    if not future.done():
        future.set_result("the answer")


async def main() -> None:
    start = time.perf_counter()
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str] = loop.create_future()
    loop.call_later(1, resolve, future)
    print(await future)
    print(f"After {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
