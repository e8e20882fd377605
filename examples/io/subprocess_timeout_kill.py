"""A child that gets stuck is killed after a 1 s timeout, then reaped with wait()."""

import asyncio
import sys
import time

STUCK = "import time; time.sleep(60)"  # a child that hangs for a minute


async def main() -> None:
    start = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", STUCK)
    try:
        async with asyncio.timeout(1):
            await proc.wait()
    except TimeoutError:
        print(f"Still running at {time.perf_counter() - start:.2f} s: kill it")
        proc.kill()
        await proc.wait()  # reap it: wait until the child is really gone
    print(f"Exit code {proc.returncode}")  # -9: ended by signal 9, SIGKILL
    print(f"Done at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
