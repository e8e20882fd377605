"""Health checks whose error nobody sees: report every outcome, the error too."""

import asyncio


async def check(host: str) -> str:
    await asyncio.sleep(0.5)  # stands in for a health check
    if host == "db":
        raise ConnectionError(f"{host} is down")
    return f"{host} is up"


async def main() -> None:
    tasks = [asyncio.create_task(check(host)) for host in ("web", "db", "cache")]
    await asyncio.sleep(1)  # long enough for every check
    for task in tasks:
        if not task.exception():
            print(task.result())


if __name__ == "__main__":
    asyncio.run(main())
