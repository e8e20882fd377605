"""loop.call_soon() from another thread is a bug; asyncio's debug mode reports it."""

import asyncio
import time


def finish(loop: asyncio.AbstractEventLoop, done: asyncio.Event) -> None:
    """Runs in a worker thread: works for 0.5 s, then tells the loop."""
    time.sleep(0.5)
    try:
        loop.call_soon(done.set)  # a mistake: only the loop's own thread may call this
    except RuntimeError as error:
        print(f"RuntimeError: {error}")
    loop.call_soon_threadsafe(done.set)  # the fix: queue it and wake the loop


async def main() -> None:
    loop = asyncio.get_running_loop()
    loop.set_debug(True)  # the thread check runs in debug mode (python -X dev) only
    start = time.perf_counter()
    done = asyncio.Event()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(asyncio.to_thread(finish, loop, done))
        await done.wait()
        print(f"event set at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
