"""Pass arguments as a list (exec), not through a shell: no quoting, no injection."""

import asyncio
import contextlib
import os
import shlex
import signal
import sys

SHOW_ARGS = "import sys; print(sys.argv[1:])"  # the child prints the arguments it got
NAME = "report; draft.txt"  # a file name, as a user might type it
PIPE = asyncio.subprocess.PIPE


async def result_of(proc: asyncio.subprocess.Process) -> str:
    try:
        stdout, _ = await proc.communicate()  # stderr is piped and dropped
    finally:
        if proc.returncode is None:  # an error, a timeout, Ctrl-C, SIGTERM: end it
            with contextlib.suppress(ProcessLookupError):  # it has just exited
                os.killpg(proc.pid, signal.SIGKILL)  # the shell and what it started
            async with asyncio.timeout(5):  # at most 5 s, whatever holds its pipes
                await proc.communicate()
    return f"{stdout.decode().strip()}, exit code {proc.returncode}"


async def main() -> None:
    main_task = asyncio.current_task()
    assert main_task is not None
    # SIGTERM (kill, systemd, docker stop) cancels main(), as Ctrl-C does
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    python = shlex.quote(sys.executable)

    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        SHOW_ARGS,
        NAME,
        stdout=PIPE,
        stderr=PIPE,
        start_new_session=True,
    )
    print(f"exec, a list of arguments: {await result_of(proc)}")

    command = f"{python} -c {shlex.quote(SHOW_ARGS)} {NAME}"  # a mistake
    proc = await asyncio.create_subprocess_shell(
        command, stdout=PIPE, stderr=PIPE, start_new_session=True
    )
    print(f"shell, unquoted:           {await result_of(proc)}")

    command = f"{python} -c {shlex.quote(SHOW_ARGS)} {shlex.quote(NAME)}"
    proc = await asyncio.create_subprocess_shell(
        command, stdout=PIPE, stderr=PIPE, start_new_session=True
    )
    print(f"shell, with shlex.quote(): {await result_of(proc)}")


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # stopped by SIGTERM
        asyncio.run(main())
