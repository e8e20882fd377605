"""A semaphore limits how many calls run at once, not how many start per second."""

import asyncio
import time


class Service:
    """A simulated service that counts the calls in progress."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.in_progress = self.peak = 0

    async def call(self) -> None:
        self.in_progress += 1
        self.peak = max(self.peak, self.in_progress)
        try:
            await asyncio.sleep(self.seconds)
        finally:
            self.in_progress -= 1


async def limited_call(service: Service, limit: asyncio.BoundedSemaphore) -> None:
    async with limit:  # at most 2 calls at once
        await service.call()


async def main() -> None:
    for seconds in [0.1, 1.2]:  # a fast service, then a slow one
        service, limit = Service(seconds), asyncio.BoundedSemaphore(2)
        start = time.perf_counter()
        async with asyncio.TaskGroup() as tg:
            for _ in range(10):
                tg.create_task(limited_call(service, limit))
        elapsed = time.perf_counter() - start
        print(
            f"calls taking {seconds} s: 10 calls in {elapsed:.2f} s, "
            f"at most {service.peak} at once"
        )


if __name__ == "__main__":
    asyncio.run(main())
