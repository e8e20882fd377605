"""A task runs in a copy of the context taken when it is created."""

import asyncio
from contextvars import ContextVar

user: ContextVar[str] = ContextVar("user", default="nobody")


async def job() -> None:
    print(f"task starts and sees user={user.get()}")
    user.set("carol")  # changes the task's own copy only
    await asyncio.sleep(0.1)
    print(f"task ends and sees user={user.get()}")


async def main() -> None:
    user.set("alice")
    async with asyncio.TaskGroup() as tg:
        tg.create_task(job())  # the task's copy of the context is taken here
        user.set("bob")  # too late for the task, which has not started yet
    print(f"main sees user={user.get()}")


if __name__ == "__main__":
    asyncio.run(main())
