"""When one awaitable fails, gather() raises at once, but the others keep running."""

import asyncio
import time


async def fail_after(seconds: float, start: float) -> None:
    await asyncio.sleep(seconds)
    print(f"failing task raises at {time.perf_counter() - start:.2f} s")
    raise ValueError("bad data in the response")


async def slow_job(start: float) -> str:
    await asyncio.sleep(2)
    print(f"slow job finished at {time.perf_counter() - start:.2f} s")
    return "slow result"


async def main() -> None:
    start = time.perf_counter()
    slow = asyncio.create_task(slow_job(start))  # keep a handle on the sibling
    try:
        await asyncio.gather(fail_after(1, start), slow)
    except ValueError as error:
        print(f"gather raised at {time.perf_counter() - start:.2f} s: {error}")
    print(f"slow job still running: {not slow.done()}")
    result = await slow  # wait for it: leave no task running behind your back
    print(f"slow job returned {result!r}")
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
