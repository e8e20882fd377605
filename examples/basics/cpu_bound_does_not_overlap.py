"""CPU work in coroutines does not overlap, waiting does: one thread takes turns."""

import asyncio
import time


async def crunch() -> None:
    # Real CPU work with a predictable duration: spin until 0.5 s have passed.
    deadline = time.perf_counter() + 0.5
    while time.perf_counter() < deadline:
        pass


async def wait() -> None:
    await asyncio.sleep(0.5)


async def main() -> None:
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(crunch())
        tg.create_task(crunch())
    print(f"Two CPU-bound coroutines took {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(wait())
        tg.create_task(wait())
    print(f"Two waiting coroutines took {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
