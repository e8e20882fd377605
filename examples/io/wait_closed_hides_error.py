"""A mistake: `await writer.wait_closed()` in finally can hide the error in flight."""

import asyncio
import contextlib
import socket
import struct


class BadReply(Exception):
    """The server's reply was not what the client expected."""


async def rude(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A server that sends a bad reply, then resets the connection."""
    writer.write(b"ERROR\n")
    linger = struct.pack("ii", 1, 0)  # SO_LINGER 0: close() sends a reset (RST)
    writer.get_extra_info("socket").setsockopt(
        socket.SOL_SOCKET, socket.SO_LINGER, linger
    )
    writer.close()


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


async def ask(port: int, safe: bool) -> None:
    async with asyncio.timeout(10):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            reply = await reader.readline()
            await asyncio.sleep(0.1)  # the client works on the reply; the reset arrives
            raise BadReply(reply)
        finally:
            if safe:
                await close(writer)
            else:
                writer.close()
                await writer.wait_closed()  # the mistake: raises the reset


async def main() -> None:
    server = await asyncio.start_server(rude, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        for safe in (False, True):
            try:
                await ask(port, safe)
            except (BadReply, OSError) as error:
                how = "close(writer)" if safe else "wait_closed()"
                hidden = f", hiding {error.__context__!r}" if error.__context__ else ""
                print(f"{how} in finally: {type(error).__name__}{hidden}")


if __name__ == "__main__":
    asyncio.run(main())
