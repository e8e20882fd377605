"""The same line server with streams: readline() collects the chunks for us."""

import asyncio
import contextlib


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
    handlers: set[asyncio.Task[None]] = set()

    def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Start each connection's handler as a task of ours, to cancel on exit."""
        handlers.add(task := asyncio.create_task(handle(reader, writer)))
        task.add_done_callback(handlers.discard)

    server = await asyncio.start_server(connected, "127.0.0.1", 0)
    async with server:
        try:
            await client(server.sockets[0].getsockname()[1])
        finally:  # on the way out, even on Ctrl-C: end the connections still open
            for task in handlers:
                task.cancel()  # each one closes its connection in `finally`
            await asyncio.gather(*handlers, return_exceptions=True)


if __name__ == "__main__":
    asyncio.run(main())
