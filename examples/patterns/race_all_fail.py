"""When every attempt fails, the race raises one error that holds all of them."""

import asyncio
import functools
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


async def first_success(attempts: list[Callable[[], Coroutine[Any, Any, T]]]) -> T:
    """Run all attempts at once; return the first result and cancel the others."""
    if not attempts:
        raise ValueError("first_success() needs at least one attempt")
    pending = {asyncio.create_task(attempt()) for attempt in attempts}
    errors: list[BaseException] = []
    try:
        while pending:
            done, pending = await asyncio.wait(
                pending, return_when=asyncio.FIRST_COMPLETED
            )
            won = None
            for task in done:  # read every outcome, or asyncio logs the unread errors
                if task.cancelled():
                    continue  # ended cancelled: neither an answer nor an error
                if (error := task.exception()) is not None:
                    errors.append(error)  # a failure does not end the race
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
    try:
        async with asyncio.timeout(2):  # every attempt gets a time limit
            await asyncio.sleep(seconds)  # stands in for the network
    except TimeoutError as error:
        print(f"{mirror}: timed out at {time.perf_counter() - start:.2f} s")
        raise TimeoutError(f"{mirror}: no answer within 2 s") from error
    elapsed = time.perf_counter() - start
    print(f"{mirror}: {'answered' if works else 'failed'} at {elapsed:.2f} s")
    if not works:
        raise ConnectionError(f"{mirror}: connection refused")
    return f"file from {mirror}"


async def main() -> None:
    start = time.perf_counter()
    mirrors = [("eu", 0.2, False), ("us", 3600, True), ("asia", 0.5, False)]
    try:
        await first_success(
            [functools.partial(download, *mirror, start) for mirror in mirrors]
        )
    except* (ConnectionError, TimeoutError) as group:
        print(f"{group.message} at {time.perf_counter() - start:.2f} s:")
        for error in group.exceptions:
            print(f"  {error!r}")


if __name__ == "__main__":
    asyncio.run(main())
