"""Awaiting a coroutine runs it to the end now; a task starts when its creator waits."""

import asyncio
import time


async def job(name: str, seconds: float, start: float) -> None:
    print(f"{name} starts at {time.perf_counter() - start:.2f} s")
    await asyncio.sleep(seconds)
    print(f"{name} ends at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    await job("coroutine A", 1, start)  # runs now; main waits for the end
    await job("coroutine B", 1, start)  # starts only after A has ended

    task_c = asyncio.create_task(job("task C", 1, start))  # scheduled, not started
    task_d = asyncio.create_task(job("task D", 0.5, start))
    print(f"main created tasks C and D at {time.perf_counter() - start:.2f} s")
    await task_c  # main suspends here, so C and D both start
    await task_d  # D already ended while main was waiting for C
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
