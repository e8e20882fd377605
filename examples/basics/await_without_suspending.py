"""Awaiting a coroutine that returns at once does not suspend the task.

Only an await that has to wait lets the event loop switch to another task.
"""

import asyncio


async def lookup(step: int) -> int:
    return step * 10  # nothing to wait for: returns at once


async def worker(name: str) -> None:
    for step in range(1, 4):
        value = await lookup(step)  # an await, but the task does not suspend
        print(f"{name}: step {step}, looked up {value}")


async def main() -> None:
    async with asyncio.TaskGroup() as tg:
        tg.create_task(worker("Task A"))
        tg.create_task(worker("Task B"))
    print("Both tasks are done")


if __name__ == "__main__":
    asyncio.run(main())
