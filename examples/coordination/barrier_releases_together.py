"""Three tasks arrive at an asyncio.Barrier at 1, 2 and 3 s; all pass at 3 s."""

import asyncio
import time


async def party(
    name: str, delay: float, barrier: asyncio.Barrier, start: float
) -> None:
    await asyncio.sleep(delay)  # e.g. loading its part of the data
    print(f"{name} arrives at {time.perf_counter() - start:.2f} s")
    await barrier.wait()  # blocks until all 3 parties have arrived
    # The last to arrive passes first; the others follow in arrival order.
    print(f"{name} passes at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    barrier = asyncio.Barrier(3)
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        for name, delay in [("Task A", 1), ("Task B", 2), ("Task C", 3)]:
            tg.create_task(party(name, delay, barrier, start))


if __name__ == "__main__":
    asyncio.run(main())
