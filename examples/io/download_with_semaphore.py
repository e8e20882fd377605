"""Four downloads, at most two at a time: an asyncio.Semaphore limits concurrency."""

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

FILES = {f"/{name}.txt": 0.5 for name in "abcd"}  # path: seconds to answer


async def limited_fetch(
    limit: asyncio.Semaphore, port: int, path: str, start: float
) -> bytes:
    async with limit:  # waits while two downloads are running
        print(f"{path} starts at {time.perf_counter() - start:.2f} s")
        return await fetch(port, path)


async def main() -> None:
    async with serve(FILES) as port:
        limit = asyncio.Semaphore(2)
        start = time.perf_counter()
        await asyncio.gather(
            *(limited_fetch(limit, port, path, start) for path in FILES)
        )
        print(f"Four downloads took {time.perf_counter() - start:.2f} s")


# The server and client below are the same in every example on this page.


class HTTPError(Exception):
    """The server answered with a status other than 200, or not in HTTP."""


async def fetch(port: int, path: str) -> bytes:
    """GET http://127.0.0.1:<port><path> and return the body (minimal HTTP/1.0)."""
    async with asyncio.timeout(10):  # connecting, sending, reading: 10 s in all
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(f"GET {path} HTTP/1.0\r\n\r\n".encode())
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status, *lines = head.decode().split("\r\n")
            _, code, reason = status.split(" ", 2)
            headers = dict(line.split(": ", 1) for line in lines if line)
            body = await reader.readexactly(int(headers["Content-Length"]))
        # A head over 64 KiB, not UTF-8, or missing a part: a malformed reply.
        except (asyncio.LimitOverrunError, ValueError, KeyError) as error:
            raise HTTPError(f"malformed reply ({type(error).__name__})") from error
        finally:
            await close(writer)
    if code != "200":
        raise HTTPError(f"{code} {reason}")
    return body


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


async def answer(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, files: dict[str, float]
) -> None:
    """Answer one GET after files[path] seconds (a slow server), or 404 at once."""
    try:
        async with asyncio.timeout(10):  # a client that stalls is dropped at 10 s
            request = await reader.readuntil(b"\r\n\r\n")
            _, path, _ = request.decode().split(" ", 2)  # "GET /a.txt HTTP/1.0..."
            await asyncio.sleep(files.get(path, 0))  # a slow disk or network
            status = "200 OK" if path in files else "404 Not Found"
            body = f"contents of {path}\n"
            head = f"HTTP/1.0 {status}\r\nContent-Length: {len(body)}\r\n\r\n"
            writer.write((head + body).encode())
            await writer.drain()
    except (
        OSError,  # the client stalled (TimeoutError) or reset the connection
        asyncio.IncompleteReadError,  # it hung up before its request was complete
        asyncio.LimitOverrunError,  # its request is over 64 KiB
        ValueError,  # its request is malformed
    ):
        pass  # end this connection, not the server
    finally:
        await close(writer)


@contextlib.asynccontextmanager
async def serve(files: dict[str, float]) -> AsyncIterator[int]:
    """Run the server on 127.0.0.1 while the block runs; yield its port."""
    handlers: set[asyncio.Task[None]] = set()

    def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        handlers.add(task := asyncio.create_task(answer(reader, writer, files)))
        task.add_done_callback(handlers.discard)

    async with await asyncio.start_server(connected, "127.0.0.1", 0) as server:
        try:
            yield server.sockets[0].getsockname()[1]
        finally:
            server.close()  # accept no new clients
            for task in handlers:
                task.cancel()  # answers that nobody waits for any more
            await asyncio.gather(*handlers, return_exceptions=True)


if __name__ == "__main__":
    asyncio.run(main())
