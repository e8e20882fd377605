"""asyncio reports lost tasks; in debug mode the report says where each was created."""

import asyncio
import gc
from typing import Any


def report(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    task = context.get("task") or context["future"]  # the key depends on the report
    origin = context["source_traceback"]  # there in debug mode only
    line = next(frame.lineno for frame in reversed(origin) if frame.name == "main")
    print(context["message"])
    print(f"  task {task.get_name()!r}, created in main() at line {line}")
    if "exception" in context:
        print(f"  exception: {context['exception']!r}")


async def save() -> None:
    raise OSError("disk full")


async def listen() -> None:
    await asyncio.get_running_loop().create_future()  # nothing will ever set it


async def main() -> None:
    gc.disable()  # no automatic collection: the one below is the only one
    asyncio.get_running_loop().set_exception_handler(report)
    asyncio.create_task(save(), name="saver")  # noqa: RUF006  no reference kept
    asyncio.create_task(listen(), name="listener")  # noqa: RUF006  nor here
    await asyncio.sleep(0.5)  # saver fails; listener waits for its future
    print("Collecting garbage")
    gc.collect()  # listener was only kept alive by a reference cycle


if __name__ == "__main__":
    asyncio.run(main(), debug=True)
