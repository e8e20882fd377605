"""A mistake: `balance += await f()` reads balance before the await; updates are lost.

The fix awaits first, then adds with no await between the read and the write.
"""

import asyncio


class Account:
    def __init__(self) -> None:
        self.balance = 0


async def fetch_amount() -> int:
    await asyncio.sleep(0.1)  # e.g. asking another service how much to deposit
    return 10


async def deposit_with_mistake(account: Account) -> None:
    account.balance += await fetch_amount()  # reads balance, awaits, then writes


async def deposit_fixed(account: Account) -> None:
    amount = await fetch_amount()  # the fix: await first...
    account.balance += amount  # ...then read and write with no await in between


async def main() -> None:
    for deposit in (deposit_with_mistake, deposit_fixed):
        account = Account()
        async with asyncio.TaskGroup() as tg:
            for _ in range(10):
                tg.create_task(deposit(account))
        print(f"{deposit.__name__}: expected 100, got {account.balance}")


if __name__ == "__main__":
    asyncio.run(main())
