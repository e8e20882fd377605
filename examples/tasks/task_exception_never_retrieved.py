"""A failed task that nobody awaits: its error is reported only when it is destroyed."""

import asyncio
import time
from typing import Any


def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    error = context["exception"]
    print(f"event loop error: {context['message']}")
    print(f"  {type(error).__name__}: {error}")


async def refresh_cache(start: float) -> None:
    await asyncio.sleep(1)
    print(f"refresh_cache raises at {time.perf_counter() - start:.2f} s")
    raise ConnectionError("cache server unreachable")


async def main() -> None:
    asyncio.get_running_loop().set_exception_handler(handler)
    start = time.perf_counter()
    task = asyncio.create_task(refresh_cache(start))  # never awaited
    await asyncio.sleep(2)
    print(f"at {time.perf_counter() - start:.2f} s: done={task.done()}, no report yet")
    del task  # the last reference goes: the task is destroyed right now
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
