"""asyncio.wait_for() cancels the call at 1 s, then waits for its 0.5 s cleanup."""

import asyncio
import time


async def query(start: float) -> str:
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print(f"Query cancelled at {time.perf_counter() - start:.2f} s, rolling back")
        await asyncio.sleep(0.5)  # cleanup that itself awaits
        print(f"Rollback done at {time.perf_counter() - start:.2f} s")
        raise
    return "rows"


async def main() -> None:
    start = time.perf_counter()
    try:
        await asyncio.wait_for(query(start), timeout=1)
    except TimeoutError:
        print(f"wait_for raised TimeoutError at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
