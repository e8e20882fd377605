"""Two tasks take turns: the event loop switches between them only at await."""

import asyncio


async def worker(name: str) -> None:
    for step in range(1, 4):
        print(f"{name}: step {step}")
        await asyncio.sleep(0)  # hand control back to the event loop


async def main() -> None:
    async with asyncio.TaskGroup() as tg:
        tg.create_task(worker("Task A"))
        tg.create_task(worker("Task B"))
    print("Both tasks are done")


if __name__ == "__main__":
    asyncio.run(main())
