"""A retry loop that catches only ConnectionError lets a timeout stop it at 1 s."""

import asyncio
import time


async def call() -> str:
    await asyncio.sleep(0.3)
    raise ConnectionError("service unavailable")


async def with_retries() -> str:
    for _ in range(10):
        try:
            return await call()
        except ConnectionError:
            await asyncio.sleep(0.1)
    return "gave up"


async def main() -> None:
    start = time.perf_counter()
    try:
        async with asyncio.timeout(1):
            print(await with_retries())
    except TimeoutError:
        print("timed out")
    print(f"After {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
