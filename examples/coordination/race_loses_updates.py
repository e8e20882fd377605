"""Ten deposits that read, await, then write a shared balance lose nine updates."""

import asyncio
import time


class Account:
    def __init__(self) -> None:
        self.balance = 0


async def deposit(account: Account, amount: int) -> None:
    balance = account.balance  # read
    await asyncio.sleep(0.1)  # e.g. a database round trip: other tasks run here
    account.balance = balance + amount  # write: overwrites their deposits


async def main() -> None:
    account = Account()
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        for _ in range(10):
            tg.create_task(deposit(account, 10))
    print(f"Expected balance 100, got {account.balance}")
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
