"""asyncio.Runner(loop_factory=...) (3.11+) runs main() on a loop you configure."""

import asyncio
from typing import Any


def report(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """The loop calls this for errors that no caller can catch, instead of logging."""
    error = context.get("exception", context["message"])  # not every report has one
    print(f"exception handler: {error!r}")


def new_loop() -> asyncio.AbstractEventLoop:
    loop = asyncio.new_event_loop()  # or a loop of another class
    loop.set_exception_handler(report)
    return loop


def broken_callback() -> None:
    raise ValueError("bad reading")


async def main() -> None:
    asyncio.get_running_loop().call_soon(broken_callback)
    await asyncio.sleep(0.1)
    print("main() carried on")


if __name__ == "__main__":
    with asyncio.Runner(loop_factory=new_loop) as runner:
        runner.run(main())
