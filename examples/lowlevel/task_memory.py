"""What a sleeping task costs in memory, measured with tracemalloc over 10,000 tasks."""

import asyncio
import tracemalloc

TASKS = 10_000
BOUND = 2048  # bytes per task: the claim this example checks


async def main() -> None:
    async with asyncio.TaskGroup() as tg:
        tracemalloc.start()
        try:
            before, _ = tracemalloc.get_traced_memory()
            tasks = [tg.create_task(asyncio.sleep(3600)) for _ in range(TASKS)]
            await asyncio.sleep(0)  # every task starts and suspends in its sleep
            after, _ = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        for task in tasks:
            task.cancel()
    per_task = (after - before) / TASKS
    verdict = "under" if per_task < BOUND else "over"
    print(f"{TASKS:,} sleeping tasks: {verdict} {BOUND // 1024} KiB per task")


if __name__ == "__main__":
    asyncio.run(main(), debug=False)  # measure without debug mode's extra records
