"""Three downloads started together take 3 s instead of 1 s: find out why."""

import asyncio
import time


async def download(name: str, start: float) -> None:
    time.sleep(1)  # stands in for waiting on the network
    print(f"{name} downloaded at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        for name in ("a.txt", "b.txt", "c.txt"):
            tg.create_task(download(name, start))
    print(f"All three in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
