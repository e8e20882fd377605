"""await in a for loop: each download starts when the previous one has finished."""

import asyncio
import time


async def download(seconds: float) -> None:
    await asyncio.sleep(seconds)


async def main() -> None:
    start = time.perf_counter()
    for seconds in (0.5, 1.0, 1.5):
        await download(seconds)
    print(f"Downloaded in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
