"""Retry a flaky call, doubling the wait after each failure: write with_retries()."""

import asyncio
import time

failures_left = 3


async def flaky() -> str:
    global failures_left
    await asyncio.sleep(0.1)  # the call itself
    if failures_left:
        failures_left -= 1
        raise ConnectionError("try again")
    return "ok"


async def with_retries(attempts: int, first_delay: float) -> str:
    # Call flaky() up to `attempts` times. After a ConnectionError, print
    # f"attempt {attempt} failed; next in {delay:.2f} s", wait `delay` (first
    # `first_delay`, then twice as long each time) and try again; after the last
    # attempt, let the error through.
    return await flaky()


async def main() -> None:
    start = time.perf_counter()
    print(await with_retries(attempts=5, first_delay=0.1))
    print(f"In {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
