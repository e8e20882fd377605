"""Three child processes that each take 0.5 s run together: about 0.5 s, not 1.5 s."""

import asyncio
import contextlib
import os
import signal
import sys
import time

CHILD = "import sys, time; time.sleep(0.5); print(f'child {sys.argv[1]} done')"


async def run_child(number: int) -> str:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        str(number),
        stdout=asyncio.subprocess.PIPE,
        start_new_session=True,  # its own process group, with all it starts
    )
    try:
        stdout, _ = await proc.communicate()
    finally:
        if proc.returncode is None:  # an error, a timeout, Ctrl-C, SIGTERM: end it
            with contextlib.suppress(ProcessLookupError):  # it has just exited
                os.killpg(proc.pid, signal.SIGKILL)  # the child and all it started
            async with asyncio.timeout(5):  # at most 5 s, whatever holds its pipes
                await proc.communicate()  # read what is left in its pipe, reap it
    return stdout.decode().strip()


async def main() -> None:
    main_task = asyncio.current_task()
    assert main_task is not None
    # SIGTERM (kill, systemd, docker stop) cancels main(), as Ctrl-C does
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:  # cancelled, it waits for every cleanup
        tasks = [tg.create_task(run_child(n)) for n in range(1, 4)]
    print([task.result() for task in tasks])
    print(f"Three children took {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # stopped by SIGTERM
        asyncio.run(main())
