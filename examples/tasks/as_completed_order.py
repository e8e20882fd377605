"""as_completed() hands out results as they finish; gather() in argument order."""

import asyncio


async def job(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return name


async def main() -> None:
    jobs = [job("slow", 1.5), job("fast", 0.5), job("medium", 1.0)]
    for next_done in asyncio.as_completed(jobs):
        print(f"as_completed: {await next_done}")
    names = await asyncio.gather(job("slow", 1.5), job("fast", 0.5))
    print(f"gather: {names}")


if __name__ == "__main__":
    asyncio.run(main())
