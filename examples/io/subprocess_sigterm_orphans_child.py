"""A mistake: without a handler, SIGTERM ends a program at once; its child runs on."""

import asyncio
import contextlib
import os
import signal
import sys

# A program that runs a child, as a service would. With "handler", SIGTERM cancels
# main(), as Ctrl-C does, and the finally block ends the child.
SERVICE = """
import asyncio, contextlib, signal, sys

async def main() -> None:
    if sys.argv[1] == "handler":
        main_task = asyncio.current_task()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import time; time.sleep(60)",
        stdout=asyncio.subprocess.DEVNULL,  # our stdout is for the line below
    )
    print("child started", flush=True)
    try:
        await child.wait()
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()

with contextlib.suppress(asyncio.CancelledError):  # stopped by SIGTERM
    asyncio.run(main())
"""


async def stop(mode: str) -> str:
    """Start the service, send it SIGTERM once its child runs, see what is left."""
    service = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        SERVICE,
        mode,
        stdout=asyncio.subprocess.PIPE,
        start_new_session=True,  # a process group for the service and its child
    )
    try:
        assert service.stdout is not None
        await service.stdout.readline()  # "child started"
        service.terminate()  # SIGTERM, as kill, systemd and docker stop send it
        async with asyncio.timeout(5):
            await service.communicate()
        try:
            os.killpg(service.pid, 0)  # signal 0 only asks: is anyone left?
            left = "its child is still running"
        except ProcessLookupError:
            left = "nothing left running"
        return f"{mode:>10}: exit code {service.returncode}, {left}"
    finally:
        with contextlib.suppress(ProcessLookupError):  # nothing left in the group
            os.killpg(service.pid, signal.SIGKILL)  # the service and its child
        async with asyncio.timeout(5):  # at most 5 s, whatever holds its pipes
            await service.communicate()


async def main() -> None:
    main_task = asyncio.current_task()
    assert main_task is not None
    # SIGTERM (kill, systemd, docker stop) cancels main(), as Ctrl-C does
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    async with asyncio.TaskGroup() as tg:  # cancelled, it waits for every cleanup
        tasks = [tg.create_task(stop(mode)) for mode in ("no handler", "handler")]
    for task in tasks:
        print(task.result())


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # stopped by SIGTERM
        asyncio.run(main())
