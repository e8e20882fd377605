"""A TaskGroup block exits only when every task created in it has finished."""

import asyncio
import time


async def fetch(name: str, seconds: float, start: float) -> str:
    await asyncio.sleep(seconds)
    print(f"{name} finished at {time.perf_counter() - start:.2f} s")
    return f"{name} data"


async def main() -> None:
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        users = tg.create_task(fetch("users", 2, start))
        orders = tg.create_task(fetch("orders", 1, start))
        prices = tg.create_task(fetch("prices", 0.5, start))
        print(f"all three created at {time.perf_counter() - start:.2f} s")
    # Past the block, every task is done: read the results directly.
    print(f"block exited at {time.perf_counter() - start:.2f} s")
    print([users.result(), orders.result(), prices.result()])


if __name__ == "__main__":
    asyncio.run(main())
