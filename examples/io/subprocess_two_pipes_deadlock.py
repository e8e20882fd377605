"""A mistake: reading stdout to the end while stderr, piped too, is never read."""

import asyncio
import contextlib
import os
import signal
import sys

CHILD = """
import sys
sys.stderr.write("warning\\n" * 125_000)  # a chatty child: 1 MB on stderr first
print("result")
"""
PIPE = asyncio.subprocess.PIPE


async def run(read_stderr: bool) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=PIPE, stderr=PIPE, start_new_session=True
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    try:
        async with asyncio.timeout(1), asyncio.TaskGroup() as tg:
            if read_stderr:  # the fix: a task reads stderr while we read stdout
                tg.create_task(proc.stderr.read())
            async for line in proc.stdout:
                print(f"  stdout: {line.decode().strip()!r}")
        await proc.wait()
    except TimeoutError:
        print("  no line within 1 s: the child is stuck writing to stderr")
    finally:
        if proc.returncode is None:  # the timeout, an error, Ctrl-C, SIGTERM: end it
            with contextlib.suppress(ProcessLookupError):  # it has just exited
                os.killpg(proc.pid, signal.SIGKILL)  # the child and all it started
            async with asyncio.timeout(5):  # at most 5 s, whatever holds its pipes
                await proc.communicate()  # read what is left in both pipes, reap
    print(f"  exit code {proc.returncode}")


async def main() -> None:
    main_task = asyncio.current_task()
    assert main_task is not None
    # SIGTERM (kill, systemd, docker stop) cancels main(), as Ctrl-C does
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    print("Reading stdout only:")
    await run(read_stderr=False)
    print("Reading stderr in a task meanwhile:")
    await run(read_stderr=True)


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # stopped by SIGTERM
        asyncio.run(main())
