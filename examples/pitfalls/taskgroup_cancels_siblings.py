"""A TaskGroup cancels the other tasks when one fails: nothing is left running."""

import asyncio


async def step(name: str, seconds: float) -> None:
    await asyncio.sleep(seconds)
    if name == "broken":
        raise RuntimeError(f"{name} failed")
    print(f"{name} finished")


async def main() -> None:
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(step("quick", 0.5))
            tg.create_task(step("broken", 1))
            tg.create_task(step("slow", 3))
    except* RuntimeError as group:
        print(f"error: {group.exceptions[0]}")
    print("main returns")


if __name__ == "__main__":
    asyncio.run(main())
