"""Measure event-loop lag: a heartbeat reports how late its 0.1 s sleeps wake up."""

import asyncio
import time


async def monitor_lag(interval: float = 0.1, threshold: float = 0.1) -> None:
    """Report each beat that wakes more than `threshold` s late: the loop was busy."""
    loop = asyncio.get_running_loop()
    while True:
        start = loop.time()
        await asyncio.sleep(interval)
        lag = loop.time() - start - interval
        if lag > threshold:
            print(f"event loop lag: {lag:.2f} s")  # in production: log it, or a metric


def load_report() -> str:
    """A synchronous call, like a database driver waiting 0.5 s for its server."""
    time.sleep(0.5)
    return "report"


async def handle_request() -> None:
    await asyncio.sleep(0.25)
    load_report()  # a mistake: blocks the event loop for 0.5 s
    await asyncio.sleep(0.25)


async def main() -> None:
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        monitor = tg.create_task(monitor_lag())
        await handle_request()
        monitor.cancel()
    print(f"request handled in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
