"""The same line server with streams: readline() collects the chunks for us."""

import asyncio
import contextlib


async def close(writer: asyncio.StreamWriter) -> None:
    """Close a connection without raising, so no error of closing hides another."""
    writer.close()
    try:
        with contextlib.suppress(OSError):  # ConnectionResetError, TimeoutError...
            async with asyncio.timeout(1):
                await writer.wait_closed()
    finally:
        writer.transport.abort()  # if the peer is not reading: drop what is unsent


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """One task per connection, which can await."""
    try:
        async with asyncio.timeout(5):  # a limit on the whole connection
            line = await reader.readline()
            print(f"server: readline() returned {line!r}")
            writer.write(line.upper())
            await writer.drain()
    # ValueError: a line longer than the reader's limit (64 KiB by default).
    except (TimeoutError, ConnectionError, ValueError) as error:
        print(f"server: gave up: {error!r}")
    finally:
        await close(writer)


async def client(port: int) -> None:
    async with asyncio.timeout(2):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for piece in (b"good", b"bye\n"):  # one line, sent in two pieces
            writer.write(piece)
            await writer.drain()
            await asyncio.sleep(0.1)
        async with asyncio.timeout(2):
            reply = await reader.readline()
        print(f"client: {reply!r}")
    finally:
        await close(writer)


async def main() -> None:
    async with asyncio.TaskGroup() as handlers:  # on the way out, waits for each one

        def connected(
            reader: asyncio.StreamReader, writer: asyncio.StreamWriter
        ) -> None:
            handlers.create_task(handle(reader, writer))  # a task main() owns

        server = await asyncio.start_server(connected, "127.0.0.1", 0)
        async with server:
            await client(server.sockets[0].getsockname()[1])


if __name__ == "__main__":
    asyncio.run(main())
