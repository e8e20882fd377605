"""An error raised in the body of async with TaskGroup() cancels its tasks too.

The group raises it wrapped in an ExceptionGroup, as it does a task's error.
"""

import asyncio
import time


async def job(name: str, start: float) -> None:
    try:
        await asyncio.sleep(3)
        print(f"{name} finished at {time.perf_counter() - start:.2f} s")
    except asyncio.CancelledError:
        print(f"{name} cancelled at {time.perf_counter() - start:.2f} s")
        raise


async def main() -> None:
    start = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("download", start))
            await asyncio.sleep(1)  # the body's own work, which then fails
            raise ValueError("the body gave up")
    except* ValueError as group:
        print(f"except* caught {type(group).__name__}: {group}")
        for error in group.exceptions:
            print(f"  inside: {type(error).__name__}: {error}")
    print(f"group ended at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
