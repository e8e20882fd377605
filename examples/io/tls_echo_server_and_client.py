"""A TLS echo server and client on 127.0.0.1: the same streams, encrypted."""

import asyncio
import contextlib
import ssl
from pathlib import Path

# A demo certificate for "localhost" and 127.0.0.1, and its private key (see the page).
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
    """Serve one connection: by now the handshake has succeeded."""
    try:
        async with asyncio.timeout(5):
            line = await reader.readline()
            writer.write(line)
            await writer.drain()
        tls = writer.get_extra_info("ssl_object").version()
        print(f"server: echoed {line!r} over {tls}")
    # OSError: a timeout, a reset, a TLS error. ValueError: a line over 64 KiB.
    except (OSError, ValueError) as error:
        print(f"server: {error!r}")
    finally:
        await close(writer)


async def main(server_context: ssl.SSLContext, client_context: ssl.SSLContext) -> None:
    handlers: set[asyncio.Task[None]] = set()

    def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Start the handler as a task of ours, and keep it while it runs."""
        handlers.add(task := asyncio.create_task(handle(reader, writer)))
        task.add_done_callback(handlers.discard)

    server = await asyncio.start_server(
        connected, "127.0.0.1", 0, ssl=server_context, ssl_handshake_timeout=5
    )
    port = server.sockets[0].getsockname()[1]
    async with server:
        async with asyncio.timeout(5):  # connect and handshake
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port, ssl=client_context, server_hostname="localhost"
            )
        try:
            names = writer.get_extra_info("peercert")["subjectAltName"]
            print(f"client: the server proved it is {names}")
            async with asyncio.timeout(5):
                writer.write(b"hello\n")
                await writer.drain()
                print(f"client: received {await reader.readline()!r}")
        finally:
            await close(writer)


if __name__ == "__main__":
    # Made once, before the loop starts: loading certificates reads files, blocking.
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(CERT, KEY)
    # Trust the demo certificate (a real client trusts the system's CAs: no cafile).
    client_context = ssl.create_default_context(cafile=CERT)
    asyncio.run(main(server_context, client_context))
