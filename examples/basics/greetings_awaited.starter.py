"""Two greetings that never appear: make main() greet Ada, then Grace."""

import asyncio
import time


async def greet(name: str) -> None:
    await asyncio.sleep(0.5)  # stands in for looking the name up
    print(f"Hello, {name}!")


async def main() -> None:
    start = time.perf_counter()
    greet("Ada")
    greet("Grace")
    print(f"Greeted in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
