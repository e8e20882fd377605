"""A thread hands its result to a future with loop.call_soon_threadsafe()."""

import asyncio
import threading
import time
from collections.abc import Callable


def read_sensor(callback: Callable[[float], None]) -> None:
    """A blocking driver that calls back from its own thread, as some libraries do."""
    time.sleep(0.5)  # waiting for the hardware
    callback(21.5)


def settle(future: asyncio.Future[float], outcome: float | Exception) -> None:
    """Runs on the loop's thread: hands the reading, or the driver's error, over."""
    if future.done():  # the awaiter may have timed out already
        return
    if isinstance(outcome, Exception):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)


async def main() -> None:
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    future: asyncio.Future[float] = loop.create_future()

    def deliver(outcome: float | Exception) -> None:  # runs in the driver's thread
        try:
            loop.call_soon_threadsafe(settle, future, outcome)
        except RuntimeError:  # "Event loop is closed": nobody is waiting any more
            if not loop.is_closed():
                raise

    def run_driver() -> None:  # the thread's target
        try:
            read_sensor(deliver)
        except Exception as error:  # a failed driver must not pass for a slow one
            deliver(error)

    # A daemon thread: a stuck driver must not keep the program from exiting.
    thread = threading.Thread(target=run_driver, daemon=True)
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
