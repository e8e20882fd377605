"""A stand-alone echo server: on Ctrl-C or SIGTERM it ends each connection and exits."""

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
    """Echo each line until the client hangs up, or is idle for a minute."""
    try:
        while True:
            async with asyncio.timeout(60):  # an idle or stalled client is dropped
                line = await reader.readline()
                if not line:  # the client hung up
                    break
                writer.write(line)
                await writer.drain()
    except (OSError, ValueError) as error:  # ValueError: a line over 64 KiB
        print(f"server: {error!r}")
    finally:
        await close(writer)


async def idle_client(port: int) -> None:
    """A client that gets its echo, then stays connected without a word."""
    try:
        async with asyncio.timeout(3):  # the server must hang up well before that
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                writer.write(b"hello\n")
                await writer.drain()
                print(f"client: got {await reader.readline()!r}, stays connected")
                await reader.read()  # b"" when the server closes the connection
                print("client: the server closed the connection")
            finally:
                await close(writer)
    except OSError as error:  # refused, reset, TimeoutError...
        print(f"client: {error!r}")


async def main() -> None:
    handlers: set[asyncio.Task[None]] = set()

    def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Start each connection's handler as a task of ours, to cancel on exit."""
        handlers.add(task := asyncio.create_task(handle(reader, writer)))
        task.add_done_callback(handlers.discard)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C, and `kill` or `docker stop`
        loop.add_signal_handler(sig, stop.set)
    async with await asyncio.start_server(connected, "127.0.0.1", 0) as server:
        # The demo: one client, and SIGTERM after 0.5 s as if sent from outside.
        client = asyncio.create_task(idle_client(server.sockets[0].getsockname()[1]))
        loop.call_later(0.5, os.kill, os.getpid(), signal.SIGTERM)

        await stop.wait()  # serve until a signal
        start = time.perf_counter()
        server.close()  # accept no new clients
        print(f"server: signal received, cancelling {len(handlers)} handler(s)")
        for task in handlers:
            task.cancel()  # each one closes its connection in `finally`
        await asyncio.gather(*handlers, return_exceptions=True)
    print(f"server: stopped {time.perf_counter() - start:.2f} s after the signal")
    await client  # the demo's client, done once the server closed its connection


if __name__ == "__main__":
    asyncio.run(main())
