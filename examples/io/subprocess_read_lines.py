"""Read a child's output line by line, as it prints, with async for."""

import asyncio
import contextlib
import os
import signal
import sys
import time

CHILD = """
import time
for step in range(1, 4):
    print(f"step {step}", flush=True)  # flush: send the line now, not at exit
    time.sleep(0.3)
"""


async def main() -> None:
    main_task = asyncio.current_task()
    assert main_task is not None
    # SIGTERM (kill, systemd, docker stop) cancels main(), as Ctrl-C does
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    start = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        stdout=asyncio.subprocess.PIPE,
        start_new_session=True,  # its own process group, with all it starts
    )
    assert proc.stdout is not None  # it is a StreamReader, since stdout=PIPE
    try:
        async for line in proc.stdout:
            print(f"{time.perf_counter() - start:.2f} s: {line.decode().strip()}")
        await proc.wait()  # the output is read to the end: now wait() is safe
    finally:
        if proc.returncode is None:  # an error, a timeout, Ctrl-C, SIGTERM: end it
            with contextlib.suppress(ProcessLookupError):  # it has just exited
                os.killpg(proc.pid, signal.SIGKILL)  # the child and all it started
            async with asyncio.timeout(5):  # at most 5 s, whatever holds its pipes
                await proc.communicate()  # read what is left in its pipe, reap it
    print(f"Exit code {proc.returncode} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # stopped by SIGTERM
        asyncio.run(main())
