"""An asyncio.Queue kept between two asyncio.run() calls fails in the second one.

A queue that has waited once belongs to that event loop; each run has a new loop.
"""

import asyncio
import re

jobs: asyncio.Queue[str] = asyncio.Queue()  # the mistake: created once, globally


async def main() -> None:
    asyncio.get_running_loop().call_later(0.5, jobs.put_nowait, "resize image")
    try:
        job = await jobs.get()  # waiting binds the queue to the running loop
        jobs.task_done()
        print(f"Got job {job!r}")
    except RuntimeError as error:
        print(f"RuntimeError: {re.sub(r' at 0x[0-9a-f]+', '', str(error))}")


if __name__ == "__main__":
    asyncio.run(main())  # the first event loop: fine
    asyncio.run(main())  # a second, new event loop: the queue belongs to the first
