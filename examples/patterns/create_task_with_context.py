"""create_task(context=...) keeps a request's id out of a task that outlives it."""

import asyncio
import contextvars
import time
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="-")


def log(message: str, start: float) -> None:
    print(f"{time.perf_counter() - start:.2f} s [{request_id.get()}] {message}")


async def refresh_cache(start: float) -> None:
    """Background work started by one request, serving every request after it."""
    for _ in range(2):
        await asyncio.sleep(1)
        log("cache refreshed", start)


async def handle(rid: str, tg: asyncio.TaskGroup, start: float) -> None:
    request_id.set(rid)
    log("start", start)
    # A new, empty context: the background task gets none of this request's values.
    tg.create_task(refresh_cache(start), context=contextvars.Context())
    await asyncio.sleep(0.5)
    log("reply sent", start)


async def main() -> None:
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(handle("req-1", tg, start))
    log("background work done", start)


if __name__ == "__main__":
    asyncio.run(main())
