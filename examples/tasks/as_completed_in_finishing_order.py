"""as_completed() hands over each result as soon as it is ready, fastest first."""

import asyncio
import time


async def fetch(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return name


async def main() -> None:
    start = time.perf_counter()
    tasks = [
        asyncio.create_task(fetch("slow", 3)),
        asyncio.create_task(fetch("fast", 1)),
        asyncio.create_task(fetch("medium", 2)),
    ]
    for next_done in asyncio.as_completed(tasks):
        name = await next_done  # the result of whichever finishes next
        print(f"got {name} at {time.perf_counter() - start:.2f} s")
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
