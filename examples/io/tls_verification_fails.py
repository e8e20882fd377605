"""Two TLS clients refuse the server: one lacks its CA, one expects another name."""

import asyncio
import contextlib
import functools
import ssl
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


async def handle(
    seen: asyncio.Queue[str], reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """Called only for a connection whose handshake succeeded."""
    seen.put_nowait("handler called")
    await close(writer)


async def connect(port: int, context: ssl.SSLContext, server_hostname: str) -> None:
    try:
        async with asyncio.timeout(5):
            _, writer = await asyncio.open_connection(
                "127.0.0.1", port, ssl=context, server_hostname=server_hostname
            )
    except ssl.SSLCertVerificationError as error:
        print(f"  client: {type(error).__name__}: {error.verify_message}")
    else:
        print("  client: connected")
        await close(writer)


async def main(
    server_context: ssl.SSLContext, clients: dict[str, tuple[ssl.SSLContext, str]]
) -> None:
    seen: asyncio.Queue[str] = asyncio.Queue()  # what the server side saw

    def on_error(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """In debug mode, asyncio reports each failed handshake of the server here."""
        error = context.get("exception")
        seen.put_nowait(f"{context['message']} ({type(error).__name__})")

    asyncio.get_running_loop().set_exception_handler(on_error)
    server = await asyncio.start_server(
        functools.partial(handle, seen),
        "127.0.0.1",
        0,
        ssl=server_context,
        ssl_handshake_timeout=5,
    )
    port = server.sockets[0].getsockname()[1]
    async with server:
        for label, (context, server_hostname) in clients.items():
            print(f"A client that {label}:")
            await connect(port, context, server_hostname)
            async with asyncio.timeout(5):  # wait for the server's side of it
                print(f"  server: {await seen.get()}")


if __name__ == "__main__":
    # Made once, before the loop starts: loading certificates reads files, blocking.
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(CERT, KEY)
    clients = {
        "trusts the system's CAs only": (ssl.create_default_context(), "localhost"),
        "trusts the demo certificate, expects example.com": (
            ssl.create_default_context(cafile=CERT),
            "example.com",
        ),
    }
    # Debug mode: the server reports its failures.
    asyncio.run(main(server_context, clients), debug=True)
