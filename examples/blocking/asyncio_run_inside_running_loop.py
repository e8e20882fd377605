"""asyncio.run() fails inside a running event loop (as in Jupyter): await instead."""

import asyncio


async def fetch_total() -> int:
    await asyncio.sleep(0.5)
    return 42


def legacy_report() -> str:
    """Synchronous code that was written to be called from synchronous code."""
    coro = fetch_total()
    try:
        return f"total {asyncio.run(coro)}"
    except RuntimeError:
        coro.close()  # never started: close it, or Python warns it was never awaited
        raise


async def main() -> None:
    try:
        legacy_report()  # a mistake: this coroutine is already running in a loop
    except RuntimeError as error:
        print(f"RuntimeError: {error}")
    print(f"awaited directly: total {await fetch_total()}")
    print(f"in a worker thread: {await asyncio.to_thread(legacy_report)}")


if __name__ == "__main__":
    asyncio.run(main())
