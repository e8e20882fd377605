"""A mistake: a StreamWriter left open. Python warns "unclosed <StreamWriter ...>"."""

import asyncio
import contextlib
import gc
import warnings


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
    try:
        async with asyncio.timeout(10):
            writer.write(await reader.readline())
            await writer.drain()
    except (OSError, ValueError):  # ValueError: a line over 64 KiB
        pass  # the client stalled, hung up or misbehaved
    finally:
        await close(writer)


async def ask(port: int) -> bytes:
    async with asyncio.timeout(10):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"hello\n")
        await writer.drain()
        return await reader.readline()  # the mistake: the writer is never closed


async def main() -> None:
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")  # record every warning
            print(f"Client received {await ask(port)!r}")
            gc.collect()  # the forgotten writer is garbage now: collect it
        for warning in caught:
            # Print the start of the message: the rest names a file descriptor.
            words = str(warning.message).split()
            print(f"{warning.category.__name__}: {words[0]} {words[1]} ...>")


if __name__ == "__main__":
    asyncio.run(main())
