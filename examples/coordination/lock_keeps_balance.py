"""A lock around read-await-write keeps every deposit: 10 deposits, balance 100."""

import asyncio

balance = 0
lock = asyncio.Lock()


async def deposit(amount: int) -> None:
    global balance
    async with lock:
        current = balance
        await asyncio.sleep(0.1)  # stands in for a round trip to the bank
        balance = current + amount


async def main() -> None:
    async with asyncio.TaskGroup() as tg:
        for _ in range(10):
            tg.create_task(deposit(10))
    print(f"balance: {balance}")


if __name__ == "__main__":
    asyncio.run(main())
