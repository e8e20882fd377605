"""Chat server, step 1: an echo server that serves every client at once, safely."""

import argparse
import asyncio
import contextlib
import signal
import time
from dataclasses import dataclass

HOST = "127.0.0.1"  # this machine only; put a TLS proxy in front to serve others


@dataclass(frozen=True)
class Limits:
    """How long the server waits for each client. The demo below shortens them."""

    read: float = 300.0  # seconds to wait for a client's next line
    write: float = 10.0  # seconds for a client to take what we send it


async def close(writer: asyncio.StreamWriter) -> None:
    """Close a connection without raising, so no error of closing hides another."""
    writer.close()
    try:
        with contextlib.suppress(OSError):  # ConnectionResetError, TimeoutError...
            async with asyncio.timeout(1):
                await writer.wait_closed()
    finally:
        if writer.transport.get_write_buffer_size():  # the peer is not reading:
            writer.transport.abort()  # drop what is unsent (abort() after a close
            # that flushed everything would raise AttributeError)


class ChatServer:
    """Serves each client in a task of its own, and ends them all on stop()."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.handlers: set[asyncio.Task[None]] = set()
        self.arrivals = 0  # clients so far, to name the next one
        self.stopping = False  # set by stop()

    def connected(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        """start_server() calls this for each new connection: start its handler."""
        if self.stopping:  # accepted just before the server closed: too late
            writer.transport.abort()
            return
        self.arrivals += 1
        task = asyncio.create_task(self.handle(f"guest{self.arrivals}", reader, writer))
        self.handlers.add(task)  # keep a reference while it runs, to end it on stop
        task.add_done_callback(self.handlers.discard)

    async def handle(
        self, name: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        """Echo each line until the client leaves; its errors end only its own."""
        try:
            while True:
                try:
                    async with asyncio.timeout(self.limits.read):
                        line = await reader.readline()
                except TimeoutError:
                    print(f"server: {name} sent no line for {self.limits.read:.2f} s")
                    break
                if not line:  # the client hung up
                    break
                writer.write(line)
                try:
                    async with asyncio.timeout(self.limits.write):
                        await writer.drain()
                except TimeoutError:
                    print(f"server: {name} read nothing for {self.limits.write:.2f} s")
                    writer.transport.abort()  # no point in sending it the rest
                    break
        except (OSError, ValueError) as error:  # a reset, a line over 64 KiB...
            print(f"server: {name} failed: {type(error).__name__}")
        finally:
            await close(writer)

    async def stop(self) -> None:
        """End every connection: each handler closes its own in `finally`."""
        self.stopping = True
        for task in self.handlers:
            task.cancel()
        await asyncio.gather(*self.handlers, return_exceptions=True)


# The demo: clients in this same process play a short conversation.
DEMO_LIMITS = Limits(read=1.0, write=0.5)  # short, to watch them fire
PATIENCE = 5.0  # seconds a demo client waits for the server before giving up


class Peer:
    """A client of the demo conversation, which prints what it says and hears."""

    def __init__(
        self, name: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.name, self.reader, self.writer = name, reader, writer

    @classmethod
    async def join(cls, name: str, port: int, peers: list["Peer"]) -> "Peer":
        async with asyncio.timeout(PATIENCE):
            reader, writer = await asyncio.open_connection(HOST, port)
        peers.append(peer := cls(name, reader, writer))
        return peer

    async def say(self, text: str) -> None:
        print(f"{self.name} says {text!r}")
        self.writer.write(text.encode() + b"\n")
        async with asyncio.timeout(PATIENCE):
            await self.writer.drain()

    async def hear(self) -> str:
        async with asyncio.timeout(PATIENCE):
            line = await self.reader.readline()
        if not line:
            raise ConnectionError(f"{self.name}: the server closed the connection")
        text = line.decode(errors="replace").rstrip("\r\n")
        print(f"{self.name} hears {text!r}")
        return text

    async def dropped(self) -> None:
        """Read until the server closes the connection; say after how long."""
        start = time.perf_counter()
        with contextlib.suppress(ConnectionError):
            while True:
                await self.hear()
        print(f"{self.name} was dropped after {time.perf_counter() - start:.2f} s")


async def conversation(port: int) -> None:
    """Two clients are served at once; one goes quiet and is dropped."""
    peers: list[Peer] = []
    try:
        async with asyncio.TaskGroup() as tg:
            alice = await Peer.join("alice", port, peers)
            bob = await Peer.join("bob", port, peers)
            await alice.say("hello")
            await alice.hear()
            await bob.say("hi")
            await bob.hear()
            tg.create_task(bob.dropped())  # from now on, bob says nothing
            await asyncio.sleep(0.5)
            await alice.say("bob, are you there?")
            await alice.hear()
    except* ConnectionError as cut:  # the server stopped in the middle
        print(f"conversation cut short: {cut.exceptions[0]}")
    finally:
        for peer in peers:
            await close(peer.writer)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--serve",
        nargs="?",
        const=0,
        type=int,
        metavar="PORT",
        help="serve until Ctrl-C or SIGTERM (default port: a free one), no demo",
    )
    serve: int | None = parser.parse_args().serve
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C; kill, systemd, docker stop
        loop.add_signal_handler(sig, stop.set)
    chat = ChatServer(DEMO_LIMITS if serve is None else Limits())
    server = await asyncio.start_server(chat.connected, HOST, serve or 0)
    port = server.sockets[0].getsockname()[1]
    demo = None
    if serve is None:
        demo = asyncio.create_task(conversation(port))
        demo.add_done_callback(lambda _: stop.set())  # the demo over: stop
    else:
        print(f"serving on {HOST} port {port}: try nc {HOST} {port}", flush=True)
    await stop.wait()
    print("server: stopping")
    server.close()  # accept no new clients
    await chat.stop()
    await server.wait_closed()  # 3.12+ waits for every connection: all closed now
    if demo is not None:
        await demo  # raises what the demo raised, if anything


if __name__ == "__main__":
    asyncio.run(main())
