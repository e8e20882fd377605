"""Python 3.12+: an eager task runs up to its first suspension inside create_task()."""

import asyncio
import time


async def job(name: str, start: float) -> None:
    print(f"  {name} job starts at {time.perf_counter() - start:.2f} s")
    await asyncio.sleep(1)  # the first suspension
    print(f"  {name} job ends at {time.perf_counter() - start:.2f} s")


async def demo(name: str, start: float) -> None:
    print(f"{name}: calling create_task()")
    task = asyncio.create_task(job(name, start))
    print(f"{name}: create_task() returned")
    await task


async def main() -> None:
    start = time.perf_counter()
    await demo("default", start)
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    await demo("eager", start)
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
