"""Python 3.13+: `async for` over as_completed() yields the original tasks."""

import asyncio
import time


async def fetch(seconds: float) -> str:
    await asyncio.sleep(seconds)
    return f"{seconds} s of data"


async def main() -> None:
    start = time.perf_counter()
    # Keyed by Future: type checkers see the items of as_completed() as futures.
    tasks: dict[asyncio.Future[str], str] = {
        asyncio.create_task(fetch(3)): "slow",
        asyncio.create_task(fetch(1)): "fast",
        asyncio.create_task(fetch(2)): "medium",
    }
    async for task in asyncio.as_completed(tasks):
        name = tasks[task]  # the very task we created, so the lookup works
        elapsed = time.perf_counter() - start
        print(f"{name} done at {elapsed:.2f} s: {task.result()}")
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
