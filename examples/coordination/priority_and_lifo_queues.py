"""The same items leave a Queue, a LifoQueue and a PriorityQueue in three orders."""

import asyncio

# (priority, task): lower numbers come out of a PriorityQueue first.
ITEMS = [(2, "write report"), (1, "fix outage"), (3, "tidy desk"), (1, "call boss")]


async def drain(queue: asyncio.Queue[tuple[int, str]]) -> None:
    for item in ITEMS:
        await queue.put(item)
    order: list[tuple[int, str]] = []
    while not queue.empty():
        order.append(await queue.get())
    print(f"{type(queue).__name__}:")
    for priority, task in order:
        print(f"  {priority} {task}")


async def main() -> None:
    await drain(asyncio.Queue())  # first in, first out
    await drain(asyncio.LifoQueue())  # last in, first out: a stack
    await drain(asyncio.PriorityQueue())  # smallest item first


if __name__ == "__main__":
    asyncio.run(main())
