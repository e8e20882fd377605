"""Six 0.5 s blocking calls through a 2-thread executor run in three waves.

The calls queue for a free thread: the last ones start after 1 s.
"""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def blocking_call(start: float) -> tuple[float, float]:
    began = time.perf_counter() - start
    time.sleep(0.5)  # stands for a blocking library call
    return began, time.perf_counter() - start


async def run_six(workers: int) -> None:
    print(f"6 calls, {workers} worker threads:")
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        calls = [loop.run_in_executor(pool, blocking_call, start) for _ in range(6)]
        results = await asyncio.gather(*calls)
    for number, (began, ended) in enumerate(results, 1):
        print(f"  call {number} started at {began:.2f} s, ended at {ended:.2f} s")


async def main() -> None:
    await run_six(workers=2)  # the mistake: more blocking calls than threads
    await run_six(workers=6)  # the fix here: enough threads for the calls


if __name__ == "__main__":
    asyncio.run(main())
