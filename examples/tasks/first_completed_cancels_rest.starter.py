"""Three mirrors, one file: write first_done() with asyncio.wait()."""

import asyncio
import time

MIRRORS = {"eu": 1.5, "us": 0.5, "asia": 1.0}


async def download(mirror: str) -> str:
    await asyncio.sleep(MIRRORS[mirror])  # stands in for the download
    return f"file from {mirror}"


async def first_done(mirrors: list[str]) -> str:
    # Download from every mirror at once; return the first file that arrives,
    # and cancel (and wait for) the downloads still running.
    return await download(mirrors[0])


async def main() -> None:
    start = time.perf_counter()
    print(await first_done(["eu", "us", "asia"]))
    print(f"In {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
