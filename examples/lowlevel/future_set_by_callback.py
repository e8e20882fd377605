"""A bare future: main() awaits a result that a callback sets 1 s later."""

import asyncio
import time


async def main() -> None:
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    future: asyncio.Future[str] = loop.create_future()
    print(f"created: done() is {future.done()}")
    timer = loop.call_later(1.0, future.set_result, "ready")  # a callback sets it
    try:
        result = await future  # main() is suspended until the result is set
    finally:
        timer.cancel()  # if main() is cancelled first, the callback must not run
    print(f"awaited {result!r} at {time.perf_counter() - start:.2f} s")
    print(f"afterwards: done() is {future.done()}, result() is {future.result()!r}")


if __name__ == "__main__":
    asyncio.run(main())
