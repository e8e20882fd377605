"""A watchdog for a stuck event loop: faulthandler prints the stack after 1 s stuck."""

import asyncio
import faulthandler
import tempfile
import time
from typing import TextIO


def load_config() -> None:
    """A synchronous call, like a file on a network drive that takes 2 s to read."""
    time.sleep(2)


async def watchdog(limit: float, log: TextIO) -> None:
    """Re-arm faulthandler's timer four times per limit: it fires if the loop stops."""
    try:
        while True:
            faulthandler.dump_traceback_later(limit, file=log)
            await asyncio.sleep(limit / 4)
    finally:
        faulthandler.cancel_dump_traceback_later()


async def main() -> None:
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:  # in production: a log file, or stderr
        async with asyncio.TaskGroup() as tg:
            dog = tg.create_task(watchdog(1.0, log))
            await asyncio.sleep(0.1)
            load_config()  # a mistake: blocks the event loop for 2 s
            dog.cancel()
        log.seek(0)
        # The dump: its first line, and this file's frames without directories.
        for line in log:
            if line.startswith("Timeout") or f'"{__file__}"' in line:
                print(line.rstrip().replace(f'File "{__file__}", ', ""))
    print(f"main() finished after {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
