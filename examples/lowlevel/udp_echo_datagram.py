"""A UDP echo on 127.0.0.1 with create_datagram_endpoint(); each reply has a timeout."""

import asyncio
from typing import cast


class EchoServer(asyncio.DatagramProtocol):
    """The loop calls these methods; they answer at once, without awaiting."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.DatagramTransport, transport)

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        if not data.endswith(b"drop me"):  # UDP may lose datagrams: this one is lost
            self.transport.sendto(data.upper(), addr)


class Client(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.replies: asyncio.Queue[bytes | Exception] = asyncio.Queue()

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.replies.put_nowait(data)

    def error_received(self, exc: Exception) -> None:  # e.g. nothing listens there
        self.replies.put_nowait(exc)


async def ask(
    transport: asyncio.DatagramTransport, client: Client, number: int, data: bytes
) -> None:
    tag = f"{number} ".encode()  # echoed back: tells our reply from a late one
    transport.sendto(tag + data)
    try:
        async with asyncio.timeout(0.5):  # a datagram can vanish: never wait forever
            while True:
                reply = await client.replies.get()
                if isinstance(reply, Exception):
                    raise reply  # what the system told the socket
                if reply.startswith(tag):
                    break  # else a late reply to an earlier request: drop it
        print(f"sent {data!r}, got {reply.removeprefix(tag)!r}")
    except TimeoutError:
        print(f"sent {data!r}, no reply within 0.5 s")
    except OSError as error:  # e.g. ConnectionRefusedError: nothing listens there
        print(f"sent {data!r}, got {error!r}")


async def main() -> None:
    loop = asyncio.get_running_loop()
    server, _ = await loop.create_datagram_endpoint(
        EchoServer, local_addr=("127.0.0.1", 0)
    )
    try:
        port = server.get_extra_info("sockname")[1]
        transport, client = await loop.create_datagram_endpoint(
            Client, remote_addr=("127.0.0.1", port)
        )
        try:
            await ask(transport, client, 1, b"ping")
            await ask(transport, client, 2, b"drop me")
        finally:
            transport.close()
    finally:
        server.close()


if __name__ == "__main__":
    asyncio.run(main())
