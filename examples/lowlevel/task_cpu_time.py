"""The CPU time it takes to create, run and finish a task, over 10,000 of them."""

import asyncio
import time

TASKS = 10_000
BOUND = 100e-6  # CPU seconds per task: the claim this example checks


async def job() -> None:
    await asyncio.sleep(0)  # suspend once, as a task that waits for I/O does


async def main() -> None:
    cpu_start = time.process_time()  # CPU time: other programs don't inflate it
    async with asyncio.TaskGroup() as tg:
        for _ in range(TASKS):
            tg.create_task(job())
    per_task = (time.process_time() - cpu_start) / TASKS
    verdict = "under" if per_task < BOUND else "over"
    print(f"{TASKS:,} tasks: {verdict} {BOUND * 1e6:.0f} µs of CPU time per task")


if __name__ == "__main__":
    asyncio.run(main(), debug=False)  # measure without debug mode's extra records
