"""A task fails and nobody awaits it: the error surfaces only as a log message.

Await the task (or use a TaskGroup) and the exception reaches your code.
"""

import asyncio
from typing import Any


async def save_order(order_id: int) -> None:
    await asyncio.sleep(0.5)
    raise ValueError(f"order {order_id} is invalid")


def report(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    print(f"Loop reported: {context['message']}")
    print(f"  {type(context['exception']).__name__}: {context['exception']}")


async def main() -> None:
    asyncio.get_running_loop().set_exception_handler(report)
    task = asyncio.create_task(save_order(1))
    await asyncio.sleep(1)  # the mistake: the task is never awaited
    print(f"The task failed quietly: done() is {task.done()}")
    del task  # the error is reported only when the task object is freed

    task = asyncio.create_task(save_order(2))
    try:
        await task  # the fix: await it, and the exception is raised here
    except ValueError as error:
        print(f"Caught where it belongs: ValueError: {error}")


if __name__ == "__main__":
    asyncio.run(main())
