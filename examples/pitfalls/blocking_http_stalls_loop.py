"""A blocking HTTP call inside a coroutine stalls every other task.

A 0.5 s timer fires only when the 1 s urlopen() returns; with to_thread() it fires
on time.
"""

import asyncio
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class SlowHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(1)  # a slow server: it answers after 1 s
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the server quiet


def get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:
        status: int = response.status
        return status


async def timer(start: float) -> None:
    await asyncio.sleep(0.5)
    print(f"  0.5 s timer fired at {time.perf_counter() - start:.2f} s")


async def fetch_blocking(url: str, start: float) -> None:
    status = get(url)  # the mistake: the loop waits for the server, blocked
    print(f"  {status} response at {time.perf_counter() - start:.2f} s")


async def fetch_in_thread(url: str, start: float) -> None:
    status = await asyncio.to_thread(get, url)  # the fix: a worker thread waits
    print(f"  {status} response at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    with ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler) as server:
        # The server thread checks every 0.05 s whether shutdown() was called.
        serving = threading.Thread(target=server.serve_forever, args=(0.05,))
        serving.start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/"
            for fetch in (fetch_blocking, fetch_in_thread):
                print(f"{fetch.__name__}:")
                start = time.perf_counter()
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(timer(start))
                    tg.create_task(fetch(url, start))
        finally:
            await asyncio.to_thread(server.shutdown)  # blocks until serving stops
            await asyncio.to_thread(serving.join)


if __name__ == "__main__":
    asyncio.run(main())
