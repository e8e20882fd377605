"""A mistake: a connection per job, all at once, runs out of file descriptors.

The example lowers its own limit to 32 open files (Unix) so that 30 connections
are too many.
"""

import asyncio
import contextlib
import resource
from typing import Any


async def close(writer: asyncio.StreamWriter) -> None:
    """Close a connection without raising, so no error of closing hides another."""
    writer.close()
    closed = False
    try:
        with contextlib.suppress(OSError):  # ConnectionResetError, TimeoutError...
            async with asyncio.timeout(1):
                await writer.wait_closed()
                closed = True
    finally:
        if not closed:  # timed out or cancelled: the peer is not reading
            writer.transport.abort()  # drop what is unsent, at once


async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        async with asyncio.timeout(10):  # a client that stalls is dropped
            if await reader.readline():  # b"": the client hung up without asking
                await asyncio.sleep(0.5)  # the server takes 0.5 s per request
                writer.write(b"ok\n")
                await writer.drain()
    except (OSError, ValueError):  # ValueError: a line over the 64 KiB limit
        pass  # the client stalled, hung up or misbehaved: end this connection only
    finally:
        await close(writer)


async def fetch(port: int) -> bytes:
    async with asyncio.timeout(10):  # connecting, asking, reading: 10 s in all
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(b"hello\n")
            await writer.drain()
            return await reader.readline()
        finally:
            await close(writer)


async def main() -> None:
    server_errors: set[str] = set()

    def report(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        server_errors.add(f"{context['message']}: {context.get('exception')}")

    asyncio.get_running_loop().set_exception_handler(report)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (32, hard))
    handlers: set[asyncio.Task[None]] = set()

    def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Start the handler as a task of ours, and keep it while it runs."""
        handlers.add(task := asyncio.create_task(answer(reader, writer)))
        task.add_done_callback(handlers.discard)

    try:
        async with await asyncio.start_server(connected, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            async with asyncio.TaskGroup() as tg:
                for _ in range(30):
                    tg.create_task(fetch(port))  # the mistake: no limit
    except* OSError as group:
        error = group.exceptions[0]  # every failed connection raised the same
        print(f"Client: {type(error).__name__}: {error}")
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    for message in server_errors:
        print(f"Server: {message}")


if __name__ == "__main__":
    asyncio.run(main())
