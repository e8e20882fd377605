"""Ten deposits of 10, yet the balance is not 100: fix deposit()."""

import asyncio

balance = 0
lock = asyncio.Lock()


async def deposit(amount: int) -> None:
    global balance
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
