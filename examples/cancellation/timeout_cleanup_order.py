"""What runs, and in what order, when asyncio.timeout() cancels a call."""

import asyncio


async def slow() -> None:
    print("slow: started")
    try:
        await asyncio.sleep(2)
        print("slow: finished")
    finally:
        print("slow: cleanup")


async def main() -> None:
    try:
        async with asyncio.timeout(1):
            await slow()
        print("main: in time")
    except TimeoutError:
        print("main: timed out")
    print("main: done")


if __name__ == "__main__":
    asyncio.run(main())
