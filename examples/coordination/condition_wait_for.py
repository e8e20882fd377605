"""Buyers wait on an asyncio.Condition until the shelf holds enough items."""

import asyncio
import time


class Shelf:
    def __init__(self) -> None:
        self.items = 0
        self.changed = asyncio.Condition()


async def buyer(name: str, wants: int, shelf: Shelf, start: float) -> None:
    async with shelf.changed:  # wait_for() needs the condition's lock held
        await shelf.changed.wait_for(lambda: shelf.items >= wants)
        shelf.items -= wants
        print(f"{name} takes {wants} at {time.perf_counter() - start:.2f} s")


async def supplier(shelf: Shelf, start: float) -> None:
    for _ in range(5):
        await asyncio.sleep(1)  # one new item every second
        async with shelf.changed:
            shelf.items += 1
            print(f"Shelf holds {shelf.items} at {time.perf_counter() - start:.2f} s")
            shelf.changed.notify_all()  # wake every buyer to check again


async def main() -> None:
    shelf, start = Shelf(), time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(buyer("Buyer A", 2, shelf, start))
        tg.create_task(buyer("Buyer B", 3, shelf, start))
        tg.create_task(supplier(shelf, start))


if __name__ == "__main__":
    asyncio.run(main())
