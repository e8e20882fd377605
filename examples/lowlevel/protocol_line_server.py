"""A line server as an asyncio.Protocol: the loop calls it back with chunks of bytes."""

import asyncio
from typing import cast


class UpperProtocol(asyncio.Protocol):
    """One instance per connection. No method awaits: each returns at once."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)
        self.buffer = b""
        # The idle timeout is a timer that closes the connection.
        loop = asyncio.get_running_loop()
        self.idle = loop.call_later(5, self.transport.close)

    def data_received(self, data: bytes) -> None:
        print(f"server: data_received({data!r})")
        self.buffer += data  # a chunk is not a message: keep what has arrived
        if b"\n" in self.buffer:
            line, _, self.buffer = self.buffer.partition(b"\n")
            self.transport.write(line.upper() + b"\n")
            self.transport.close()  # after the write buffer has been sent

    def connection_lost(self, exc: Exception | None) -> None:
        self.idle.cancel()


async def main() -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(UpperProtocol, "127.0.0.1", 0)
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
