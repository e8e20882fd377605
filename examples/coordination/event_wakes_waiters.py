"""Three tasks wait on an asyncio.Event; set() wakes all of them at once."""

import asyncio
import time


async def waiter(name: str, ready: asyncio.Event, start: float) -> None:
    print(f"{name} waits at {time.perf_counter() - start:.2f} s")
    await ready.wait()
    # Waiters wake in the order they started waiting: A, B, C.
    print(f"{name} goes at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    ready = asyncio.Event()
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        for name in "ABC":
            tg.create_task(waiter(f"Task {name}", ready, start))
        await asyncio.sleep(1)  # e.g. loading a configuration
        print(f"Main sets the event at {time.perf_counter() - start:.2f} s")
        ready.set()
    await ready.wait()  # the event stays set: a later wait() returns at once
    print(f"A later wait() returned at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
