"""asyncio.to_thread() runs blocking file and sqlite3 calls in a worker thread."""

import asyncio
import sqlite3
import tempfile
import time
from contextlib import closing
from itertools import pairwise
from pathlib import Path


def save_orders(folder: Path, items: list[str]) -> int:
    """Blocking code: writes a file and a database, then counts the rows."""
    (folder / "orders.txt").write_text("\n".join(items))
    with closing(sqlite3.connect(folder / "shop.db")) as db:
        db.execute("CREATE TABLE orders (item TEXT)")
        db.executemany("INSERT INTO orders VALUES (?)", [(i,) for i in items])
        db.commit()
        time.sleep(1)  # stands in for a slow disk or a busy database
        (count,) = db.execute("SELECT count(*) FROM orders").fetchone()
    return int(count)


async def heartbeat(ticks: list[float]) -> None:
    while True:
        await asyncio.sleep(0.1)
        ticks.append(time.perf_counter())


async def main() -> None:
    start = time.perf_counter()
    ticks = [start]
    with tempfile.TemporaryDirectory() as tmp:
        async with asyncio.TaskGroup() as tg:
            beat = tg.create_task(heartbeat(ticks))
            count = await asyncio.to_thread(save_orders, Path(tmp), ["tea", "jam"])
            ticks.append(time.perf_counter())
            beat.cancel()
    print(f"{count} orders saved after {time.perf_counter() - start:.2f} s")
    gap = max(later - earlier for earlier, later in pairwise(ticks))
    print(f"longest gap between heartbeat ticks: {gap:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
