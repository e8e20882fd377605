"""Dump every task of a running program, and the line it waits at, on SIGUSR1."""

import asyncio
import linecache
import os
import signal


def dump_tasks() -> None:
    """Print each task's name and where it is suspended, without addresses or paths."""
    tasks = sorted(asyncio.all_tasks(), key=lambda task: task.get_name())
    print(f"{len(tasks)} tasks:")
    for task in tasks:
        for frame in task.get_stack():  # a suspended task: its own coroutine's frame
            where = f"{frame.f_code.co_name}() line {frame.f_lineno}"
            source = linecache.getline(frame.f_code.co_filename, frame.f_lineno)
            print(f"  {task.get_name()}: {where}: {source.strip()}")


async def fetch_prices() -> None:
    await asyncio.sleep(3600)  # stands in for a request that never answers


async def poller() -> None:
    while True:
        await fetch_prices()


async def worker(jobs: asyncio.Queue[str]) -> None:
    """Idle here: no jobs come in."""
    while True:
        job = await jobs.get()
        try:
            print(f"working on {job}")
        finally:
            jobs.task_done()


async def main() -> None:
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, dump_tasks)  # Unix only
    jobs: asyncio.Queue[str] = asyncio.Queue()
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [
                tg.create_task(poller(), name="poller"),
                tg.create_task(worker(jobs), name="worker"),
            ]
            await asyncio.sleep(0.1)  # the program runs for a while...
            os.kill(os.getpid(), signal.SIGUSR1)  # ...until someone runs kill -USR1
            await asyncio.sleep(0.1)
            for task in tasks:
                task.cancel()
    finally:
        loop.remove_signal_handler(signal.SIGUSR1)


if __name__ == "__main__":
    asyncio.run(main())
