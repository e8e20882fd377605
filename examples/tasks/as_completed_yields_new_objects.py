"""Iterated with for, as_completed() yields new awaitables, not the tasks passed in."""

import asyncio


async def fetch(seconds: float) -> float:
    await asyncio.sleep(seconds)
    return seconds


async def main() -> None:
    tasks = {
        asyncio.create_task(fetch(2)): "slow",
        asyncio.create_task(fetch(1)): "fast",
    }
    for next_done in asyncio.as_completed(tasks):
        print(f"got a {type(next_done).__name__}, one of ours: {next_done in tasks}")
        try:
            print(f"  {tasks[next_done]} finished")  # the mistake: not a task of ours
        except KeyError as error:
            print(f"  KeyError: the key is a {type(error.args[0]).__name__}")
        print(f"  its result: {await next_done}")


if __name__ == "__main__":
    asyncio.run(main())
