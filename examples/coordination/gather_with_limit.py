"""Six 1 s fetches, at most two at a time: a semaphore makes three waves, 3 s."""

import asyncio
import time


async def fetch(page: int) -> str:
    await asyncio.sleep(1)  # stands in for a request
    return f"page {page}"


async def fetch_all(pages: list[int], limit: int) -> list[str]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(page: int) -> str:
        async with semaphore:  # at most `limit` inside at once
            return await fetch(page)

    return await asyncio.gather(*(fetch_one(page) for page in pages))


async def main() -> None:
    start = time.perf_counter()
    results = await fetch_all([1, 2, 3, 4, 5, 6], limit=2)
    print(results)
    print(f"Fetched {len(results)} pages in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
