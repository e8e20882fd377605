"""gather() waits for the longest of its waits; a wait after it adds to the total."""

import asyncio
import time


async def main() -> None:
    start = time.perf_counter()
    await asyncio.gather(asyncio.sleep(1), asyncio.sleep(2), asyncio.sleep(1.5))
    await asyncio.sleep(0.5)
    print(f"Done in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
