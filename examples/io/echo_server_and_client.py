"""A TCP echo server and a client in one script, talking over 127.0.0.1."""

import asyncio


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Serve one connection: read a line, send it back, close."""
    line = await reader.readline()
    print(f"Server received {line!r}")
    writer.write(line)
    await writer.drain()  # wait until the data is handed to the OS
    writer.close()
    await writer.wait_closed()


async def main() -> None:
    # Port 0: the operating system picks a free port.
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:  # on exit: stop listening and close the server
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"hello\n")
        await writer.drain()
        reply = await reader.readline()
        print(f"Client received {reply!r}")
        writer.close()
        await writer.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
