"""A plain thread runs coroutines on the event loop with run_coroutine_threadsafe()."""

import asyncio
import threading
import time
from concurrent.futures import CancelledError


async def save(reading: float) -> str:
    await asyncio.sleep(0.1)  # an async database write, say
    return f"saved {reading} in {threading.current_thread().name}"


def sensor(
    loop: asyncio.AbstractEventLoop, stop: threading.Event, start: float
) -> None:
    """A blocking loop in its own thread, as a hardware or GUI library runs one."""
    for reading in (20.5, 21.0):
        time.sleep(0.4)  # waits for the next reading
        if stop.is_set():  # nothing can stop a thread from outside: it checks
            print("sensor thread: stopping, as asked")
            return
        # Hands the coroutine to the loop; returns a concurrent.futures.Future.
        future = asyncio.run_coroutine_threadsafe(save(reading), loop)
        try:
            result = future.result(timeout=2)  # blocks this thread only
        except TimeoutError:
            future.cancel()  # else save() goes on running on the loop
            raise
        except CancelledError:  # asyncio.run() cancels it when the program stops
            print("sensor thread: save() cancelled, stopping")
            return
        print(f"sensor thread: {result!r} at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    loop = asyncio.get_running_loop()
    stop = threading.Event()
    thread = threading.Thread(target=sensor, args=(loop, stop, start), name="sensor")
    thread.start()
    try:
        await asyncio.to_thread(thread.join)  # waits for the thread, not in the loop
    finally:
        stop.set()  # on Ctrl-C: tells the thread to stop after this reading
    print(f"main: the sensor thread is done at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
