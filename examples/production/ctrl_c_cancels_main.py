"""Ctrl-C cancels the main task: its finally blocks run, even ones that await."""

import asyncio
import os
import signal
import time

START = time.perf_counter()


def stamp() -> str:
    return f"{time.perf_counter() - START:.2f} s"


async def main() -> None:
    loop = asyncio.get_running_loop()
    # Stands for the user pressing Ctrl-C after 1 s.
    loop.call_later(1, os.kill, os.getpid(), signal.SIGINT)
    try:
        print("Working; press Ctrl-C to stop")
        await asyncio.sleep(60)
    except asyncio.CancelledError:
        print(f"main() cancelled at {stamp()}")
        raise  # let the cancellation finish its job
    finally:
        await asyncio.sleep(0.5)  # cleanup that awaits: close connections, flush
        print(f"Cleanup done at {stamp()}")


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        print(f"asyncio.run() raised KeyboardInterrupt at {stamp()}")
