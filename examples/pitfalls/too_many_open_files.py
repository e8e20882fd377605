"""Opening a connection per job, all at once, runs out of file descriptors.

The example lowers its own limit to 32 open files (Unix) so that 30 connections
are too many.
"""

import asyncio
import errno
import resource
from typing import Any


async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await asyncio.sleep(0.5)  # the server takes 0.5 s per request
    writer.write(b"ok\n")
    writer.close()
    await writer.wait_closed()


async def fetch(port: int) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        return await reader.readline()
    finally:
        writer.close()
        await writer.wait_closed()


async def main() -> None:
    server_errors: set[str] = set()

    def report(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        server_errors.add(f"{context['message']}: {context['exception']}")

    loop = asyncio.get_running_loop()
    loop.set_exception_handler(report)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (32, hard))
    try:
        async with await asyncio.start_server(answer, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            async with asyncio.TaskGroup() as tg:
                for _ in range(30):
                    tg.create_task(fetch(port))  # the mistake: no limit
    except* OSError as group:
        error = group.exceptions[0]  # every failed connection raised the same
        print(f"Client: OSError: {error} ({errno.errorcode[error.errno]})")
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    for message in server_errors:
        print(f"Server: {message}")


if __name__ == "__main__":
    asyncio.run(main())
