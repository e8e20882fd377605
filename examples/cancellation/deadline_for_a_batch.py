"""One deadline for a whole batch: what finished by 2.5 s is kept, the rest stops."""

import asyncio
import time


async def download(name: str, seconds: float, done: list[str]) -> None:
    await asyncio.sleep(seconds)
    done.append(name)


async def main() -> None:
    start = time.perf_counter()
    done: list[str] = []
    try:
        async with asyncio.timeout(2.5):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(download("small", 1, done))
                tg.create_task(download("medium", 2, done))
                tg.create_task(download("large", 4, done))
    except TimeoutError:
        print("The batch ran out of time")
    print(f"Finished: {done}")
    print(f"After {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
