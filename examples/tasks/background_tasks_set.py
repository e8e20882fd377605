"""Fire-and-forget tasks kept alive by a set, as the asyncio docs recommend."""

import asyncio
import time

background_tasks: set[asyncio.Task[None]] = set()


async def send_email(to: str, seconds: float, start: float) -> None:
    await asyncio.sleep(seconds)
    print(f"email to {to} sent at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    for to, seconds in [("ana", 1), ("bob", 2)]:
        task = asyncio.create_task(send_email(to, seconds, start))
        background_tasks.add(task)  # a strong reference: the task cannot vanish
        task.add_done_callback(background_tasks.discard)  # drop it when done
    print(f"main goes on with {len(background_tasks)} tasks in the background")

    await asyncio.sleep(1.5)
    print(f"{len(background_tasks)} task left at {time.perf_counter() - start:.2f} s")
    await asyncio.gather(*background_tasks)  # wait for the rest before exiting
    print(f"{len(background_tasks)} tasks left at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
