"""A TCP echo server and a client in one script, talking over 127.0.0.1."""

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
    """Serve one connection: read a line, send it back, close."""
    try:
        async with asyncio.timeout(10):  # a client that stalls is dropped
            line = await reader.readline()
            print(f"Server received {line!r}")
            writer.write(line)
            await writer.drain()  # waits only while the client is slow to read
    except (OSError, ValueError) as error:  # ValueError: a line over 64 KiB
        print(f"Server: {error!r}")
    finally:
        await close(writer)


async def main() -> None:
    # Port 0: the operating system picks a free port.
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:  # on exit: stop listening and close the server
        async with asyncio.timeout(10):  # connecting, sending, reading: 10 s in all
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                writer.write(b"hello\n")
                await writer.drain()
                reply = await reader.readline()
            finally:
                await close(writer)
        print(f"Client received {reply!r}")


if __name__ == "__main__":
    asyncio.run(main())
