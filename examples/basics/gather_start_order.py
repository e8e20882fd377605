"""gather() starts every coroutine before any of them finishes its wait."""

import asyncio


async def step(name: str, seconds: float) -> None:
    print(f"{name} starts")
    await asyncio.sleep(seconds)
    print(f"{name} ends")


async def main() -> None:
    await asyncio.gather(step("A", 2), step("B", 1), step("C", 0.5))


if __name__ == "__main__":
    asyncio.run(main())
