"""Without a handler, SIGTERM kills a Python process at once: no finally block runs."""

import asyncio
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
    output = [await child.stdout.readline()]  # wait until it is working
    child.terminate()  # sends SIGTERM, as `kill PID` and `docker stop` do
    output.append(await child.stdout.read())
    code = await child.wait()
    status = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit {code}"
    lines = b"".join(output).decode().splitlines()
    return f"{mode:>10}: printed {lines}, {status}"


async def main() -> None:
    for report in await asyncio.gather(run_child("no handler"), run_child("handler")):
        print(report)


if __name__ == "__main__":
    asyncio.run(main())
