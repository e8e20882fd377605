"""Python 3.12+: an eager task that never suspends is done when create_task returns."""

import asyncio
import time

cache = {"home": "<h1>Home</h1>"}


async def get_page(path: str) -> str:
    if path in cache:
        return cache[path]  # no await: an eager task finishes right here
    await asyncio.sleep(1)  # stands for a network request
    cache[path] = f"<h1>{path.title()}</h1>"
    return cache[path]


async def main() -> None:
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        home = tg.create_task(get_page("home"))
        about = tg.create_task(get_page("about"))
        print(f"home done at once: {home.done()}, result {home.result()!r}")
        print(f"about done at once: {about.done()}")
    print(f"about: {about.result()!r} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
