"""A thread hands its result to a future with loop.call_soon_threadsafe()."""

import asyncio
import threading
import time
from collections.abc import Callable


def read_sensor(callback: Callable[[float], None]) -> None:
    """A blocking driver that calls back from its own thread, as some libraries do."""
    time.sleep(0.5)  # waiting for the hardware
    callback(21.5)


def set_unless_done(future: asyncio.Future[float], value: float) -> None:
    if not future.done():  # the awaiter may have timed out already
        future.set_result(value)


async def main() -> None:
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    future: asyncio.Future[float] = loop.create_future()

    def deliver(value: float) -> None:  # runs in the driver's thread
        try:
            loop.call_soon_threadsafe(set_unless_done, future, value)
        except RuntimeError:  # "Event loop is closed": nobody is waiting any more
            if not loop.is_closed():
                raise

    # A daemon thread: a stuck driver must not keep the program from exiting.
    thread = threading.Thread(target=read_sensor, args=(deliver,), daemon=True)
    thread.start()
    try:
        async with asyncio.timeout(2):
            value = await future
        print(f"reading {value} at {time.perf_counter() - start:.2f} s")
    except TimeoutError:
        print(f"no reading by {time.perf_counter() - start:.2f} s")
    finally:
        await asyncio.to_thread(thread.join, 1)  # a stuck driver is left behind


if __name__ == "__main__":
    asyncio.run(main())
