"""A TLS server drops a client that never starts the handshake, after 1 s, not 60 s."""

import asyncio
import contextlib
import ssl
import time
from pathlib import Path
from typing import Any

CERT = Path(__file__).with_name("demo-cert.pem")
KEY = Path(__file__).with_name("demo-key.pem")


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
    """Called only for a connection whose handshake succeeded: never, here."""
    await close(writer)


async def main(server_context: ssl.SSLContext) -> None:
    seen: asyncio.Queue[str] = asyncio.Queue()  # what the server side saw

    def on_error(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """In debug mode, asyncio reports each failed handshake of the server here."""
        seen.put_nowait(f"{context['message']}: {context.get('exception')}")

    asyncio.get_running_loop().set_exception_handler(on_error)
    server = await asyncio.start_server(
        handle, "127.0.0.1", 0, ssl=server_context, ssl_handshake_timeout=1.0
    )
    port = server.sockets[0].getsockname()[1]
    async with server:
        start = time.perf_counter()
        # A plain TCP client that connects and sends nothing: a stalled or hostile peer.
        async with asyncio.timeout(5):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            async with asyncio.timeout(5):
                await reader.read()  # returns b"" once the server hangs up
            print(
                f"client: the server hung up after {time.perf_counter() - start:.2f} s"
            )
        finally:
            await close(writer)
        async with asyncio.timeout(5):
            print(f"server: {await seen.get()}")


if __name__ == "__main__":
    # Made once, before the loop starts: loading certificates reads files, blocking.
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(CERT, KEY)
    # Debug mode: the server reports its failures.
    asyncio.run(main(server_context), debug=True)
