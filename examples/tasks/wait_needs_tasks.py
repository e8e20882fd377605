"""asyncio.wait() accepts tasks and futures only: coroutines are a TypeError."""

import asyncio
import time


async def fetch(seconds: float) -> float:
    await asyncio.sleep(seconds)
    return seconds


async def main() -> None:
    start = time.perf_counter()
    coros = [fetch(1), fetch(2)]
    try:
        await asyncio.wait(coros)  # the mistake: coroutines, not tasks
    except TypeError as error:
        print(f"TypeError: {error}")

    tasks = [asyncio.create_task(coro) for coro in coros]  # the fix
    done, pending = await asyncio.wait(tasks)
    print(f"{len(done)} done, {len(pending)} pending")
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
