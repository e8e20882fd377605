"""A mistake from older code: asyncio.get_event_loop() after asyncio.run() fails.

asyncio.run() sets a loop for the thread and clears it on its way out, so the old
call finds none. asyncio.Runner runs several coroutines on one loop.
"""

import asyncio


async def greet(name: str) -> str:
    await asyncio.sleep(0.1)
    return f"hello from the {name}"


def main() -> None:
    print(asyncio.run(greet("first run")))
    try:
        loop = asyncio.get_event_loop()  # the old way: a mistake after asyncio.run()
        print(loop.run_until_complete(greet("second run")))
    except RuntimeError as error:
        print(f"RuntimeError: {error}")
    with asyncio.Runner() as runner:  # the current way to run coroutines one by one
        print(runner.run(greet("second run")))
        print(runner.run(greet("third run")))


if __name__ == "__main__":
    main()
