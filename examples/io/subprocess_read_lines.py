"""Read a child's output line by line, as it prints, with async for."""

import asyncio
import sys
import time

CHILD = """
import time
for step in range(1, 4):
    print(f"step {step}", flush=True)  # flush: send the line now, not at exit
    time.sleep(0.3)
"""


async def main() -> None:
    start = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE
    )
    assert proc.stdout is not None  # it is a StreamReader, since stdout=PIPE
    try:
        async for line in proc.stdout:
            print(f"{time.perf_counter() - start:.2f} s: {line.decode().strip()}")
        await proc.wait()  # the output is read to the end: now wait() is safe
    finally:
        if proc.returncode is None:  # an error, a timeout, Ctrl-C: end the child
            proc.kill()
            await proc.communicate()  # read what is left in the pipe, then reap it
    print(f"Exit code {proc.returncode} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
