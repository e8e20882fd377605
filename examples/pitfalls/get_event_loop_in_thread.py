"""asyncio.get_event_loop() with no loop running in the thread raises RuntimeError.

Inside coroutines, asyncio.get_running_loop() is the current way to get the loop.
"""

import asyncio


def sync_helper() -> None:
    """Sync code run in a worker thread, where no event loop runs."""
    try:
        asyncio.get_event_loop()  # the mistake: the old way to find "the" loop
    except RuntimeError as error:
        print(f"In a worker thread: RuntimeError: {error}")


async def main() -> None:
    loop = asyncio.get_running_loop()  # the current way, inside a coroutine
    print(f"In main(): get_running_loop() works, is_running() is {loop.is_running()}")
    await asyncio.to_thread(sync_helper)


if __name__ == "__main__":
    asyncio.run(main())
