"""asyncio.timeout_at() gives three calls one shared deadline, 2.5 s from the start."""

import asyncio
import time


async def fetch(name: str, deadline: float, start: float) -> None:
    try:
        async with asyncio.timeout_at(deadline):
            await asyncio.sleep(1)  # each call takes 1 s
        print(f"{name}: done at {time.perf_counter() - start:.2f} s")
    except TimeoutError:
        print(f"{name}: deadline reached at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 2.5  # timeout_at() takes a time on the loop's clock
    for name in ["config", "users", "orders"]:
        await fetch(name, deadline, start)


if __name__ == "__main__":
    asyncio.run(main())
