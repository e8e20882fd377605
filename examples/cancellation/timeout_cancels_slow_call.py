"""asyncio.timeout(1) stops a 5 s call at 1 s.

The call sees CancelledError; the code around the block sees TimeoutError.
"""

import asyncio
import time


async def slow_call(start: float) -> str:
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError as exc:
        elapsed = time.perf_counter() - start
        print(f"Inside: {type(exc).__name__} at {elapsed:.2f} s")
        raise
    return "result"


async def main() -> None:
    start = time.perf_counter()
    try:
        async with asyncio.timeout(1):
            await slow_call(start)
    except TimeoutError as exc:
        elapsed = time.perf_counter() - start
        print(f"Outside: {type(exc).__name__} at {elapsed:.2f} s")
    print(
        f"asyncio.TimeoutError is TimeoutError: {asyncio.TimeoutError is TimeoutError}"
    )


if __name__ == "__main__":
    asyncio.run(main())
