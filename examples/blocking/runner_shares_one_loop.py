"""Calling async code from sync code several times: asyncio.Runner keeps one loop."""

import asyncio
import re


class Client:
    """Holds an asyncio.Lock, which attaches to the loop that first waits on it."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()

    async def get(self, path: str) -> str:
        async with self.lock:  # one request at a time
            await asyncio.sleep(0.1)
            return f"{path} ok"


async def fetch_both(client: Client) -> list[str]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(client.get(path)) for path in ("/a", "/b")]
    return [task.result() for task in tasks]


def main() -> None:
    client = Client()
    with asyncio.Runner() as runner:  # one event loop, reused by each run()
        print(f"Runner, call 1: {runner.run(fetch_both(client))}")
        print(f"Runner, call 2: {runner.run(fetch_both(client))}")

    client = Client()
    print(f"asyncio.run, call 1: {asyncio.run(fetch_both(client))}")
    try:
        asyncio.run(fetch_both(client))  # a second loop: the lock belongs to the first
    except* RuntimeError as group:
        message = re.sub(r" at 0x\w+", "", str(group.exceptions[0]))  # drop the address
        print(f"asyncio.run, call 2: RuntimeError: {message}")


if __name__ == "__main__":
    main()
