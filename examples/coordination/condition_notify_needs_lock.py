"""Calling notify() on an asyncio.Condition without holding its lock raises."""

import asyncio


async def main() -> None:
    changed = asyncio.Condition()
    try:
        changed.notify_all()  # a mistake: the lock is not held
    except RuntimeError as exc:
        print(f"RuntimeError: {exc}")

    async with changed:  # the fix: change the state and notify under the lock
        changed.notify_all()
    print("notify_all() inside 'async with changed:' works")


if __name__ == "__main__":
    asyncio.run(main())
