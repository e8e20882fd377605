"""Stopping a server: close(), a bounded wait_closed(), then close_clients() (3.13+)."""

import asyncio
import contextlib
import time


async def close(writer: asyncio.StreamWriter) -> None:
    """Close a connection without raising, so no error of closing hides another."""
    writer.close()
    try:
        with contextlib.suppress(OSError):  # ConnectionResetError, TimeoutError...
            async with asyncio.timeout(1):
                await writer.wait_closed()
    finally:
        writer.transport.abort()  # if the peer is not reading: drop what is unsent


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
    async with asyncio.timeout(5):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        async with asyncio.timeout(5):
            writer.write(b"hello\n")
            print(f"Client: got {await reader.readline()!r}, stays connected")
            await reader.read()  # returns b"" when the server closes the connection
        print("Client: the server closed the connection")
    finally:
        await close(writer)


async def main() -> None:
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(idle_client(server.sockets[0].getsockname()[1]))
        await asyncio.sleep(0.5)  # stands for the wait until SIGTERM arrives
        start = time.perf_counter()
        server.close()  # stop accepting; open connections stay open
        try:
            async with asyncio.timeout(1):  # a grace period for requests in progress
                await server.wait_closed()  # waits until every connection is closed
        except TimeoutError:
            elapsed = time.perf_counter() - start
            print(f"Still a connection open after {elapsed:.2f} s: close_clients()")
            server.close_clients()  # Python 3.13+; abort_clients() skips the flush
            async with asyncio.timeout(1):
                await server.wait_closed()
        print(f"Server closed after {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
