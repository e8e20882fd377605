"""A line over the stream's 64 KiB limit raises ValueError; limit= raises the limit."""

import asyncio
import contextlib
import os
import signal
import sys

CHILD = "print('x' * 1_000_000); print('done')"  # a 1 MB line, then a short one


async def read_lines(limit: int) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        stdout=asyncio.subprocess.PIPE,
        limit=limit,
        start_new_session=True,  # its own process group, with all it starts
    )
    assert proc.stdout is not None  # it is a StreamReader, since stdout=PIPE
    try:
        async for line in proc.stdout:
            print(f"  a line of {len(line):,} bytes")
        await proc.wait()
    except ValueError as error:  # the line did not fit: the child is still running
        print(f"  ValueError: {error}")
    finally:
        if proc.returncode is None:  # an error, a timeout, Ctrl-C, SIGTERM: end it
            with contextlib.suppress(ProcessLookupError):  # it has just exited
                os.killpg(proc.pid, signal.SIGKILL)  # the child and all it started
            async with asyncio.timeout(5):  # at most 5 s, whatever holds its pipes
                await proc.communicate()  # read what is left in its pipe, reap it


async def main() -> None:
    main_task = asyncio.current_task()
    assert main_task is not None
    # SIGTERM (kill, systemd, docker stop) cancels main(), as Ctrl-C does
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    print("limit=64 * 1024, the default:")
    await read_lines(64 * 1024)
    print("limit=2 * 1024 * 1024:")
    await read_lines(2 * 1024 * 1024)


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # stopped by SIGTERM
        asyncio.run(main())
