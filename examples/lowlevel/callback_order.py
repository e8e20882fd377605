"""In what order the loop runs call_soon() callbacks, a new task and call_later(0)."""

import asyncio


async def task_body() -> None:
    print("task")


async def main() -> None:
    loop = asyncio.get_running_loop()
    loop.call_later(0, print, "call_later(0)")
    loop.call_soon(print, "call_soon")
    task = asyncio.create_task(task_body())
    print("main, before its await")
    await asyncio.sleep(0.1)
    await task
    print("main, after")


if __name__ == "__main__":
    asyncio.run(main())
