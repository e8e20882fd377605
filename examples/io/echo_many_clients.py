"""One echo server serves five clients concurrently: 0.5 s in total, not 2.5 s."""

import asyncio
import contextlib
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
        async with asyncio.timeout(10):  # a client that stalls is dropped
            line = await reader.readline()
            await asyncio.sleep(0.5)  # a slow server: each answer takes 0.5 s
            writer.write(line)
            await writer.drain()
    except (OSError, ValueError):  # ValueError: a line over the 64 KiB limit
        pass  # the client stalled, hung up or misbehaved: end this connection only
    finally:
        await close(writer)


async def client(port: int, number: int, start: float) -> str:
    async with asyncio.timeout(10):  # connecting, sending, reading: 10 s in all
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(f"hello from client {number}\n".encode())
            await writer.drain()
            reply = (await reader.readline()).decode().strip()
        finally:
            await close(writer)
    return f"{reply!r} after {time.perf_counter() - start:.2f} s"


async def main() -> None:
    handlers: set[asyncio.Task[None]] = set()

    def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Start the handler as a task of ours, and keep it while it runs."""
        handlers.add(task := asyncio.create_task(handle(reader, writer)))
        task.add_done_callback(handlers.discard)

    server = await asyncio.start_server(connected, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        start = time.perf_counter()
        replies = await asyncio.gather(*(client(port, n, start) for n in range(1, 6)))
        for reply in replies:
            print(reply)
        print(f"Five clients served in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
