"""A mistake, not a pattern to copy: a swallowed cancel without uncancel() still counts.

The stale request makes a later timeout misfire. The second version shows what
uncancel() repairs; better still, give the step a task of its own and cancel that.
"""

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable


async def skip_step_with_mistake() -> None:
    with contextlib.suppress(asyncio.CancelledError):  # a mistake: no uncancel()
        await asyncio.sleep(1)  # a step that main() calls off


async def skip_step_with_uncancel() -> None:
    try:
        await asyncio.sleep(1)  # a step that main() calls off
    except asyncio.CancelledError as exc:
        task = asyncio.current_task()
        if task is None or exc.args != ("skip step",):
            raise  # not main()'s request (the timeout's, say): let it through
        if task.uncancel() > 0:  # withdraw the request this code swallows
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
    versions = {
        "Mistake, do not copy: suppress() without uncancel()": skip_step_with_mistake,
        "Repaired with uncancel() (simpler: a task per step)": skip_step_with_uncancel,
    }
    for heading, skip_step in versions.items():
        print(f"{heading}:")
        start = time.perf_counter()
        task = asyncio.create_task(job(skip_step, start))
        await asyncio.sleep(0.5)
        task.cancel("skip step")  # call off the step in progress
        await asyncio.gather(task, return_exceptions=True)  # wait for the job to end
        elapsed = time.perf_counter() - start
        if task.cancelled():
            print(f"  Job cancelled at {elapsed:.2f} s: the deadline was lost")
        else:
            print(f"  Job finished at {elapsed:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
