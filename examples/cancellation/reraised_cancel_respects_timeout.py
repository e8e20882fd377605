"""Re-raising CancelledError lets asyncio.timeout(1) stop the work at 1 s."""

import asyncio
import time


async def process_batches(start: float) -> None:
    for batch in range(1, 4):
        try:
            await asyncio.sleep(2)  # processing one batch
        except asyncio.CancelledError:
            elapsed = time.perf_counter() - start
            print(f"Batch {batch}: cancelled at {elapsed:.2f} s, re-raising")
            raise  # the fix: clean up if you need to, then re-raise
        print(f"Batch {batch} done at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    try:
        async with asyncio.timeout(1) as cm:
            await process_batches(start)
        elapsed = time.perf_counter() - start
        print(f"Block ended at {elapsed:.2f} s without TimeoutError")
    except TimeoutError:
        print(f"TimeoutError at {time.perf_counter() - start:.2f} s")
    print(f"cm.expired(): {cm.expired()}")


if __name__ == "__main__":
    asyncio.run(main())
