"""Waiters on an Event wake together when it is set, in the order they waited."""

import asyncio


async def waiter(name: str, ready: asyncio.Event) -> None:
    print(f"{name} waits")
    await ready.wait()
    print(f"{name} goes")


async def main() -> None:
    ready = asyncio.Event()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(waiter("first", ready))
        tg.create_task(waiter("second", ready))
        await asyncio.sleep(0.5)
        print("main sets the event")
        ready.set()
    print("main done")


if __name__ == "__main__":
    asyncio.run(main())
