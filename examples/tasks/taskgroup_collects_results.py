"""Three lookups in a TaskGroup: keep each task, read its result after the block."""

import asyncio
import time

DELAYS = {"alpha": 0.5, "beta": 1.5, "gamma": 1.0}


async def lookup(name: str) -> int:
    await asyncio.sleep(DELAYS[name])  # stands in for a request
    return len(name)


async def lookup_all(names: list[str]) -> dict[str, int]:
    async with asyncio.TaskGroup() as tg:
        tasks = {name: tg.create_task(lookup(name)) for name in names}
    return {name: task.result() for name, task in tasks.items()}


async def main() -> None:
    start = time.perf_counter()
    sizes = await lookup_all(["alpha", "beta", "gamma"])
    print(sizes)
    print(f"Looked up in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
