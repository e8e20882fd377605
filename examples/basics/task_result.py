"""A task runs its coroutine alongside main(); awaiting the task gives its result."""

import asyncio
import time


async def download(name: str, seconds: float, start: float) -> str:
    print(f"{name} starts at {time.perf_counter() - start:.2f} s")
    await asyncio.sleep(seconds)
    return f"{name} data"


async def main() -> None:
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        page = tg.create_task(download("page", 2, start))
        logo = tg.create_task(download("logo", 1, start))
        print(f"main() created two {type(page).__name__} objects, done: {page.done()}")
        logo_data = await logo  # main() waits here, and both tasks run
        print(f"await logo gave {logo_data!r} at {time.perf_counter() - start:.2f} s")
    # The group waited for page as well: its result is ready.
    print(f"page.result() is {page.result()!r} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
