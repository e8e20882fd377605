"""Three downloads from a local HTTP server: one after another, then all at once."""

import asyncio
import time

FILES = {"/a.txt": 0.5, "/b.txt": 0.5, "/c.txt": 0.5}  # path: seconds to answer


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


async def main() -> None:
    async with asyncio.TaskGroup() as handlers:  # main waits for every handler
        server = await asyncio.start_server(
            lambda r, w: handlers.create_task(serve(r, w)), "127.0.0.1", 0
        )
        async with server:
            port = server.sockets[0].getsockname()[1]
            start = time.perf_counter()
            for path in FILES:
                await fetch(port, path)
            print(f"One after another: {time.perf_counter() - start:.2f} s")
            start = time.perf_counter()
            bodies = await asyncio.gather(*(fetch(port, path) for path in FILES))
            print(f"All at once: {time.perf_counter() - start:.2f} s")
            print(bodies)


if __name__ == "__main__":
    asyncio.run(main())
