"""wait(FIRST_EXCEPTION) returns at the first error, but raises nothing itself."""

import asyncio
import time


async def step(name: str, seconds: float, fails: bool = False) -> str:
    await asyncio.sleep(seconds)
    if fails:
        raise RuntimeError(f"{name} failed")
    return f"{name} ok"


async def main() -> None:
    start = time.perf_counter()
    tasks = [
        asyncio.create_task(step("build", 1), name="build"),
        asyncio.create_task(step("test", 2, fails=True), name="test"),
        asyncio.create_task(step("deploy", 3), name="deploy"),
    ]
    pending: set[asyncio.Task[str]] = set(tasks)
    try:
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        print(f"wait returned at {time.perf_counter() - start:.2f} s")
        for task in sorted(done, key=asyncio.Task.get_name):
            if task.cancelled():  # exception() would raise CancelledError
                print(f"  {task.get_name()}: cancelled")
            elif (error := task.exception()) is not None:  # stored in the task
                print(f"  {task.get_name()}: {error!r}")
            else:
                print(f"  {task.result()}")
    finally:  # cancel what is left, even if main() itself is cancelled
        for task in pending:
            task.cancel()
        # Wait until the cancelled tasks have finished cleaning up.
        await asyncio.gather(*pending, return_exceptions=True)
    print(f"cancelled: {[task.get_name() for task in pending]}")
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
