"""A mistake: a cancel swallowed without uncancel() still counts; a timeout misfires.

With uncancel(), the same timeout raises TimeoutError as it should.
"""

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable


async def skip_step_with_mistake() -> None:
    with contextlib.suppress(asyncio.CancelledError):  # a mistake: no uncancel()
        await asyncio.sleep(1)  # a step that main() calls off


async def skip_step_fixed() -> None:
    try:
        await asyncio.sleep(1)  # a step that main() calls off
    except asyncio.CancelledError as exc:
        task = asyncio.current_task()
        if task is None or exc.args != ("skip step",):
            raise  # not main()'s request (the timeout's, say): let it through
        if task.uncancel() > 0:  # the fix: withdraw the request this code swallows
            raise  # another request (a deadline, a shutdown) is still pending


async def job(skip_step: Callable[[], Awaitable[None]], start: float) -> None:
    task = asyncio.current_task()
    assert task is not None
    try:
        async with asyncio.timeout(1.5):
            await skip_step()
            print(f"  Step called off, cancelling() = {task.cancelling()}")
            await asyncio.sleep(5)  # the next step overruns the timeout
    except TimeoutError:
        print(f"  TimeoutError at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    for skip_step in (skip_step_with_mistake, skip_step_fixed):
        print(f"{skip_step.__name__}:")
        start = time.perf_counter()
        task = asyncio.create_task(job(skip_step, start))
        await asyncio.sleep(0.5)
        task.cancel("skip step")  # call off the step in progress
        try:
            await task
            print(f"  Job finished at {time.perf_counter() - start:.2f} s")
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise  # main() itself is being cancelled: let that through
            elapsed = time.perf_counter() - start
            print(f"  Job cancelled at {elapsed:.2f} s: no TimeoutError")


if __name__ == "__main__":
    asyncio.run(main())
