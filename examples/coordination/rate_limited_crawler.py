"""A crawler that sends at most 3 requests at a time and starts at most 2 per second."""

import asyncio
import time


async def fetch(url: str) -> str:
    await asyncio.sleep(2)  # a slow service: every response takes 2 s
    return f"<html>{url}</html>"


class RateLimiter:
    """Lets callers through at most `rate` times per second, evenly spaced."""

    def __init__(self, rate: float) -> None:
        self.interval = 1 / rate
        self.next_slot = 0.0  # the earliest time the next request may start
        self.turn = asyncio.Lock()  # callers wait for a slot one at a time, in order

    async def wait(self) -> None:
        async with self.turn:
            now = time.perf_counter()
            slot = max(now, self.next_slot)
            await asyncio.sleep(slot - now)  # a caller cancelled here takes no slot
            self.next_slot = slot + self.interval  # taken only once it is granted


async def crawl(
    url: str, sem: asyncio.Semaphore, rate: RateLimiter, start: float
) -> str:
    async with sem:  # at most 3 requests in flight
        await rate.wait()  # at most 2 requests started per second
        print(f"GET {url} at {time.perf_counter() - start:.2f} s")
        return await fetch(url)


async def main() -> None:
    sem, rate = asyncio.Semaphore(3), RateLimiter(rate=2)
    start = time.perf_counter()
    urls = [f"/page/{n}" for n in range(6)]
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(crawl(url, sem, rate, start)) for url in urls]
    pages = [task.result() for task in tasks]
    print(f"{len(pages)} pages in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
