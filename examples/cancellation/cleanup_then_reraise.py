"""A worker that cleans up and re-raises CancelledError really stops."""

import asyncio


async def worker() -> None:
    try:
        while True:
            await asyncio.sleep(1)
            print("tick")
    except asyncio.CancelledError:
        print("cleaning up")
        raise


async def main() -> None:
    task = asyncio.create_task(worker())
    await asyncio.sleep(2.5)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    print(f"cancelled: {task.cancelled()}")


if __name__ == "__main__":
    asyncio.run(main())
