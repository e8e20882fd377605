"""On SIGTERM a server stops accepting, waits a grace period, then closes (3.13+)."""

import asyncio
import contextlib
import os
import signal
import time


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
        while True:  # many requests on one connection, as with HTTP keep-alive
            async with asyncio.timeout(60):  # drop a client idle for a minute
                line = await reader.readline()
            if not line:  # the client, or close_clients(), closed the connection
                break
            writer.write(line.upper())
            await writer.drain()
    except (OSError, TimeoutError, ValueError) as exc:  # ValueError: a line too long
        print(f"Handler: {exc!r}")
    finally:
        writer.close()
        print("Handler: connection closed, cleanup done")


async def idle_client(port: int) -> None:
    try:
        async with asyncio.timeout(5):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError as exc:  # refused: the server stopped accepting first
        print(f"Client: {exc!r}")
        return
    try:
        async with asyncio.timeout(5):
            writer.write(b"hello\n")
            print(f"Client: got {await reader.readline()!r}, stays connected")
            await reader.read()  # returns b"" when the server closes the connection
        print("Client: the server closed the connection")
    finally:
        await close(writer)


async def closed_within(server: asyncio.Server, seconds: float) -> bool:
    """Wait up to `seconds` until every connection is closed; True if they are."""
    try:
        async with asyncio.timeout(seconds):
            await server.wait_closed()  # Python 3.12+: waits for the connections
    except TimeoutError:
        return False
    return True


async def main() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    # Stands for `kill PID` or `docker stop` from outside: SIGTERM after 0.5 s.
    loop.call_later(0.5, os.kill, os.getpid(), signal.SIGTERM)
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(idle_client(server.sockets[0].getsockname()[1]))
        await stop.wait()
        start = time.perf_counter()
        server.close()  # stop accepting; open connections stay open
        if not await closed_within(server, 1):  # a grace period for requests
            elapsed = time.perf_counter() - start
            print(f"Still a connection open after {elapsed:.2f} s: close_clients()")
            server.close_clients()  # Python 3.13+: each closes once its data is sent
            if not await closed_within(server, 1):  # a client that never reads
                elapsed = time.perf_counter() - start
                print(f"Still open after {elapsed:.2f} s: abort_clients()")
                server.abort_clients()  # drops them at once, unsent data and all
                await server.wait_closed()
        print(f"Server closed after {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
