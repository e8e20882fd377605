"""Python 3.12+: code that relies on create_task() not running the coroutine breaks."""

import asyncio

jobs: dict[str, asyncio.Task[str]] = {}


async def worker(name: str) -> str:
    me = jobs[name]  # assumes the caller stored the task before it ran
    await asyncio.sleep(1)
    return f"{me.get_name()} done"


async def start_and_wait(name: str) -> None:
    jobs[name] = asyncio.create_task(worker(name), name=name)
    try:
        print(f"{name}: {await jobs[name]}")
    except KeyError as error:
        print(f"{name}: KeyError: {error}")


async def main() -> None:
    await start_and_wait("default-task")
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    await start_and_wait("eager-task")


if __name__ == "__main__":
    asyncio.run(main())
