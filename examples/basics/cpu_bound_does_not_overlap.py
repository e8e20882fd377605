"""CPU work in coroutines does not overlap, waiting does: one thread takes turns."""

import asyncio
import time


def spin(turns: int) -> None:
    for _ in range(turns):
        pass


def turns_in(cpu_seconds: float) -> int:
    """How many turns of spin() this machine does in cpu_seconds of CPU time."""
    turns = 10_000
    while True:
        cpu_start = time.process_time()
        spin(turns)
        used = time.process_time() - cpu_start
        if used >= 0.1:  # long enough to measure well
            return int(turns * cpu_seconds / used)
        turns *= 2


async def crunch(turns: int) -> None:
    spin(turns)  # a fixed amount of work, with no await inside


async def wait() -> None:
    await asyncio.sleep(0.5)


async def main() -> None:
    turns = turns_in(0.5)  # the work for each coroutine: 0.5 s of CPU time
    wall, cpu = time.perf_counter(), time.process_time()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(crunch(turns))
        tg.create_task(crunch(turns))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"Two CPU-bound coroutines: {wall:.2f} s of wall time, {cpu:.2f} s of CPU")
    wall, cpu = time.perf_counter(), time.process_time()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(wait())
        tg.create_task(wait())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"Two waiting coroutines: {wall:.2f} s of wall time, {cpu:.2f} s of CPU")


if __name__ == "__main__":
    asyncio.run(main())
