"""time.sleep() in a coroutine blocks the whole event loop: 2 s in total, not 1 s."""

import asyncio
import time


async def nap(name: str, start: float) -> None:
    print(f"{name} starts sleeping at {time.perf_counter() - start:.2f} s")
    time.sleep(1)  # a mistake: blocks the thread, so no other task can run


async def main() -> None:
    # Debug mode (python -X dev) logs every step that blocks the loop for over
    # 0.1 s. This example blocks on purpose, so raise that limit.
    asyncio.get_running_loop().slow_callback_duration = 5
    start = time.perf_counter()
    await asyncio.gather(nap("Task A", start), nap("Task B", start))
    print(f"Both tasks finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
