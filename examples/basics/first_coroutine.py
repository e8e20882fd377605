"""A first coroutine: asyncio.run() runs main(), which awaits my_asynchronous_task()."""

import asyncio
import time


async def my_asynchronous_task() -> None:
    print("Starting asynchronous task")
    await asyncio.sleep(1)
    print("Asynchronous task completed")


async def main() -> None:
    start = time.perf_counter()
    await my_asynchronous_task()
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
