"""Chat server, step 8: a log naming each client, counters, a task dump on SIGUSR1."""

import argparse
import asyncio
import contextlib
import contextvars
import logging
import os
import re
import signal
import socket
import sys
import time
from dataclasses import dataclass

HOST = "127.0.0.1"  # this machine only; put a TLS proxy in front to serve others
NAME = re.compile(r"[A-Za-z0-9_-]{1,16}")  # the names clients may take
log = logging.getLogger("chat")
# The client each task serves. A task starts with a copy of its creator's context:
# the handler sets it, and the writer task it then starts inherits it.
serving: contextvars.ContextVar["Client | None"] = contextvars.ContextVar(
    "serving", default=None
)


class ClientFilter(logging.Filter):
    """Add the name of the client being served to every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        client = serving.get()
        record.client = "server" if client is None else client.name
        return True


@dataclass(frozen=True)
class Limits:
    """How long the server waits for each client. The demo below shortens them."""

    line: int = 8192  # bytes in a line; a longer one ends the connection
    ping: float = 240.0  # seconds of silence before asking "still there?"
    idle: float = 300.0  # seconds of silence before hanging up
    write: float = 10.0  # seconds for a client to take what we send it
    queue: int = 100  # lines waiting for a client; one more and it is dropped
    kernel: int = 65536  # bytes the kernel may hold for a client (SO_SNDBUF)
    drain: float = 5.0  # seconds, on shutdown, for the queues to empty


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


async def goodbye(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, text: str
) -> None:
    """Send a last line, then read what the client still sends, for 1 s at most.

    Closing a socket with unread data in it makes TCP reset the connection, and the
    reset can destroy our last line before the client reads it.
    """
    writer.write(text.encode() + b"\n")
    writer.write_eof()  # nothing more from us: the client reads the end of the stream
    with contextlib.suppress(OSError, TimeoutError):
        async with asyncio.timeout(1):
            while await reader.read(65536):
                pass  # the rest of a line we refused, or whatever follows


def text_of(line: bytes) -> str:
    """The text of one line, or ValueError saying why it cannot be shown."""
    try:
        text = line.decode().rstrip("\r\n")  # nc ends lines with \n, telnet \r\n
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    if not text.isprintable():  # no terminal escapes, which repaint others' screens
        raise ValueError("control characters are not allowed")
    return text


@dataclass
class Stats:
    """What the server counts: printed on SIGUSR1, ready for a metrics endpoint."""

    connections: int = 0  # accepted since the start
    lines_in: int = 0  # lines received
    lines_out: int = 0  # lines written to clients
    dropped: int = 0  # clients cut off for reading too slowly
    lost: int = 0  # lines that were waiting for them


class Client:
    """A connected client: its name, and the lines waiting to be sent to it."""

    def __init__(
        self, name: str, writer: asyncio.StreamWriter, limits: Limits, stats: Stats
    ) -> None:
        self.name = name
        self.writer = writer
        self.limits = limits
        self.stats = stats
        self.queue: asyncio.Queue[bytes] = asyncio.Queue(limits.queue)
        self.dropped = False
        self.joined = False  # until it has picked a name

    def send(self, text: str) -> None:
        """Queue a line for this client, without waiting: a full queue drops it."""
        try:
            self.queue.put_nowait(text.encode() + b"\n")
        except asyncio.QueueFull:
            self.drop(f"{self.queue.maxsize} lines waiting")

    def drop(self, reason: str) -> None:
        """Cut off a client that does not read; its handler then cleans up."""
        if not self.dropped:
            self.dropped = True
            self.stats.dropped += 1
            self.stats.lost += self.queue.qsize()
            log.warning("dropped %s: %s", self.name, reason)
            self.writer.transport.abort()  # its unsent lines are lost with it

    async def write_queued(self) -> None:
        """The client's own writer task: a slow reader holds up nobody else."""
        while True:
            line = await self.queue.get()
            try:
                self.writer.write(line)
                async with asyncio.timeout(self.limits.write):
                    await self.writer.drain()
                self.stats.lines_out += 1
            except TimeoutError:
                self.drop(f"read nothing for {self.limits.write:.2f} s")
                return
            except OSError:  # the connection is gone: its handler sees it too
                return
            finally:
                self.queue.task_done()  # for stop(), which waits on queue.join()


def waits_at(task: asyncio.Task[object]) -> str:
    """The chain of awaits a task is suspended in, as far as this file goes."""
    calls: list[str] = []
    awaited: object = task.get_coro()
    while (frame := getattr(awaited, "cr_frame", None)) is not None:
        if frame.f_code.co_filename == __file__:
            calls.append(f"{frame.f_code.co_name}() line {frame.f_lineno}")
        awaited = getattr(awaited, "cr_await", None)  # None, or a future: the end
    return " > ".join(calls)


class ChatServer:
    """Serves each client in a task of its own, and ends them all on stop()."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.handlers: set[asyncio.Task[None]] = set()
        self.arrivals = 0  # clients so far, to name the next one
        self.stopping = False  # set by stop()
        self.clients: dict[str, Client] = {}  # by name.casefold(): names are unique
        self.stats = Stats()

    def broadcast(self, text: str, sender: Client | None) -> None:
        """Queue a line for every client but the sender; nobody waits for anybody."""
        for client in list(self.clients.values()):  # drop() may end one meanwhile
            if client is not sender:
                client.send(text)

    def receive(self, client: Client, text: str) -> str | None:
        """Act on one line from a client; return its last words if it is leaving."""
        if self.stopping:
            return None  # the room is closing: nothing new is queued
        if not client.joined:  # its first line is the name it wants
            self.rename(client, text)
            return None
        match text.split(maxsplit=1):
            case []:
                pass  # an empty line
            case ["/quit"]:
                return "* bye"
            case ["/pong"]:
                pass  # the answer to our ping: any line keeps a client here
            case ["/who"]:
                names = sorted(other.name for other in self.clients.values())
                client.send(f"* here: {', '.join(names)}")
            case ["/me", action]:
                self.broadcast(f"* {client.name} {action}", client)
            case ["/nick", name]:
                self.rename(client, name)
            case [command, *_] if command.startswith("/"):
                client.send(f"error: {command} is not /me, /nick, /who or /quit")
            case _:
                self.broadcast(f"[{client.name}] {text}", client)
        return None

    def rename(self, client: Client, name: str) -> None:
        """Give a client the name it asks for, if it is valid and free."""
        if not NAME.fullmatch(name):
            client.send("error: a name is 1 to 16 letters, digits, - or _")
        elif self.clients.get(name.casefold(), client) is not client:
            client.send(f"error: {name} is taken; try another")
        elif not client.joined:
            client.name, client.joined = name, True
            self.clients[name.casefold()] = client
            client.send(f"* welcome, {name}: /me, /nick, /who and /quit work here")
            log.info("joined")
            self.broadcast(f"* {name} joined", client)
        else:
            self.broadcast(f"* {client.name} is now {name}", None)
            del self.clients[client.name.casefold()]
            client.name = name
            self.clients[name.casefold()] = client

    def leave(self, client: Client) -> None:
        """Take a client out of the room and say so: once, however it left."""
        if self.clients.get(client.name.casefold()) is client:
            del self.clients[client.name.casefold()]
            if not self.stopping:
                log.info("left")
                self.broadcast(f"* {client.name} left", client)

    def connected(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        """start_server() calls this for each new connection: start its handler."""
        if self.stopping:  # accepted just before the server closed: too late
            writer.transport.abort()
            return
        self.arrivals += 1
        self.stats.connections += 1
        task = asyncio.create_task(
            self.handle(f"guest{self.arrivals}", reader, writer),
            name=f"handler {self.arrivals}",
        )
        self.handlers.add(task)  # keep a reference while it runs, to end it on stop
        task.add_done_callback(self.handlers.discard)

    async def handle(
        self, name: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        """Serve one client: a task of its own writes what is queued for it."""
        # Linux lets the kernel buffer up to 4 MB for a client that does not read,
        # which hides it for that long: keep it small, so that its queue shows it.
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, self.limits.kernel)
        client = Client(name, writer, self.limits, self.stats)
        serving.set(client)  # for the log lines of this task, and its writer's
        log.info("connected")
        client.send("* pick a name: 1 to 16 letters, digits, - or _")
        try:
            async with asyncio.TaskGroup() as tg:  # the writer never outlives us
                writing = tg.create_task(client.write_queued(), name=f"writer {name}")
                last_words = await self.relay(client, reader)
                writing.cancel()  # our last words, if any, follow what it was sent
            self.leave(client)
            if last_words:
                await goodbye(reader, writer, last_words)
        finally:
            self.leave(client)
            await close(writer)

    async def next_line(self, client: Client, reader: asyncio.StreamReader) -> bytes:
        """The client's next line; after `ping` s of silence, ask if it is there.

        A cancelled readline() keeps what it has read so far, so waiting again is safe.
        """
        try:
            async with asyncio.timeout(self.limits.ping):
                return await reader.readline()
        except TimeoutError:
            if not self.stopping:
                client.send("* ping: still there? send any line, /pong for instance")
        async with asyncio.timeout(self.limits.idle - self.limits.ping):
            return await reader.readline()

    async def relay(self, client: Client, reader: asyncio.StreamReader) -> str | None:
        """Relay each line until the client leaves; return our last words to it."""
        limits = self.limits
        try:
            while True:
                try:
                    line = await self.next_line(client, reader)
                except TimeoutError:
                    log.info("silent for %.2f s", limits.idle)
                    return f"* disconnected: silent for {limits.idle:.2f} s"
                except ValueError:  # over the limit given to start_server()
                    log.warning("sent a line over %d bytes", limits.line)
                    reply = f"error: lines are limited to {limits.line} bytes"
                    return f"{reply}; goodbye"
                if not line.endswith(b"\n"):  # the client hung up
                    if line:
                        log.info("hung up in the middle of a line")
                    break
                self.stats.lines_in += 1
                try:
                    text = text_of(line)
                except ValueError as error:
                    client.send(f"error: {error}; line ignored")
                else:
                    if last_words := self.receive(client, text):
                        return last_words
        except OSError as error:  # a reset, a broken pipe...
            log.warning("failed: %s", type(error).__name__)
        return None

    def dump(self) -> None:
        """Print the counters, and where each task waits: `kill -USR1 PID`."""
        stats, depths = self.stats, [c.queue.qsize() for c in self.clients.values()]
        deepest = max(depths, default=0)
        print(f"--- {len(self.clients)} in the room; deepest queue: {deepest}")
        print(
            f"    {stats.connections} connections, {stats.lines_in} lines in, "
            f"{stats.lines_out} out; {stats.dropped} dropped, {stats.lost} lost"
        )
        for task in sorted(asyncio.all_tasks(), key=lambda task: task.get_name()):
            if sys.version_info >= (3, 14):
                asyncio.print_call_graph(task)  # every await, in every file
            else:
                print(f"    {task.get_name()}: {waits_at(task)}")

    async def stop(self) -> None:
        """Tell the room, give each queue `drain` s to empty, then end everything."""
        self.stopping = True  # no new connections, and nothing new is queued
        clients = list(self.clients.values())
        for client in clients:
            client.send("* server shutting down")
        flushing = {asyncio.create_task(c.queue.join()): c for c in clients}
        if flushing:
            _, late = await asyncio.wait(flushing, timeout=self.limits.drain)
            for task in late:  # a client that reads too slowly, or not at all
                flushing[task].drop(
                    f"its queue did not drain in {self.limits.drain:.2f} s"
                )
                task.cancel()
        for task in self.handlers:
            task.cancel()  # each handler closes its connection in `finally`
        await asyncio.gather(*self.handlers, *flushing, return_exceptions=True)


# The demo: clients in this same process play a short conversation.
DEMO_LIMITS = Limits(ping=2.0, idle=3.0, write=2.0, drain=0.5)  # to watch them act
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

    async def send(self, data: bytes) -> None:
        """Send raw bytes, as a buggy or hostile client might."""
        shown = (
            f"{data!r}" if len(data) < 40 else f"{data[:20]!r}... ({len(data)} bytes)"
        )
        print(f"{self.name} sends {shown}")
        self.writer.write(data)
        async with asyncio.timeout(PATIENCE):
            await self.writer.drain()

    async def post(self, text: str) -> None:
        """Send a line without printing it, for long runs of lines."""
        self.writer.write(text.encode() + b"\n")
        async with asyncio.timeout(PATIENCE):
            await self.writer.drain()

    async def read_slowly(self, pause: float) -> bool:
        """Read a line every `pause` s, as over a slow link, until the server hangs
        up; return whether the last line heard was "bye"."""
        last = b""
        with contextlib.suppress(ConnectionError):
            while True:
                async with asyncio.timeout(PATIENCE):
                    line = await self.reader.readline()
                if not line:
                    break
                last = line
                await asyncio.sleep(pause)
        return last.endswith(b" bye\n")

    async def sign_in(self) -> None:
        """Read the server's question, answer with our name, read its welcome."""
        async with asyncio.timeout(PATIENCE):
            await self.reader.readline()
            await self.post(self.name)
            await self.reader.readline()

    async def skim(self, count: int) -> None:
        """Read `count` chat lines without printing them; print the server's own."""
        async with asyncio.timeout(PATIENCE):
            while count:
                line = await self.reader.readline()
                if not line:
                    raise ConnectionError(
                        f"{self.name}: the server closed the connection"
                    )
                if line.startswith(b"["):
                    count -= 1
                else:
                    print(f"{self.name} hears {line.decode().rstrip()!r}")

    async def hear(self, since: float | None = None) -> str:
        async with asyncio.timeout(PATIENCE):
            line = await self.reader.readline()
        if not line:
            raise ConnectionError(f"{self.name}: the server closed the connection")
        text = line.decode(errors="replace").rstrip("\r\n")
        when = "" if since is None else f" after {time.perf_counter() - since:.2f} s"
        print(f"{self.name} hears {text!r}{when}")
        return text

    async def dropped(self) -> None:
        """Read until the server hangs up, showing only its own lines; say when."""
        start = time.perf_counter()
        with contextlib.suppress(ConnectionError):
            async with asyncio.timeout(PATIENCE):
                while line := await self.reader.readline():
                    if not line.startswith(b"["):  # not a chat line: the server's
                        print(f"{self.name} hears {line.decode().rstrip()!r}")
        print(f"{self.name} was dropped after {time.perf_counter() - start:.2f} s")


async def all_hear(*peers: Peer) -> None:
    for peer in peers:
        await peer.hear()


async def conversation(port: int) -> None:
    """SIGTERM while carol lags: bob gets all and a notice, carol is cut off."""
    peers: list[Peer] = []
    try:
        async with asyncio.TaskGroup() as tg:
            alice = await Peer.join("alice", port, peers)
            await alice.sign_in()
            bob = await Peer.join("bob", port, peers)
            await bob.sign_in()
            carol = await Peer.join("carol", port, peers)
            await carol.sign_in()
            await all_hear(alice, alice, bob)
            await alice.say("hello")
            await bob.hear()
            print("SIGUSR1, as kill -USR1 PID sends it")
            os.kill(os.getpid(), signal.SIGUSR1)
            await asyncio.sleep(0.01)  # the dump runs at one of the loop's next turns
            carol_reading = tg.create_task(carol.read_slowly(0.1), name="carol reads")
            print("alice sends 120 lines of 8 KB: bob reads each at once, carol lags")
            for number in range(120):
                await alice.post(f"{number:03} " + "x" * 7995)
                await bob.skim(1)
            print("SIGTERM, as systemctl stop or docker stop sends it")
            os.kill(os.getpid(), signal.SIGTERM)
            await bob.dropped()
            carol_reading.cancel()  # she is cut off: stop listening for her
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
    handler = logging.StreamHandler(sys.stdout)  # systemd's journal adds the time
    handler.setFormatter(logging.Formatter("%(levelname)s %(client)s: %(message)s"))
    handler.addFilter(ClientFilter())
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    for sig in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C; kill, systemd, docker stop
        loop.add_signal_handler(sig, stop.set)
    chat = ChatServer(DEMO_LIMITS if serve is None else Limits())
    loop.add_signal_handler(signal.SIGUSR1, chat.dump)
    server = await asyncio.start_server(
        chat.connected, HOST, serve or 0, limit=chat.limits.line
    )
    port = server.sockets[0].getsockname()[1]
    demo = None
    if serve is None:
        demo = asyncio.create_task(conversation(port), name="demo")
        demo.add_done_callback(lambda _: stop.set())  # the demo over: stop
    else:
        log.info("serving on %s port %d: try nc %s %d", HOST, port, HOST, port)
    await stop.wait()
    start = time.perf_counter()
    log.info("stopping")
    server.close()  # accept no new clients
    await chat.stop()
    await server.wait_closed()  # 3.12+ waits for every connection: all closed now
    if demo is not None:
        await demo  # raises what the demo raised, if anything
    log.info("stopped in %.2f s", time.perf_counter() - start)


if __name__ == "__main__":
    asyncio.run(main())
