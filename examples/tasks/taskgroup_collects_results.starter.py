"""Three lookups at once: write lookup_all() with a TaskGroup."""

import asyncio
import time

DELAYS = {"alpha": 0.5, "beta": 1.5, "gamma": 1.0}


async def lookup(name: str) -> int:
    await asyncio.sleep(DELAYS[name])  # stands in for a request
    return len(name)


async def lookup_all(names: list[str]) -> dict[str, int]:
    # Look every name up at the same time, in a TaskGroup, and return
    # {name: result} in the order of `names`.
    return {}


async def main() -> None:
    start = time.perf_counter()
    sizes = await lookup_all(["alpha", "beta", "gamma"])
    print(sizes)
    print(f"Looked up in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
