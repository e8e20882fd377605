"""Calling a coroutine function runs none of its body: it returns a coroutine object.

The body runs only when the coroutine is awaited.
"""

import asyncio
import inspect


async def greet() -> str:
    print("The body of greet() runs")
    return "hello"


async def main() -> None:
    coro = greet()
    print(f"greet() returned a {type(coro).__name__} object")
    print(f"inspect.iscoroutine(coro) is {inspect.iscoroutine(coro)}")
    print("Nothing has run yet; now awaiting it")
    result = await coro
    print(f"await returned {result!r}")

    unused = greet()
    unused.close()  # never awaited: close it, or Python warns when it is discarded
    print("A second coroutine object was created and closed without running")


if __name__ == "__main__":
    asyncio.run(main())
