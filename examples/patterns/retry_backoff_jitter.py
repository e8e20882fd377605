"""Retry a failing call with exponential backoff and full jitter."""

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
RETRYABLE = (ConnectionError, TimeoutError)


async def retry(
    call: Callable[[], Awaitable[T]], rng: random.Random, tries: int = 6
) -> T:
    """Call until it succeeds, waiting a random time of up to 0.2, 0.4, 0.8... s."""
    for n in range(1, tries):
        try:
            return await call()
        except RETRYABLE as error:
            ceiling = min(5.0, 0.1 * 2**n)  # doubles after each failure, capped
            delay = rng.uniform(0, ceiling)  # full jitter
            print(f"try {n}: {error!r}; retry in {delay:.2f} s (at most {ceiling:.2f})")
            await asyncio.sleep(delay)
    return await call()  # the last try: its error reaches the caller


class FlakyService:
    """A simulated service that refuses its first four calls."""

    def __init__(self) -> None:
        self.calls = 0

    async def fetch(self) -> str:
        await asyncio.sleep(0.1)
        self.calls += 1
        if self.calls <= 4:
            raise ConnectionError("connection refused")
        return "report"


async def main() -> None:
    backoff = random.Random(3)  # seeded, so this run repeats; real code: Random()
    start = time.perf_counter()
    result = await retry(FlakyService().fetch, backoff)
    print(f"got {result!r} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
