"""Task names, current_task(), all_tasks() and a done callback."""

import asyncio


async def download(seconds: float) -> str:
    me = asyncio.current_task()  # the task running this coroutine
    assert me is not None
    print(f"{me.get_name()} is running")
    await asyncio.sleep(seconds)
    return f"{me.get_name()} took {seconds} s"


def report(task: asyncio.Task[str]) -> None:
    if task.cancelled():  # result() would raise CancelledError in the callback
        print(f"callback: {task.get_name()} was cancelled")
    elif (error := task.exception()) is not None:
        print(f"callback: {task.get_name()} failed: {error!r}")
    else:
        print(f"callback: {task.get_name()} is done: {task.result()!r}")


async def main() -> None:
    me = asyncio.current_task()
    assert me is not None  # None only outside a task
    me.set_name("main")
    slow = asyncio.create_task(download(2), name="slow-download")
    fast = asyncio.create_task(download(1), name="fast-download")
    for task in (slow, fast):
        task.add_done_callback(report)

    names = sorted(task.get_name() for task in asyncio.all_tasks())
    print(f"all_tasks(): {names}")
    await slow
    await fast
    print(f"all_tasks() at the end: {[t.get_name() for t in asyncio.all_tasks()]}")


if __name__ == "__main__":
    asyncio.run(main())
