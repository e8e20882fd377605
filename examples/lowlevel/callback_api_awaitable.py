"""Wrap a callback API in a coroutine; remove the callback if the awaiter gives up."""

import asyncio
import time
from collections.abc import Callable


class Doorbell:
    """A callback-style API, as many libraries offer: it calls its listeners."""

    def __init__(self) -> None:
        self.listeners: list[Callable[[str], None]] = []

    def add_listener(self, callback: Callable[[str], None]) -> None:
        self.listeners.append(callback)

    def remove_listener(self, callback: Callable[[str], None]) -> None:
        self.listeners.remove(callback)

    def ring(self, visitor: str) -> None:
        for callback in list(self.listeners):
            callback(visitor)


async def next_visitor(bell: Doorbell) -> str:
    """Wait for the next ring: the listener completes a future that we await."""
    future: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    def on_ring(visitor: str) -> None:
        if not future.done():  # already cancelled, or a second ring
            future.set_result(visitor)

    bell.add_listener(on_ring)
    try:
        return await future
    finally:
        bell.remove_listener(on_ring)  # after a result, an error or a cancellation


async def main() -> None:
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    bell = Doorbell()
    loop.call_later(0.5, bell.ring, "Ada")
    async with asyncio.timeout(1):
        visitor = await next_visitor(bell)
    print(f"{visitor} rang at {time.perf_counter() - start:.2f} s")
    try:
        async with asyncio.timeout(1):
            await next_visitor(bell)
    except TimeoutError:
        print(f"nobody rang by {time.perf_counter() - start:.2f} s")
    print(f"listeners left: {len(bell.listeners)}")


if __name__ == "__main__":
    asyncio.run(main())
