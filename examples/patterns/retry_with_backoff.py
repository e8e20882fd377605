"""A flaky call retried with exponential backoff: 0.1 s, 0.2 s, 0.4 s between tries."""

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
    delay = first_delay
    for attempt in range(1, attempts + 1):
        try:
            return await flaky()
        except ConnectionError:
            if attempt == attempts:
                raise
            print(f"attempt {attempt} failed; next in {delay:.2f} s")
            await asyncio.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


async def main() -> None:
    start = time.perf_counter()
    print(await with_retries(attempts=5, first_delay=0.1))
    print(f"In {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
