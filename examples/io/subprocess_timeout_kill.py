"""A child that gets stuck: a 1 s timeout, then kill() and wait() in finally."""

import asyncio
import sys

STUCK = "import time; time.sleep(60)"  # a child that hangs for a minute


async def main() -> None:
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", STUCK)
    try:
        async with asyncio.timeout(1):
            await proc.wait()
    except TimeoutError:
        print("No exit within 1 s: the timeout stopped the waiting, not the child")
    finally:
        if proc.returncode is None:  # the timeout, an error, Ctrl-C: end the child
            proc.kill()
            await proc.wait()  # reap it: wait until the child is really gone
    print(f"Exit code {proc.returncode}")  # -9: ended by signal 9, SIGKILL


if __name__ == "__main__":
    asyncio.run(main())
