"""Give the whole batch 2.5 s: write the deadline around it in main()."""

import asyncio
import time


async def download(name: str, seconds: float, done: list[str]) -> None:
    await asyncio.sleep(seconds)
    done.append(name)


async def main() -> None:
    start = time.perf_counter()
    done: list[str] = []
    # Stop the batch after 2.5 s: print "The batch ran out of time" if it did.
    async with asyncio.TaskGroup() as tg:
        tg.create_task(download("small", 1, done))
        tg.create_task(download("medium", 2, done))
        tg.create_task(download("large", 4, done))
    print(f"Finished: {done}")
    print(f"After {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
