"""Python 3.14+: create_task(..., eager_start=) makes one task eager, or lazy."""

import asyncio

CACHE = {"home": "<h1>Home</h1>"}


async def fetch(page: str) -> str:
    print(f"  fetch({page!r}) runs")
    if page in CACHE:
        return CACHE[page]  # answered at once, without waiting
    await asyncio.sleep(1)  # the download
    return f"<h1>{page.title()}</h1>"


def created(task: asyncio.Task[str]) -> asyncio.Task[str]:
    print(f"  create_task() returned: {task.get_name()}, done: {task.done()}")
    return task


async def main() -> None:
    print("default:")
    lazy = created(asyncio.create_task(fetch("home"), name="lazy"))
    print("eager_start=True:")
    eager = created(asyncio.create_task(fetch("home"), name="eager", eager_start=True))
    print("eager_start=True, not in the cache:")
    about = created(asyncio.create_task(fetch("about"), name="about", eager_start=True))
    print("eager factory, eager_start=False:")
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    held = created(asyncio.create_task(fetch("home"), name="held", eager_start=False))
    print("awaiting them all:")
    pages = await asyncio.gather(lazy, eager, about, held)
    print(f"pages: {pages}")


if __name__ == "__main__":
    asyncio.run(main())
