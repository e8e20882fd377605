"""asyncio.to_thread() shares the default executor: calls beyond its workers wait."""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def lookup(start: float) -> tuple[float, float]:
    """A blocking call that takes 0.5 s; returns when it started and ended."""
    began = time.perf_counter() - start
    time.sleep(0.5)
    return began, time.perf_counter() - start


async def main() -> None:
    # The default executor has min(32, os.cpu_count() + 4) threads, so its limit
    # depends on the machine. Two threads make the limit easy to see anywhere.
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=2))
    start = time.perf_counter()
    calls = [asyncio.to_thread(lookup, start) for _ in range(4)]
    for number, (began, ended) in enumerate(await asyncio.gather(*calls), start=1):
        print(f"call {number}: started at {began:.2f} s, done at {ended:.2f} s")
    print(f"4 calls on 2 worker threads took {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
