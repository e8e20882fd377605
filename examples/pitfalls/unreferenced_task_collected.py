"""A task that nothing references can be garbage-collected before it finishes.

The fix: keep each background task in a set and discard it when it is done.
"""

import asyncio
import gc
from collections.abc import Coroutine
from typing import Any

background_tasks: set[asyncio.Task[None]] = set()


def fire_and_forget(coro: Coroutine[Any, Any, None], name: str) -> None:
    task = asyncio.create_task(coro, name=name)
    background_tasks.add(task)  # a strong reference...
    task.add_done_callback(background_tasks.discard)  # ...dropped when it is done


async def wait_for_reply(name: str) -> None:
    reply = asyncio.get_running_loop().create_future()  # only this task holds it
    try:
        await reply
    except (asyncio.CancelledError, GeneratorExit) as exc:
        print(f"{name}: cleanup runs on {type(exc).__name__}")
        raise


reports: list[str] = []  # what the loop reports, printed after the collection


def report(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    reports.append(f"{context['message']} ({context['task'].get_name()})")


async def main() -> None:
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(report)
    asyncio.create_task(wait_for_reply("forgotten"), name="forgotten")  # noqa: RUF006
    fire_and_forget(wait_for_reply("kept"), name="kept")
    await asyncio.sleep(0)  # both tasks start and wait for their reply

    gc.collect()  # a collection can happen at any time; force one now
    for message in reports:  # (the collector finalizes objects in no fixed order)
        print(f"Loop reported: {message}")
    print(f"Alive after gc.collect(): {[t.get_name() for t in background_tasks]}")
    for task in background_tasks:
        task.cancel()  # end the demo: no reply is coming
    await asyncio.gather(*background_tasks, return_exceptions=True)
    print(f"Done tasks leave the set: {len(background_tasks)} left")


if __name__ == "__main__":
    asyncio.run(main())
