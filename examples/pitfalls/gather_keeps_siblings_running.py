"""When one awaitable fails, gather() raises at once but the others keep running.

A TaskGroup cancels the siblings instead.
"""

import asyncio
import time


async def fail_soon() -> None:
    await asyncio.sleep(0.5)
    raise ValueError("payment failed")


async def send_receipt(start: float) -> None:
    try:
        await asyncio.sleep(2)
        print(f"  receipt sent anyway at {time.perf_counter() - start:.2f} s")
    except asyncio.CancelledError:
        print(f"  receipt cancelled at {time.perf_counter() - start:.2f} s")
        raise


async def main() -> None:
    print("With gather():")
    start = time.perf_counter()
    receipt = asyncio.create_task(send_receipt(start))
    try:
        await asyncio.gather(fail_soon(), receipt)
    except ValueError as error:
        print(f"  gather() raised {error!r} at {time.perf_counter() - start:.2f} s")
    await receipt  # the mistake shows: the sibling is still running

    print("With a TaskGroup:")
    start = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_soon())
            tg.create_task(send_receipt(start))
    except* ValueError as group:
        inner = group.exceptions[0]
        print(f"  TaskGroup raised {inner!r} at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
