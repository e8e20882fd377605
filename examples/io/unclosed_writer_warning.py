"""Forgetting to close a StreamWriter: Python warns "unclosed <StreamWriter ...>"."""

import asyncio
import gc
import warnings


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(await reader.readline())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def ask(port: int) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"hello\n")
    await writer.drain()
    return await reader.readline()  # a mistake: the writer is never closed


async def main() -> None:
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")  # record every warning
            print(f"Client received {await ask(port)!r}")
            gc.collect()  # the forgotten writer is garbage now: collect it
        for warning in caught:
            # Print the start of the message: the rest names a file descriptor.
            words = str(warning.message).split()
            print(f"{warning.category.__name__}: {words[0]} {words[1]} ...>")


if __name__ == "__main__":
    asyncio.run(main())
