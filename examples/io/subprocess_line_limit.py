"""A line over the stream's 64 KiB limit raises ValueError; limit= raises the limit."""

import asyncio
import sys

CHILD = "print('x' * 1_000_000); print('done')"  # a 1 MB line, then a short one


async def read_lines(limit: int) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE, limit=limit
    )
    assert proc.stdout is not None  # it is a StreamReader, since stdout=PIPE
    try:
        async for line in proc.stdout:
            print(f"  a line of {len(line):,} bytes")
        await proc.wait()
    except ValueError as error:  # the line did not fit: the child is still running
        print(f"  ValueError: {error}")
    finally:
        if proc.returncode is None:  # an error, a timeout, Ctrl-C: end the child
            proc.kill()
            await proc.communicate()  # read what is left in the pipe, then reap it


async def main() -> None:
    print("limit=64 * 1024, the default:")
    await read_lines(64 * 1024)
    print("limit=2 * 1024 * 1024:")
    await read_lines(2 * 1024 * 1024)


if __name__ == "__main__":
    asyncio.run(main())
