"""Without a handler, SIGTERM kills a Python process at once: no finally block runs."""

import asyncio
import contextlib
import signal
import sys

CHILD = """
import asyncio, signal, sys

async def main() -> None:
    stop = asyncio.Event()
    if sys.argv[1] == "handler":
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    try:
        print("working", flush=True)
        await stop.wait()  # stands for the program's real work
    finally:
        print("cleanup ran", flush=True)

asyncio.run(main())
"""


async def run_child(mode: str) -> str:
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, mode, stdout=asyncio.subprocess.PIPE
    )
    assert child.stdout is not None
    output: list[bytes] = []
    try:
        async with asyncio.timeout(5):  # a grace period, as `docker stop` gives one
            output.append(await child.stdout.readline())  # wait until it is working
            child.terminate()  # sends SIGTERM, as `kill PID` and `docker stop` do
            output.append(await child.stdout.read())
            await child.wait()
    except TimeoutError:
        pass  # then SIGKILL, below, as `docker stop` sends after its grace period
    finally:
        if child.returncode is None:  # it ignored SIGTERM, or this script was stopped
            child.kill()
        code = await child.wait()
    status = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit {code}"
    lines = b"".join(output).decode().splitlines()
    return f"{mode:>10}: printed {lines}, {status}"


async def main() -> None:
    # This script owns two children: SIGTERM cancels main(), as Ctrl-C does, and
    # each run_child() then kills its child on the way out.
    main_task = asyncio.current_task()
    assert main_task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    async with asyncio.TaskGroup() as tg:  # cancelled, it waits for both kills
        runs = [tg.create_task(run_child(mode)) for mode in ("no handler", "handler")]
    for run in runs:
        print(run.result())


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):  # stopped by SIGTERM: exit 0
        asyncio.run(main())
