"""When one step fails, another is left running: make main() stop them all."""

import asyncio


async def step(name: str, seconds: float) -> None:
    await asyncio.sleep(seconds)
    if name == "broken":
        raise RuntimeError(f"{name} failed")
    print(f"{name} finished")


async def main() -> None:
    try:
        await asyncio.gather(step("quick", 0.5), step("broken", 1), step("slow", 3))
    except RuntimeError as error:
        print(f"error: {error}")
    print("main returns")


if __name__ == "__main__":
    asyncio.run(main())
