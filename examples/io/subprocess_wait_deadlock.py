"""A mistake: wait() with stdout=PIPE hangs when the child writes a lot."""

import asyncio
import contextlib
import os
import signal
import sys

CHILD = "import sys; sys.stdout.write('x' * 1_000_000)"  # 1 MB of output
PIPE = asyncio.subprocess.PIPE


async def main() -> None:
    main_task = asyncio.current_task()
    assert main_task is not None
    # SIGTERM (kill, systemd, docker stop) cancels main(), as Ctrl-C does
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=PIPE, start_new_session=True
    )
    try:
        async with asyncio.timeout(1):
            await proc.wait()  # the mistake: nobody reads stdout, the pipe fills up
    except TimeoutError:
        print("wait(): no exit within 1 s, the child is stuck writing")
    finally:
        if proc.returncode is None:  # the timeout, an error, Ctrl-C, SIGTERM: end it
            with contextlib.suppress(ProcessLookupError):  # it has just exited
                os.killpg(proc.pid, signal.SIGKILL)  # the child and all it started
            async with asyncio.timeout(5):  # at most 5 s, whatever holds its pipes
                await proc.communicate()  # not wait(): read what is left, then reap
    print(f"Killed: exit code {proc.returncode}")

    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=PIPE, start_new_session=True
    )
    try:
        stdout, _ = await proc.communicate()  # the fix: it reads while it waits
    finally:
        if proc.returncode is None:  # an error, a timeout, Ctrl-C, SIGTERM: end it
            with contextlib.suppress(ProcessLookupError):  # it has just exited
                os.killpg(proc.pid, signal.SIGKILL)  # the child and all it started
            async with asyncio.timeout(5):  # at most 5 s, whatever holds its pipes
                await proc.communicate()
    print(f"communicate(): {len(stdout):,} bytes, exit code {proc.returncode}")


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # stopped by SIGTERM
        asyncio.run(main())
