"""Four downloads, at most two at a time: an asyncio.Semaphore limits concurrency."""

import asyncio
import time

FILES = {f"/{name}.txt": 0.5 for name in "abcd"}  # path: seconds to answer


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A tiny HTTP server: answers GET <path> after FILES[path] seconds, or 404."""
    path = (await reader.readuntil(b"\r\n\r\n")).split()[1].decode()
    try:
        async with asyncio.timeout(FILES.get(path, 0)):
            await reader.read()  # returns early only if the client hangs up
    except TimeoutError:
        status = "200 OK" if path in FILES else "404 Not Found"
        body = f"contents of {path}\n".encode()
        head = f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n\r\n"
        writer.write(head.encode() + body)
    writer.close()
    await writer.wait_closed()


class HTTPError(Exception):
    """The server answered with a status other than 200."""


async def fetch(port: int, path: str) -> bytes:
    """GET http://127.0.0.1:<port><path> and return the body (minimal HTTP/1.1)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        writer.write(request.encode())
        await writer.drain()
        status, *lines = (await reader.readuntil(b"\r\n\r\n")).decode().split("\r\n")
        headers = dict(line.split(": ", 1) for line in lines if line)
        body = await reader.readexactly(int(headers["Content-Length"]))
    finally:
        writer.close()
        await writer.wait_closed()
    _, code, reason = status.split(" ", 2)
    if code != "200":
        raise HTTPError(f"{path}: {code} {reason}")
    return body


async def limited_fetch(
    limit: asyncio.Semaphore, port: int, path: str, start: float
) -> bytes:
    async with limit:  # waits while two downloads are running
        print(f"{path} starts at {time.perf_counter() - start:.2f} s")
        return await fetch(port, path)


async def main() -> None:
    async with asyncio.TaskGroup() as handlers:  # main waits for every handler
        server = await asyncio.start_server(
            lambda r, w: handlers.create_task(serve(r, w)), "127.0.0.1", 0
        )
        async with server:
            port = server.sockets[0].getsockname()[1]
            limit = asyncio.Semaphore(2)
            start = time.perf_counter()
            await asyncio.gather(
                *(limited_fetch(limit, port, path, start) for path in FILES)
            )
            print(f"Four downloads took {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
