"""A task in a TaskGroup fails: its siblings are cancelled, except* gets the error."""

import asyncio
import time


async def fail_after(seconds: float, start: float) -> None:
    await asyncio.sleep(seconds)
    print(f"failing task raises at {time.perf_counter() - start:.2f} s")
    raise ValueError("bad data in the response")


async def slow_job(start: float) -> None:
    try:
        await asyncio.sleep(3)
        print("slow job finished")  # never printed
    except asyncio.CancelledError:
        print(f"slow job cancelled at {time.perf_counter() - start:.2f} s")
        raise  # always let cancellation through


async def main() -> None:
    start = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_after(1, start))
            tg.create_task(slow_job(start))
    except* ValueError as group:
        for error in group.exceptions:
            print(f"except* caught {type(error).__name__}: {error}")
    print(f"group ended at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
