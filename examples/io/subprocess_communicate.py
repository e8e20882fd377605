"""Run a child process, send it input and collect its output with communicate()."""

import asyncio
import contextlib
import os
import signal
import sys

CHILD = """
import sys
text = sys.stdin.read()
print(text.upper())
print("a note on stderr", file=sys.stderr)
sys.exit(3)
"""


async def main() -> None:
    main_task = asyncio.current_task()
    assert main_task is not None
    # SIGTERM (kill, systemd, docker stop) cancels main(), as Ctrl-C does
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,  # the Python running this script
        "-c",
        CHILD,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,  # its own process group, with all it starts
    )
    try:
        stdout, stderr = await proc.communicate(b"hello, child")
    finally:
        if proc.returncode is None:  # an error, a timeout, Ctrl-C, SIGTERM: end it
            with contextlib.suppress(ProcessLookupError):  # it has just exited
                os.killpg(proc.pid, signal.SIGKILL)  # the child and all it started
            async with asyncio.timeout(5):  # at most 5 s, whatever holds its pipes
                await proc.communicate()  # read what is left in its pipes, reap it
    print(f"stdout: {stdout.decode().strip()!r}")
    print(f"stderr: {stderr.decode().strip()!r}")
    print(f"exit code: {proc.returncode}")


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # stopped by SIGTERM
        asyncio.run(main())
