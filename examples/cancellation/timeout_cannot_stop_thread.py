"""A timeout cannot stop a thread: the wait ends at 1 s, the thread runs on to 3 s."""

import asyncio
import time

START = time.perf_counter()


def stamp() -> str:
    return f"{time.perf_counter() - START:.2f} s"


def export_report() -> None:
    time.sleep(3)  # blocking work: nothing can interrupt it from outside
    print(f"The thread finished its work at {stamp()}")


async def main() -> None:
    try:
        async with asyncio.timeout(1):
            await asyncio.to_thread(export_report)
    except TimeoutError:
        print(f"TimeoutError at {stamp()}: main() stops waiting, the thread does not")
    print(f"main() returns at {stamp()}")


if __name__ == "__main__":
    asyncio.run(main())  # waits for the default executor's threads on its way out
    print(f"asyncio.run() returned at {stamp()}")
