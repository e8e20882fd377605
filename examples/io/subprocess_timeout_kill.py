"""A child that gets stuck: a 1 s timeout, then the kill and the reaping in finally."""

import asyncio
import contextlib
import os
import signal
import sys

STUCK = "import time; time.sleep(60)"  # a child that hangs for a minute


async def main() -> None:
    main_task = asyncio.current_task()
    assert main_task is not None
    # SIGTERM (kill, systemd, docker stop) cancels main(), as Ctrl-C does
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", STUCK, start_new_session=True
    )
    try:
        async with asyncio.timeout(1):
            await proc.wait()
    except TimeoutError:
        print("No exit within 1 s: the timeout stopped the waiting, not the child")
    finally:
        if proc.returncode is None:  # the timeout, an error, Ctrl-C, SIGTERM: end it
            with contextlib.suppress(ProcessLookupError):  # it has just exited
                os.killpg(proc.pid, signal.SIGKILL)  # the child and all it started
            async with asyncio.timeout(5):  # at most 5 s, whatever holds its pipes
                await proc.communicate()  # wait until the child is really gone
    print(f"Exit code {proc.returncode}")  # -9: ended by signal 9, SIGKILL


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # stopped by SIGTERM
        asyncio.run(main())
