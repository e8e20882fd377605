"""Sync code in a worker thread runs a coroutine on the main event loop.

asyncio.run_coroutine_threadsafe() hands the coroutine to the loop and returns a
concurrent.futures.Future that the thread can wait on.
"""

import asyncio
import time


async def fetch_price(item: str) -> float:
    await asyncio.sleep(0.5)
    return {"book": 12.5, "pen": 1.25}[item]


def sync_report(loop: asyncio.AbstractEventLoop, item: str) -> str:
    """Plain sync code, e.g. a callback from a blocking library, run in a thread."""
    try:
        asyncio.get_running_loop()  # the mistake: no loop runs in this thread
    except RuntimeError as error:
        print(f"In the worker thread: RuntimeError: {error}")
    future = asyncio.run_coroutine_threadsafe(fetch_price(item), loop)  # the fix
    try:
        return f"{item} costs {future.result(timeout=5)}"
    except TimeoutError:
        future.cancel()  # else fetch_price() goes on running on the loop
        raise


async def main() -> None:
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    report = await asyncio.to_thread(sync_report, loop, "book")
    print(f"{report} (after {time.perf_counter() - start:.2f} s)")


if __name__ == "__main__":
    asyncio.run(main())
