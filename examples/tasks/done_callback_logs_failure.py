"""A done callback logs a background task's failure as soon as it happens."""

import asyncio
import logging
import sys
import time

logger = logging.getLogger("app")
background_tasks: set[asyncio.Task[None]] = set()


def on_done(task: asyncio.Task[None]) -> None:
    background_tasks.discard(task)
    if task.cancelled():  # ask first: exception() raises CancelledError then
        return  # cancelled on purpose (at shutdown, say): not a failure
    error = task.exception()  # reading it marks the error as retrieved
    if error is not None:
        logger.error("%s failed: %r", task.get_name(), error)  # add exc_info=error


async def refresh_cache() -> None:
    await asyncio.sleep(1)
    raise ConnectionError("cache server unreachable")


async def main() -> None:
    start = time.perf_counter()
    task = asyncio.create_task(refresh_cache(), name="refresh-cache")
    background_tasks.add(task)
    task.add_done_callback(on_done)
    await asyncio.sleep(2)  # main() goes on with its own work
    print(f"main() carries on at {time.perf_counter() - start:.2f} s")
    print(f"background tasks left: {len(background_tasks)}")


if __name__ == "__main__":
    # Configure logging once, at the entry point. Standard output, so that the log
    # lines appear in order with what the script prints.
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s", stream=sys.stdout)
    asyncio.run(main())
