"""Python 3.14+: format_call_graph() shows the running task, its stack, its awaiters."""

import asyncio
import re


def without_ids(graph: str) -> str:
    """Task ids change from run to run, and directories from machine to machine."""
    graph = re.sub(r"id=0x[0-9a-f]+", "id=...", graph)
    return re.sub(r"File '[^']*[\\/]", "File '", graph)


async def parse(page: str) -> int:
    # The text print_call_graph() prints: the current task, as it is now.
    print(without_ids(asyncio.format_call_graph()))
    return len(page)


async def fetch(url: str) -> int:
    await asyncio.sleep(0.5)  # the download
    return await parse(f"<html>{url}</html>")


async def main() -> None:
    task = asyncio.create_task(fetch("example.com"), name="fetch example.com")
    print(f"parsed {await task} characters")


if __name__ == "__main__":
    asyncio.run(main())
