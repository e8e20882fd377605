"""One sqlite3 connection, kept in one dedicated thread, shared by many tasks."""

import asyncio
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class Database:
    """A sqlite3 connection, used only in the one thread that opened it."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")

    def _call(self, work: Callable[[sqlite3.Connection], T]) -> T:
        if self._connection is None:  # opened in the db thread, on first use
            self._connection = sqlite3.connect(self._path)
        return work(self._connection)

    async def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, self._call, work)

    async def close(self) -> None:
        if self._connection is not None:
            self._connection.interrupt()  # from any thread: a running query fails
        await self.run(lambda connection: connection.close())
        await asyncio.to_thread(self._thread.shutdown)  # waits for the db thread


def add_order(connection: sqlite3.Connection, item: str) -> int:
    with connection:  # one transaction: committed, or rolled back on an error
        connection.execute("CREATE TABLE IF NOT EXISTS orders (item TEXT)")
        connection.execute("INSERT INTO orders VALUES (?)", (item,))
    time.sleep(0.2)  # stands in for a slow disk
    (count,) = connection.execute("SELECT count(*) FROM orders").fetchone()
    return int(count)


async def meanwhile(start: float) -> None:
    await asyncio.sleep(0.1)
    print(f"another task ran at {time.perf_counter() - start:.2f} s")


async def save(db: Database, item: str, start: float) -> None:
    count = await db.run(lambda connection: add_order(connection, item))
    print(f"{item}: order {count} saved at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    db = Database(":memory:")  # a database in memory, for the example
    start = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as tg:
            for item in ["tea", "jam", "oil"]:
                tg.create_task(save(db, item, start))
            tg.create_task(meanwhile(start))
    finally:
        await db.close()


if __name__ == "__main__":
    asyncio.run(main())
