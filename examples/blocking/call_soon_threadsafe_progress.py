"""A worker thread reports progress to the loop with loop.call_soon_threadsafe()."""

import asyncio
import threading
import time


def download(
    loop: asyncio.AbstractEventLoop, progress: asyncio.Queue[int], stop: threading.Event
) -> None:
    """Blocking work in a worker thread: hands each step to the loop's thread."""
    for percent in (25, 50, 75, 100):
        if stop.is_set():  # the caller gave up; nothing else can stop a thread
            return
        time.sleep(0.2)  # a blocking read of the next chunk
        loop.call_soon_threadsafe(progress.put_nowait, percent)


async def show(progress: asyncio.Queue[int], start: float) -> None:
    percent = 0
    while percent < 100:
        percent = await progress.get()
        print(f"{percent:3}% at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    loop = asyncio.get_running_loop()
    progress: asyncio.Queue[int] = asyncio.Queue()
    stop = threading.Event()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(show(progress, start))
            await asyncio.to_thread(download, loop, progress, stop)
    finally:
        stop.set()  # on Ctrl-C: the thread stops after the chunk it is reading
    print(f"download done at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
