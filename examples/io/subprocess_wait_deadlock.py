"""A mistake: wait() with stdout=PIPE hangs when the child writes a lot."""

import asyncio
import sys

CHILD = "import sys; sys.stdout.write('x' * 1_000_000)"  # 1 MB of output


async def main() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE
    )
    try:
        async with asyncio.timeout(1):
            await proc.wait()  # the mistake: nobody reads stdout, the pipe fills up
    except TimeoutError:
        print("wait(): no exit within 1 s, the child is stuck writing")
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.communicate()  # not wait(): read what is left, then reap
    print(f"Killed: exit code {proc.returncode}")

    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE
    )
    try:
        stdout, _ = await proc.communicate()  # the fix: it reads while it waits
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.communicate()
    print(f"communicate(): {len(stdout):,} bytes, exit code {proc.returncode}")


if __name__ == "__main__":
    asyncio.run(main())
