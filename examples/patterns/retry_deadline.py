"""asyncio.timeout() around the retries: give up at a deadline, even mid-wait."""

import asyncio
import functools
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
RETRYABLE = (ConnectionError, TimeoutError)


async def retry(
    call: Callable[[], Awaitable[T]], rng: random.Random, tries: int = 10
) -> T:
    """Call until it succeeds, waiting a random time of up to 0.2, 0.4, 0.8... s."""
    for n in range(1, tries):
        try:
            return await call()
        except RETRYABLE as error:
            delay = rng.uniform(0, min(5.0, 0.1 * 2**n))  # backoff, full jitter
            print(f"try {n}: {error!r}; retry in {delay:.2f} s")
            await asyncio.sleep(delay)
    return await call()  # the last try: its error reaches the caller


async def fetch(start: float) -> str:
    """One request to a service that has stopped answering."""
    print(f"request sent at {time.perf_counter() - start:.2f} s")
    async with asyncio.timeout(0.5):  # every network wait gets a timeout
        await asyncio.sleep(3600)  # stands in for the reply that never comes
    return "report"


async def main() -> None:
    backoff = random.Random(3)  # seeded, so this run repeats; real code: Random()
    start = time.perf_counter()
    try:
        async with asyncio.timeout(3):  # the whole job: 3 s, retries included
            await retry(functools.partial(fetch, start), backoff)
    except TimeoutError:
        print(f"gave up at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
