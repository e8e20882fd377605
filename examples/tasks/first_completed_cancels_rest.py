"""The first mirror to answer wins; asyncio.wait() returns, the others are cancelled."""

import asyncio
import time

MIRRORS = {"eu": 1.5, "us": 0.5, "asia": 1.0}


async def download(mirror: str) -> str:
    await asyncio.sleep(MIRRORS[mirror])  # stands in for the download
    return f"file from {mirror}"


async def first_done(mirrors: list[str]) -> str:
    tasks = [asyncio.create_task(download(mirror)) for mirror in mirrors]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return done.pop().result()


async def main() -> None:
    start = time.perf_counter()
    print(await first_done(["eu", "us", "asia"]))
    print(f"In {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
