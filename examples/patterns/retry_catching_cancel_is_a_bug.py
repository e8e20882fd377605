"""A mistake: a retry loop that catches BaseException retries its own cancellation."""

import asyncio
import time


async def fetch(start: float) -> str:
    """A request to a service that is down: it fails after 0.3 s."""
    print(f"request sent at {time.perf_counter() - start:.2f} s")
    await asyncio.sleep(0.3)
    raise ConnectionError("connection refused")


async def retry_everything(start: float, tries: int = 4) -> str:
    for n in range(1, tries):
        try:
            return await fetch(start)
        except BaseException as error:  # the mistake: catches CancelledError too
            print(f"try {n}: {error!r}; retry in 0.20 s")
            await asyncio.sleep(0.2)
    return await fetch(start)


async def retry(start: float, tries: int = 4) -> str:
    for n in range(1, tries):
        try:
            return await fetch(start)
        except (ConnectionError, TimeoutError) as error:  # CancelledError goes through
            print(f"try {n}: {error!r}; retry in 0.20 s")
            await asyncio.sleep(0.2)
    return await fetch(start)


async def main() -> None:
    for policy in [retry_everything, retry]:
        print(f"{policy.__name__}(), with a 1.15 s deadline:")
        start = time.perf_counter()
        try:
            async with asyncio.timeout(1.15):
                await policy(start)
        except (ConnectionError, TimeoutError) as error:
            print(f"{error!r} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
