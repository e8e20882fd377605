"""Happy eyeballs: start the next attempt after a delay, or as soon as one fails."""

import asyncio
import functools
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


async def staggered_race(
    attempts: list[Callable[[], Coroutine[Any, Any, T]]], delay: float
) -> T:
    """Start the attempts one by one; return the first result, cancel the others."""
    if not attempts:
        raise ValueError("staggered_race() needs at least one attempt")
    not_started = list(attempts)
    pending: set[asyncio.Task[T]] = set()
    errors: list[BaseException] = []
    try:
        while not_started or pending:
            if not_started:
                pending.add(asyncio.create_task(not_started.pop(0)()))
            done, pending = await asyncio.wait(
                pending,
                timeout=delay if not_started else None,  # then start the next one
                return_when=asyncio.FIRST_COMPLETED,  # or start it at a failure
            )
            won = None
            for task in done:  # read every outcome, or asyncio logs the unread errors
                if task.cancelled():
                    continue  # ended cancelled: neither an answer nor an error
                if (error := task.exception()) is not None:
                    errors.append(error)
                else:
                    won = task
            if won is not None:
                return won.result()
        raise BaseExceptionGroup("every attempt failed", errors)
    finally:
        for task in pending:
            task.cancel()
        # Wait for the losers to finish cleaning up, and read what each one raised.
        # Should this task be cancelled again meanwhile, gather() passes that on to
        # them and still waits.
        await asyncio.gather(*pending, return_exceptions=True)


async def download(mirror: str, seconds: float, works: bool, start: float) -> str:
    """A simulated download that answers, or fails, after `seconds`."""
    print(f"{mirror}: started at {time.perf_counter() - start:.2f} s")
    try:
        async with asyncio.timeout(2):  # every attempt gets a time limit
            await asyncio.sleep(seconds)  # stands in for the network
    except asyncio.CancelledError:
        print(f"{mirror}: cancelled at {time.perf_counter() - start:.2f} s")
        raise
    elapsed = time.perf_counter() - start
    print(f"{mirror}: {'answered' if works else 'failed'} at {elapsed:.2f} s")
    if not works:
        raise ConnectionError(f"{mirror}: connection refused")
    return f"file from {mirror}"


async def main() -> None:
    start = time.perf_counter()
    mirrors = [("eu", 0.1, False), ("us", 1.5, True), ("asia", 0.4, True)]
    result = await staggered_race(
        [functools.partial(download, *mirror, start) for mirror in mirrors], 0.3
    )
    print(f"got the {result} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
