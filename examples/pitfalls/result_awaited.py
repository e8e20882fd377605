"""Awaiting the coroutine gives its result; a bare call gives a coroutine object."""

import asyncio


async def fetch_user(user_id: int) -> str:
    await asyncio.sleep(0.5)  # stands in for a database query
    return f"user {user_id}"


async def main() -> None:
    user = await fetch_user(7)
    print(f"Found {user}")


if __name__ == "__main__":
    asyncio.run(main())
