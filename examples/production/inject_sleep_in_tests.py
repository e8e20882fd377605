"""Code that takes its sleep function as a parameter can be tested without waiting."""

import asyncio
import time
from collections.abc import Awaitable, Callable

Sleep = Callable[[float], Awaitable[None]]


async def fetch_with_retry(
    fetch: Callable[[], Awaitable[str]], sleep: Sleep = asyncio.sleep
) -> str:
    """The code under test: four tries, waiting 1, 2 and then 4 s between them."""
    for delay in (1, 2, 4):
        try:
            return await fetch()
        except ConnectionError:
            await sleep(delay)
    return await fetch()  # the last try: its error reaches the caller


async def main() -> None:
    """A test: a fake sleep records each wait instead of waiting."""
    waits: list[float] = []
    tries = 0

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)

    async def flaky_fetch() -> str:
        nonlocal tries
        tries += 1
        if tries < 4:
            raise ConnectionError("connection refused")
        return "data"

    start = time.perf_counter()
    result = await fetch_with_retry(flaky_fetch, sleep=fake_sleep)
    assert result == "data"
    assert waits == [1, 2, 4]
    print(f"Got {result!r} on try {tries}, after waits of {waits} seconds")
    print(f"The test took {time.perf_counter() - start:.2f} s, not {sum(waits)} s")


if __name__ == "__main__":
    asyncio.run(main())
