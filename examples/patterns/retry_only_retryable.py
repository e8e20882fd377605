"""Retry only the errors that may go away: a missing item fails at once."""

import asyncio
import functools
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
RETRYABLE = (ConnectionError, TimeoutError)  # the network, not the request


async def retry(
    call: Callable[[], Awaitable[T]], rng: random.Random, tries: int = 6
) -> T:
    """Call until it succeeds, waiting a random time of up to 0.2, 0.4, 0.8... s."""
    for n in range(1, tries):
        try:
            return await call()
        except RETRYABLE as error:  # anything else reaches the caller at once
            delay = rng.uniform(0, min(5.0, 0.1 * 2**n))  # backoff, full jitter
            print(f"  try {n}: {error!r}; retry in {delay:.2f} s")
            await asyncio.sleep(delay)
    return await call()  # the last try: its error reaches the caller


class NotFound(Exception):
    """The service has no such item: asking again will not change that."""


class Shop:
    """A simulated service that drops its first two connections."""

    def __init__(self) -> None:
        self.calls = 0

    async def price(self, item: str) -> float:
        await asyncio.sleep(0.1)
        self.calls += 1
        if self.calls <= 2:
            raise ConnectionError("connection reset")
        if item != "tea":
            raise NotFound(f"no such item: {item}")
        return 2.5


async def main() -> None:
    backoff = random.Random(3)  # seeded, so this run repeats; real code: Random()
    shop = Shop()
    for item in ["tea", "jam"]:
        start = time.perf_counter()
        try:
            price = await retry(functools.partial(shop.price, item), backoff)
            print(f"{item}: {price} after {time.perf_counter() - start:.2f} s")
        except NotFound as error:
            elapsed = time.perf_counter() - start
            print(f"{item}: {error!r} after {elapsed:.2f} s, not retried")


if __name__ == "__main__":
    asyncio.run(main())
