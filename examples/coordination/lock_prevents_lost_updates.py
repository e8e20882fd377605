"""An asyncio.Lock around read-await-write makes the ten deposits add up."""

import asyncio
import time


class Account:
    def __init__(self) -> None:
        self.balance = 0
        self.lock = asyncio.Lock()


async def deposit(account: Account, amount: int) -> None:
    async with account.lock:  # one task at a time from here...
        balance = account.balance
        await asyncio.sleep(0.1)  # other tasks run, but wait at the lock
        account.balance = balance + amount  # ...to here


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
