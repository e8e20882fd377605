"""A token bucket limits how many calls start per second, not how many run at once."""

import asyncio
import time


class TokenBucket:
    """Lets through `rate` calls a second on average, and bursts of up to `burst`."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = float(burst)  # a full bucket: a burst may start at once
        self.updated = time.monotonic()

    async def take(self) -> None:
        now = time.monotonic()
        earned = (now - self.updated) * self.rate
        self.tokens = min(self.burst, self.tokens + earned)
        self.updated = now
        self.tokens -= 1  # below zero: this call takes a token not yet earned...
        if self.tokens < 0:
            try:
                await asyncio.sleep(-self.tokens / self.rate)  # ...and waits for it
            except asyncio.CancelledError:
                self.tokens += 1  # gives back the token it never used
                raise


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


async def limited_call(service: Service, bucket: TokenBucket) -> None:
    await bucket.take()  # at most 2 calls start per second
    await service.call()


async def main() -> None:
    for seconds in [0.1, 1.2]:  # a fast service, then a slow one
        service, bucket = Service(seconds), TokenBucket(rate=2, burst=2)
        start = time.perf_counter()
        async with asyncio.TaskGroup() as tg:
            for _ in range(10):
                tg.create_task(limited_call(service, bucket))
        elapsed = time.perf_counter() - start
        print(
            f"calls taking {seconds} s: 10 calls in {elapsed:.2f} s, "
            f"at most {service.peak} at once"
        )


if __name__ == "__main__":
    asyncio.run(main())
