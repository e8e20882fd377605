"""Chat server, step 7: step 6's server tested as you would test your own."""

import asyncio
import contextlib
import dataclasses
import functools
import io
import re
import signal
import socket
import struct
import sys
import unittest
from collections.abc import Awaitable, Callable
from pathlib import Path

from chat_shutdown import HOST, ChatServer, Limits, close

# ruff: noqa: PT009  (these are unittest tests, not pytest ones)

LIMITS = Limits(write=0.5, queue=5, drain=0.3)  # quick to act, for quick tests
QUICK_IDLE = dataclasses.replace(LIMITS, ping=0.3, idle=0.5)  # for the idle tests
BOUND = 5.0  # seconds a test may take before it fails instead of hanging


def bounded(test: Callable[["ChatTests"], Awaitable[None]]) -> Callable[..., object]:
    """Fail a test that runs longer than BOUND, instead of hanging the suite."""

    @functools.wraps(test)
    async def run(self: "ChatTests") -> None:
        async with asyncio.timeout(BOUND):
            await test(self)

    return run


class Client:
    """A test client: one line in, one line out."""

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.reader, self.writer = reader, writer

    async def send(self, data: str | bytes) -> None:
        self.writer.write(data.encode() + b"\n" if isinstance(data, str) else data)
        await self.writer.drain()

    async def line(self) -> str:
        """The next line without its newline; "" when the server hung up."""
        return (await self.reader.readline()).decode().rstrip("\n")

    async def sign_in(self, name: str) -> None:
        await self.line()  # the server asks for a name
        await self.send(name)
        assert (await self.line()).startswith(f"* welcome, {name}")

    def reset(self) -> None:
        """Vanish with a TCP reset, as a crashed client or a dead network would."""
        sock = self.writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.writer.transport.abort()


class ChatTests(unittest.IsolatedAsyncioTestCase):
    """Each test gets a fresh server on a free port, in its own event loop."""

    async def asyncSetUp(self) -> None:
        self.chat = ChatServer(LIMITS)
        self.server = await asyncio.start_server(
            self.chat.connected, HOST, 0, limit=LIMITS.line
        )
        self.port = self.server.sockets[0].getsockname()[1]
        self.clients: list[Client] = []

    async def asyncTearDown(self) -> None:
        self.server.close()
        await self.chat.stop()
        await self.server.wait_closed()
        for client in self.clients:
            await close(client.writer)

    async def connect(self, name: str | None = None) -> Client:
        client = Client(*await asyncio.open_connection(HOST, self.port))
        self.clients.append(client)
        if name is not None:
            await client.sign_in(name)
        return client

    async def room(self, *names: str) -> list[Client]:
        """Clients signed in under these names, each told of those after it."""
        clients = [await self.connect(name) for name in names]
        for n, client in enumerate(clients):
            for later in names[n + 1 :]:
                self.assertEqual(await client.line(), f"* {later} joined")
        return clients

    async def pass_on(self, sender: Client, reader: Client, count: int) -> list[str]:
        """Send `count` lines of 8 KB, each read as it comes; return the notices."""
        notices = []
        for number in range(count):
            await sender.send(f"{number:03} " + "x" * 7995)
            while (line := await reader.line()).startswith("*"):
                notices.append(line)
            self.assertTrue(line.startswith(f"[alice] {number:03} "))
        return notices

    @bounded
    async def test_a_line_reaches_everyone_else(self) -> None:
        alice, bob, carol = await self.room("alice", "bob", "carol")
        await alice.send("hello")
        self.assertEqual(await bob.line(), "[alice] hello")
        self.assertEqual(await carol.line(), "[alice] hello")

    @bounded
    async def test_names_are_unique_whatever_the_case(self) -> None:
        await self.room("alice")
        bob = await self.connect()
        await bob.line()
        await bob.send("ALICE")
        self.assertEqual(await bob.line(), "error: ALICE is taken; try another")

    @bounded
    async def test_bad_lines_get_an_error_and_the_others_hear_nothing(self) -> None:
        alice, bob = await self.room("alice", "bob")
        await alice.send(b"\xff\xfe\n")
        self.assertEqual(await alice.line(), "error: not UTF-8 text; line ignored")
        await alice.send("\x1b[2J")
        self.assertIn("control characters", await alice.line())
        await alice.send("fine")
        self.assertEqual(await bob.line(), "[alice] fine")

    @bounded
    async def test_a_line_over_the_limit_ends_with_a_reply(self) -> None:
        alice, bob = await self.room("alice", "bob")
        await alice.send(b"x" * 1_000_000 + b"\n")
        self.assertEqual(
            await alice.line(), "error: lines are limited to 8192 bytes; goodbye"
        )
        self.assertEqual(await alice.line(), "")  # and the server hung up
        self.assertEqual(await bob.line(), "* alice left")

    @bounded
    async def test_a_half_line_then_silence_is_pinged_then_dropped(self) -> None:
        self.chat.limits = QUICK_IDLE
        client = await self.connect()
        await client.line()
        await client.send(b"ali")  # no end of line: the server waits for the rest
        self.assertTrue((await client.line()).startswith("* ping"))
        self.assertEqual(await client.line(), "* disconnected: silent for 0.50 s")

    @bounded
    async def test_answering_pings_keeps_a_listener(self) -> None:
        self.chat.limits = QUICK_IDLE
        (bob,) = await self.room("bob")
        for _ in range(3):  # 0.9 s in all, longer than the 0.5 s idle limit
            self.assertTrue((await bob.line()).startswith("* ping"))
            await bob.send("/pong")
        await bob.send("/who")
        self.assertEqual(await bob.line(), "* here: bob")

    @bounded
    async def test_a_client_that_never_reads_is_dropped_not_waited_for(self) -> None:
        alice, bob, _ = await self.room("alice", "bob", "mallory")  # she never reads
        notices = await self.pass_on(alice, bob, 150)  # 1.2 MB, more than she holds
        self.assertEqual(notices, ["* mallory left"])

    @bounded
    async def test_a_reset_is_announced_once(self) -> None:
        alice, bob, mallory = await self.room("alice", "bob", "mallory")
        await mallory.send(b"hal")
        mallory.reset()
        self.assertEqual(await bob.line(), "* mallory left")
        await alice.send("/who")
        self.assertEqual(await alice.line(), "* mallory left")
        self.assertEqual(await alice.line(), "* here: alice, bob")

    @bounded
    async def test_shutdown_tells_everyone_and_is_bounded(self) -> None:
        alice, bob, _ = await self.room("alice", "bob", "mallory")  # she never reads
        await self.pass_on(alice, bob, 40)
        start = asyncio.get_running_loop().time()
        await self.chat.stop()
        self.assertLess(asyncio.get_running_loop().time() - start, 1.0)
        self.assertEqual(await bob.line(), "* server shutting down")
        self.assertEqual(await bob.line(), "")

    @bounded
    async def test_serve_mode_exits_0_on_sigterm(self) -> None:
        server = await asyncio.create_subprocess_exec(
            sys.executable,
            Path(__file__).with_name("chat_shutdown.py"),
            "--serve",
            stdout=asyncio.subprocess.PIPE,
        )
        try:
            assert server.stdout is not None
            found = re.search(r"port (\d+)", (await server.stdout.readline()).decode())
            assert found is not None, "no port in the server's first line"
            client = Client(*await asyncio.open_connection(HOST, int(found[1])))
            self.clients.append(client)
            await client.sign_in("alice")
            server.send_signal(signal.SIGTERM)
            self.assertEqual(await client.line(), "* server shutting down")
            self.assertEqual(await server.wait(), 0)
        finally:
            if server.returncode is None:
                server.kill()
                await server.wait()


def main() -> None:
    report = io.StringIO()  # capture unittest's report
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ChatTests)
    # Ctrl-C ends the run after the current test and its cleanups, as `python -m
    # unittest -c` does (a second Ctrl-C stops at once), instead of leaving its
    # server and connections open.
    unittest.installHandler()
    with contextlib.redirect_stdout(io.StringIO()):  # and the server's log
        unittest.TextTestRunner(stream=report, verbosity=2).run(suite)
    # Print it without "in 2.345s": the time the tests took varies from run to run.
    print(re.sub(r" in \d+\.\d+s", "", report.getvalue()), end="")


if __name__ == "__main__":
    main()
