"""A Semaphore caps the connections open at once: 30 requests, 10 at a time.

Same server, same limit of 32 open files that 30 concurrent connections exceed.
"""

import asyncio
import contextlib
import resource
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


async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        async with asyncio.timeout(10):  # a client that stalls is dropped
            if await reader.readline():  # b"": the client hung up without asking
                await asyncio.sleep(0.5)  # the server takes 0.5 s per request
                writer.write(b"ok\n")
                await writer.drain()
    except (OSError, ValueError):  # ValueError: a line over the 64 KiB limit
        pass  # the client stalled, hung up or misbehaved: end this connection only
    finally:
        await close(writer)


async def main() -> None:
    slots = asyncio.Semaphore(10)  # the fix: at most 10 connections at once
    open_now = most_open = 0

    async def fetch(port: int) -> bytes:
        nonlocal open_now, most_open
        async with slots, asyncio.timeout(10):  # connecting, asking, reading
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            open_now += 1
            most_open = max(most_open, open_now)
            try:
                writer.write(b"hello\n")
                await writer.drain()
                return await reader.readline()
            finally:
                open_now -= 1
                await close(writer)

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (32, hard))
    handlers: set[asyncio.Task[None]] = set()

    def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Start the handler as a task of ours, and keep it while it runs."""
        handlers.add(task := asyncio.create_task(answer(reader, writer)))
        task.add_done_callback(handlers.discard)

    try:
        async with await asyncio.start_server(connected, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            start = time.perf_counter()
            replies = await asyncio.gather(*(fetch(port) for _ in range(30)))
            print(f"{len(replies)} replies in {time.perf_counter() - start:.2f} s")
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    print(f"At most {most_open} connections were open at once")


if __name__ == "__main__":
    asyncio.run(main())
