"""A regular file is always "ready", so asyncio has nothing to wait for: it refuses."""

import asyncio
import os
import select
import tempfile
from typing import IO


def readable(file: int | IO[bytes]) -> bool:
    """What select() says, without waiting: could a read return at once?"""
    ready, _, _ = select.select([file], [], [], 0)
    return bool(ready)


async def main() -> None:
    read_end, write_end = os.pipe()
    try:
        print(f"an empty pipe: readable={readable(read_end)}")
        os.write(write_end, b"data")
        print(f"the pipe after a write: readable={readable(read_end)}")
    finally:
        os.close(read_end)
        os.close(write_end)
    with tempfile.TemporaryFile() as file:  # a regular file, empty
        print(f"an empty file: readable={readable(file)}, read() gives {file.read()!r}")
        loop = asyncio.get_running_loop()
        try:
            await loop.connect_read_pipe(asyncio.Protocol, file)
        except ValueError as error:
            print(f"connect_read_pipe(file): ValueError: {error}")


if __name__ == "__main__":
    asyncio.run(main())
