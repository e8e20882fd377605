"""asyncio.shield(): the await still times out at 1 s; the shielded save runs to 2 s."""

import asyncio
import time


async def save(start: float) -> str:
    await asyncio.sleep(2)  # writing to disk: must not be interrupted
    print(f"Save finished at {time.perf_counter() - start:.2f} s")
    return "saved"


async def main() -> None:
    start = time.perf_counter()
    save_task = asyncio.create_task(save(start))  # keep a reference to the inner task
    try:
        async with asyncio.timeout(1):
            await asyncio.shield(save_task)
    except TimeoutError:
        elapsed = time.perf_counter() - start
        print(f"TimeoutError at {elapsed:.2f} s; save_task.done() = {save_task.done()}")
    result = await save_task  # wait for the shielded work before moving on
    print(f"Result: {result!r} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
