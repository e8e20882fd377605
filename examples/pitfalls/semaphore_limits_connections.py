"""A Semaphore caps the connections open at once: 30 requests, 10 at a time.

Same server, same limit of 32 open files that 30 concurrent connections exceed.
"""

import asyncio
import resource
import time


async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await asyncio.sleep(0.5)  # the server takes 0.5 s per request
    writer.write(b"ok\n")
    writer.close()
    await writer.wait_closed()


async def main() -> None:
    slots = asyncio.Semaphore(10)  # the fix: at most 10 connections at once
    open_now = most_open = 0

    async def fetch(port: int) -> bytes:
        nonlocal open_now, most_open
        async with slots:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            open_now += 1
            most_open = max(most_open, open_now)
            try:
                return await reader.readline()
            finally:
                open_now -= 1
                writer.close()
                await writer.wait_closed()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (32, hard))
    try:
        async with await asyncio.start_server(answer, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            start = time.perf_counter()
            replies = await asyncio.gather(*(fetch(port) for _ in range(30)))
            print(f"{len(replies)} replies in {time.perf_counter() - start:.2f} s")
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    print(f"At most {most_open} connections were open at once")


if __name__ == "__main__":
    asyncio.run(main())
