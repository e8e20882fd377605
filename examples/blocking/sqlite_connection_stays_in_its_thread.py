"""A sqlite3 connection works only in the thread that opened it: open it there."""

import asyncio
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path


def count_orders(path: Path) -> int:
    """Opens, uses and closes its own connection, all in the worker thread."""
    with closing(sqlite3.connect(path)) as db:
        (count,) = db.execute("SELECT count(*) FROM orders").fetchone()
    return int(count)


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "shop.db"
        with closing(sqlite3.connect(path)) as db:  # opened in the loop's thread
            db.execute("CREATE TABLE orders (item TEXT)")
            db.execute("INSERT INTO orders VALUES ('tea')")
            db.commit()
            try:
                await asyncio.to_thread(db.execute, "SELECT count(*) FROM orders")
            except sqlite3.ProgrammingError as error:
                # The message goes on with the two thread ids, which vary by run.
                print(f"ProgrammingError: {str(error).split('.')[0]}.")
        print(f"orders: {await asyncio.to_thread(count_orders, path)}")


if __name__ == "__main__":
    asyncio.run(main())
