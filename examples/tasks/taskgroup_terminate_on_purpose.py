"""End a TaskGroup on purpose: a task raises a private exception, caught by except*."""

import asyncio
import time


class TerminateTaskGroup(Exception):
    """Raised to end the group; caught right outside it."""


async def force_terminate_task_group() -> None:
    raise TerminateTaskGroup


async def job(name: str, seconds: float, start: float) -> None:
    try:
        await asyncio.sleep(seconds)
        print(f"{name} finished at {time.perf_counter() - start:.2f} s")
    except asyncio.CancelledError:
        print(f"{name} cancelled at {time.perf_counter() - start:.2f} s")
        raise


async def main() -> None:
    start = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("short job", 1, start))
            tg.create_task(job("long job", 5, start))
            await asyncio.sleep(2)  # stands for: until a stop is requested
            tg.create_task(force_terminate_task_group())
    except* TerminateTaskGroup:
        pass  # the group ended as intended; other errors still propagate
    print(f"group ended at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
