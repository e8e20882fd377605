"""A line server as an asyncio.Protocol: the loop calls it back with chunks of bytes."""

import asyncio
import contextlib
from typing import cast


class UpperProtocol(asyncio.Protocol):
    """One instance per connection. No method awaits: each returns at once."""

    def __init__(self, connections: set[asyncio.Transport]) -> None:
        self.connections = connections  # the server's open connections

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)
        self.connections.add(self.transport)
        self.buffer = b""
        # A limit on the whole connection: a timer that closes it.
        loop = asyncio.get_running_loop()
        self.deadline = loop.call_later(5, self.transport.abort)

    def data_received(self, data: bytes) -> None:
        print(f"server: data_received({data!r})")
        self.buffer += data  # a chunk is not a message: keep what has arrived
        if b"\n" in self.buffer:
            line, _, self.buffer = self.buffer.partition(b"\n")
            self.transport.write(line.upper() + b"\n")
            self.transport.close()  # after the write buffer has been sent
        elif len(self.buffer) > 64 * 1024:  # a line this long: drop the client
            self.transport.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        self.deadline.cancel()
        self.connections.discard(self.transport)


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
    loop = asyncio.get_running_loop()
    connections: set[asyncio.Transport] = set()
    server = await loop.create_server(
        lambda: UpperProtocol(connections), "127.0.0.1", 0
    )
    async with server:
        try:
            await client(server.sockets[0].getsockname()[1])
        finally:  # on the way out, even on Ctrl-C: end the connections still open
            for transport in connections:
                transport.abort()


if __name__ == "__main__":
    asyncio.run(main())
