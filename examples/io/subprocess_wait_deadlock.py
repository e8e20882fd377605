"""wait() with stdout=PIPE hangs when the child writes a lot: use communicate()."""

import asyncio
import sys
import time

CHILD = "import sys; sys.stdout.write('x' * 1_000_000)"  # 1 MB of output


async def main() -> None:
    start = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE
    )
    try:
        async with asyncio.timeout(1):
            await proc.wait()  # a mistake: nobody reads stdout, the pipe fills up
    except TimeoutError:
        print(f"wait() still waiting at {time.perf_counter() - start:.2f} s")
        proc.kill()
        await proc.communicate()  # reads what is left in the pipe, then reaps
        print(f"Killed: exit code {proc.returncode}")

    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE
    )
    stdout, _ = await proc.communicate()  # reads while it waits
    print(f"communicate() read {len(stdout)} bytes, exit code {proc.returncode}")


if __name__ == "__main__":
    asyncio.run(main())
