"""Every check's outcome, errors included, read with return_exceptions=True."""

import asyncio


async def check(host: str) -> str:
    await asyncio.sleep(0.5)  # stands in for a health check
    if host == "db":
        raise ConnectionError(f"{host} is down")
    return f"{host} is up"


async def main() -> None:
    tasks = [asyncio.create_task(check(host)) for host in ("web", "db", "cache")]
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    for outcome in outcomes:
        print(f"error: {outcome}" if isinstance(outcome, Exception) else outcome)


if __name__ == "__main__":
    asyncio.run(main())
