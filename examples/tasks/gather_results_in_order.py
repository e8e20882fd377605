"""gather() returns results in argument order, whatever order the tasks finish in."""

import asyncio
import time


async def fetch(name: str, seconds: float, start: float) -> str:
    await asyncio.sleep(seconds)
    print(f"{name} finished at {time.perf_counter() - start:.2f} s")
    return name.upper()


async def main() -> None:
    start = time.perf_counter()
    results = await asyncio.gather(
        fetch("first", 3, start),
        fetch("second", 1, start),
        fetch("third", 2, start),
    )
    print(f"results: {results}")
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
