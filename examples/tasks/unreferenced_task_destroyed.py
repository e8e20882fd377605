"""A task that nobody references can be garbage-collected before it finishes."""

import asyncio
import gc
from typing import Any


def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    print(f"event loop error: {context['message']} ({context['task'].get_name()})")


async def consumer(queue: asyncio.Queue[str]) -> None:
    while True:
        item = await queue.get()  # waits here; only this task holds the queue
        print(f"consumed {item}")


async def main() -> None:
    gc.disable()  # no automatic collection: it could run at any moment
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    asyncio.create_task(consumer(asyncio.Queue()), name="consumer")  # noqa: RUF006
    await asyncio.sleep(1)  # the consumer starts and waits for an item
    print(f"before: {sorted(t.get_name() for t in asyncio.all_tasks())}")
    gc.collect()  # here it runs now, at a moment we chose
    print(f"after:  {sorted(t.get_name() for t in asyncio.all_tasks())}")


if __name__ == "__main__":
    asyncio.run(main())
