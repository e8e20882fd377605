"""The same line server with streams: readline() collects the chunks for us."""

import asyncio


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """One task per connection, which can await."""
    try:
        async with asyncio.timeout(5):  # the idle timeout
            line = await reader.readline()
        print(f"server: readline() returned {line!r}")
        writer.write(line.upper())
        await writer.drain()
    except (TimeoutError, ConnectionError) as error:
        print(f"server: gave up: {error!r}")
    finally:
        writer.close()
        await writer.wait_closed()


async def main() -> None:
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
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
            writer.close()
            await writer.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
