"""Step 9 of the chat chapter: the finished server measured, beside a thread per client.

Not a test: machines differ and this one is shared, so it reports figures instead of
asserting them. It starts each server as a process of its own and measures, from
clients in this process:

- how many clients each holds at once, up to the file-descriptor limit, and its
  memory (resident set) as they connect: the memory per connection;
- the delivery time of chat lines (median and 99th percentile, from the moment a
  client sends a line to the moment each other client has read it) in a room of
  100 clients, at stated message rates, and the server's CPU use meanwhile.

The asyncio server is ``examples/chat/chat_shutdown.py --serve``, as a reader runs
it. The other is the same protocol written the classic way, with one thread per
client (below, ``--threaded-server``). Results go to ``docs/chat/bench-*.csv`` and
``docs/chat/bench.svg``, which the chapter's last page shows.

Usage: ``.venv/bin/python tests/bench_chat.py [--quick]`` (``--quick``: small
numbers, to try the script).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import datetime
import os
import platform
import resource
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "examples" / "chat" / "chat_shutdown.py"
OUT = ROOT / "docs" / "chat"
HOST = "127.0.0.1"
ROOM = 100  # clients in the room for the delivery times
RATES = (20, 200)  # chat lines per second, sent by the room as a whole
# (At 1000 lines/s, 99,000 deliveries a second, the clients of this script, one
# Python process on the same cores, could not keep up: the server dropped them.)
SECONDS = 5.0  # each rate is measured this long


# --- the same server, one thread per client -------------------------------------


class ThreadedChat:
    """Step 6's protocol, the classic way: a thread per client, blocking sockets.

    Names first, then each line goes to everyone else as ``[name] text``; joins
    and leaves are announced. A send to a slow client blocks the sender's thread
    (up to the socket's timeout), which is the price of this design.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.clients: dict[str, tuple[socket.socket, threading.Lock]] = {}

    def send(self, conn: socket.socket, lock: threading.Lock, text: str) -> None:
        with lock, contextlib.suppress(OSError):
            conn.sendall(text.encode() + b"\n")

    def broadcast(self, text: str, sender: str | None) -> None:
        with self.lock:
            targets = [c for name, c in self.clients.items() if name != sender]
        for conn, lock in targets:
            self.send(conn, lock, text)

    def handle(self, conn: socket.socket) -> None:
        conn.settimeout(300)  # as the asyncio server's idle limit
        lock, name = threading.Lock(), None
        self.send(conn, lock, "* pick a name: 1 to 16 letters, digits, - or _")
        try:
            with conn.makefile("rb") as lines:
                for raw in lines:
                    text = raw.decode(errors="replace").rstrip("\r\n")
                    if name is not None:
                        self.broadcast(f"[{name}] {text}", name)
                        continue
                    with self.lock:
                        taken = text.casefold() in self.clients
                        if not taken:
                            self.clients[text.casefold()] = (conn, lock)
                    if taken:
                        self.send(conn, lock, f"error: {text} is taken; try another")
                        continue
                    name = text.casefold()
                    self.send(conn, lock, f"* welcome, {text}")
                    self.broadcast(f"* {text} joined", name)
        except OSError:
            pass
        finally:
            if name is not None:
                with self.lock:
                    del self.clients[name]
                self.broadcast(f"* {name} left", name)
            conn.close()

    def serve(self) -> None:
        listener = socket.create_server((HOST, 0), backlog=4096)
        print(f"serving on {HOST} port {listener.getsockname()[1]}", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()


# --- measuring ------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    """A server process, started with --serve on a free port."""

    def __init__(self, label: str, command: list[str]) -> None:
        self.label = label
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline()
        self.port = int(first.split("port ")[1].split(":")[0])

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


async def connect(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection(HOST, port)
    await reader.readline()  # the server's question: it has this connection
    return reader, writer


async def hold(server: Server, steps: list[int]) -> list[tuple[int, float]]:
    """Connect clients up to each count in `steps`; the server's memory at each.

    The server is stopped before the clients go: thousands of threads waking at
    once to end their connections would fight for the GIL for minutes (the first
    run of this script saw the load average pass 800, and the server's own SIGTERM
    handler, which runs in its main thread, wait its turn).
    """
    held: list[asyncio.StreamWriter] = []
    points = [(0, rss_mb(server.process.pid))]
    try:
        for target in steps:
            while len(held) < target:
                batch = min(100, target - len(held))  # the listen backlog is 100
                pairs = await asyncio.gather(
                    *(connect(server.port) for _ in range(batch))
                )
                held += [writer for _, writer in pairs]
            await asyncio.sleep(1.0)  # let the server settle
            points.append((target, rss_mb(server.process.pid)))
            print(f"  {server.label}: {target} clients, {points[-1][1]:.1f} MB")
    finally:
        server.stop()
        for writer in held:
            writer.transport.abort()
    return points


async def deliveries(server: Server, rate: int) -> tuple[float, float, int, float]:
    """Median and p99 delivery time (ms), lines delivered, server CPU (%)."""
    latencies: list[int] = []
    measuring = False
    clients = []
    for n in range(ROOM):
        reader, writer = await connect(server.port)
        writer.write(f"c{n}\n".encode())
        await writer.drain()
        await reader.readline()  # welcome
        clients.append((reader, writer))

    async def listen(reader: asyncio.StreamReader) -> None:
        while line := await reader.readline():
            if measuring and line.startswith(b"["):
                sent = int(line.split(b"] ", 1)[1])
                latencies.append(time.perf_counter_ns() - sent)

    readers = [asyncio.create_task(listen(reader)) for reader, _ in clients]
    await asyncio.sleep(1.0)  # the join notices go by
    measuring = True
    cpu0, start = cpu_seconds(server.process.pid), time.perf_counter()
    for n in range(int(rate * SECONDS)):
        await asyncio.sleep(max(0.0, start + n / rate - time.perf_counter()))
        writer = clients[n % ROOM][1]
        writer.write(f"{time.perf_counter_ns()}\n".encode())
    await asyncio.sleep(1.0)  # what is still in flight
    cpu = cpu_seconds(server.process.pid) - cpu0
    elapsed = time.perf_counter() - start
    measuring = False
    for _, writer in clients:
        writer.transport.abort()
    for task in readers:
        task.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    ms = sorted(latency / 1e6 for latency in latencies)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return statistics.median(ms), p99, len(ms), 100 * cpu / elapsed


def machine() -> list[tuple[str, str]]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text().split()[1]
    return [
        ("date", datetime.date.today().isoformat()),
        ("processor", f"{cpu}, {os.cpu_count()} cores"),
        ("memory", f"{int(mem) / 1024 / 1024:.0f} GB"),
        ("system", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("file descriptors", str(resource.getrlimit(resource.RLIMIT_NOFILE)[0])),
    ]


def svg(memory: dict[str, list[tuple[int, float]]]) -> str:
    """A line chart of the servers' memory against the clients connected."""
    width, height, left, bottom, top, right = 640, 360, 64, 48, 40, 150
    top_x = max(n for points in memory.values() for n, _ in points)
    top_y = max(mb for points in memory.values() for _, mb in points) * 1.1

    def x(n: float) -> float:
        return left + (width - left - right) * n / top_x

    def y(mb: float) -> float:
        return height - bottom - (height - bottom - top) * mb / top_y

    colours = {"asyncio": "#1f5fa8", "a thread per client": "#b5470c"}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="t d" font-family="sans-serif" font-size="13">',
        "<title id='t'>Server memory against clients connected</title>",
        "<desc id='d'>Resident memory of each chat server as idle clients connect; "
        "figures in the table beside it.</desc>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{left}" y="24" fill="#222">Resident memory (MB) against '
        "clients connected</text>",
        f'<line x1="{left}" y1="{y(0)}" x2="{x(top_x)}" y2="{y(0)}" stroke="#444"/>',
        f'<line x1="{left}" y1="{y(0)}" x2="{left}" y2="{top}" stroke="#444"/>',
    ]
    for i in range(5):
        mb = top_y * i / 4
        n = top_x * i / 4
        parts.append(
            f'<text x="{left - 8}" y="{y(mb) + 4:.1f}" text-anchor="end" '
            f'fill="#222">{mb:.0f}</text>'
        )
        parts.append(
            f'<text x="{x(n):.1f}" y="{height - bottom + 18}" text-anchor="middle" '
            f'fill="#222">{n:,.0f}</text>'
        )
    for row, (label, points) in enumerate(memory.items()):
        colour = colours.get(label, "#333")
        line = " ".join(f"{x(n):.1f},{y(mb):.1f}" for n, mb in points)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{colour}" '
            'stroke-width="2.5"/>'
        )
        parts += [
            f'<circle cx="{x(n):.1f}" cy="{y(mb):.1f}" r="3.5" fill="{colour}"/>'
            for n, mb in points
        ]
        ly = top + 20 + 22 * row
        parts.append(
            f'<line x1="{width - right + 16}" y1="{ly}" x2="{width - right + 40}" '
            f'y2="{ly}" stroke="{colour}" stroke-width="2.5"/>'
        )
        parts.append(
            f'<text x="{width - right + 46}" y="{ly + 4}" fill="#222">{label}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def write_csv(name: str, header: list[str], rows: list[list[object]]) -> None:
    with (OUT / name).open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


async def bench(quick: bool) -> None:
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # servers inherit it
    most = 1000 if quick else hard - 1000  # room for the servers' other files
    steps = sorted({s for s in (1000, 2500, 5000, 10000, most) if s <= most})
    load_before = os.getloadavg()
    servers = {
        "asyncio": [sys.executable, str(SERVER), "--serve"],
        "a thread per client": [sys.executable, __file__, "--threaded-server"],
    }
    memory: dict[str, list[tuple[int, float]]] = {}
    delivery: list[list[object]] = []
    for label, command in servers.items():
        print(f"{label}:")
        memory[label] = await hold(Server(label, command), steps)
        server = Server(label, command)  # a fresh one for the delivery times
        try:
            for rate in RATES[:1] if quick else RATES:
                median, p99, count, cpu = await deliveries(server, rate)
                print(
                    f"  {rate} lines/s: median {median:.2f} ms, p99 {p99:.2f} ms, "
                    f"{count} deliveries, server CPU {cpu:.0f} %"
                )
                delivery.append(
                    [
                        label,
                        rate,
                        rate * (ROOM - 1),
                        f"{median:.2f}",
                        f"{p99:.2f}",
                        count,
                        f"{cpu:.0f}",
                    ]
                )
        finally:
            server.stop()
    load_after = os.getloadavg()
    rows = [list(pair) for pair in machine()]
    rows.append(
        ["load average", f"{load_before[0]:.1f} before, {load_after[0]:.1f} after"]
    )
    write_csv("bench-machine.csv", ["measured", "on"], rows)
    per = {
        label: (points[-1][1] - points[0][1]) * 1024 / points[-1][0]
        for label, points in memory.items()
    }
    write_csv(
        "bench-memory.csv",
        ["clients connected", *(f"{label} (MB)" for label in memory)],
        [
            [n, *(f"{memory[label][i][1]:.1f}" for label in memory)]
            for i, (n, _) in enumerate(memory["asyncio"])
        ]
        + [["per connection (KB)", *(f"{per[label]:.0f}" for label in memory)]],
    )
    write_csv(
        "bench-delivery.csv",
        [
            "server",
            "lines/s sent",
            "deliveries/s",
            "median (ms)",
            "p99 (ms)",
            "delivered",
            "server CPU (%)",
        ],
        delivery,
    )
    (OUT / "bench.svg").write_text(svg(memory), encoding="utf-8")
    print(f"written: {', '.join(sorted(p.name for p in OUT.glob('bench*')))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small numbers")
    parser.add_argument(
        "--threaded-server", action="store_true", help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.threaded_server:
        ThreadedChat().serve()
    else:
        asyncio.run(bench(args.quick))


if __name__ == "__main__":
    main()
