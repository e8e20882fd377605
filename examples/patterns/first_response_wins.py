"""Ask three replicas, keep the first answer, cancel the others."""

import asyncio
import time

REPLICAS = {"a": 1.2, "b": 0.4, "c": 0.8}


async def ask(replica: str) -> str:
    await asyncio.sleep(REPLICAS[replica])  # stands in for a request
    return f"answer from {replica}"


async def first_response(replicas: list[str]) -> str:
    tasks = [asyncio.create_task(ask(replica)) for replica in replicas]
    try:
        for next_done in asyncio.as_completed(tasks):
            return await next_done
        raise ValueError("no replicas")
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def main() -> None:
    start = time.perf_counter()
    print(await first_response(["a", "b", "c"]))
    print(f"In {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
