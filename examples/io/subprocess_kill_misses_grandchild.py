"""A mistake: kill() ends the child, not the processes it started. Kill its group."""

import asyncio
import contextlib
import os
import signal
import sys

# The child starts a grandchild that shares its stdout, and both hang.
CHILD = """
import subprocess, sys, time
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
print("grandchild started", flush=True)
time.sleep(60)
"""


async def main() -> None:
    main_task = asyncio.current_task()
    assert main_task is not None
    # SIGTERM (kill, systemd, docker stop) cancels main(), as Ctrl-C does
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        stdout=asyncio.subprocess.PIPE,
        start_new_session=True,  # a new process group, whose id is proc.pid
    )
    try:
        async with asyncio.timeout(10):
            assert proc.stdout is not None
            print(f"Child: {(await proc.stdout.readline()).decode().strip()}")
        proc.kill()  # the mistake: only the child gets the signal
        try:
            async with asyncio.timeout(1):
                await proc.communicate()
        except TimeoutError:
            print(f"After kill(): exit code {proc.returncode}, yet stdout stays open")
    finally:
        with contextlib.suppress(ProcessLookupError):  # the group is already gone
            os.killpg(proc.pid, signal.SIGKILL)  # the fix: the child's whole group
        async with asyncio.timeout(5):  # at most 5 s, whatever holds its pipes
            await proc.communicate()
    print("After killpg(): the grandchild is gone too, communicate() returned")


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # stopped by SIGTERM
        asyncio.run(main())
