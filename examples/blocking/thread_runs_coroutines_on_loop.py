"""A plain thread runs coroutines on the event loop with run_coroutine_threadsafe()."""

import asyncio
import threading
import time


async def save(reading: float) -> str:
    await asyncio.sleep(0.1)  # an async database write, say
    return f"saved {reading} in {threading.current_thread().name}"


def sensor(loop: asyncio.AbstractEventLoop, done: asyncio.Event, start: float) -> None:
    """A blocking loop in its own thread, as a hardware or GUI library runs one."""
    for reading in (20.5, 21.0):
        time.sleep(0.4)  # waits for the next reading
        # Hands the coroutine to the loop; returns a concurrent.futures.Future.
        future = asyncio.run_coroutine_threadsafe(save(reading), loop)
        result = future.result(timeout=2)  # blocks this thread only
        print(f"sensor thread: {result!r} at {time.perf_counter() - start:.2f} s")
    loop.call_soon_threadsafe(done.set)  # the Event, too, belongs to the loop


async def main() -> None:
    start = time.perf_counter()
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    thread = threading.Thread(target=sensor, args=(loop, done, start), name="sensor")
    thread.start()
    await done.wait()  # the loop stays free to run save() meanwhile
    thread.join()
    print(f"main: the sensor thread is done at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
