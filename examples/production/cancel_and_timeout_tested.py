"""Tests that cancel the code under test, or time it out, and check its cleanup."""

import asyncio
import io
import re
import unittest
from typing import Protocol
from unittest.mock import AsyncMock, Mock

# ruff: noqa: PT009, PT027  (these are unittest tests, not pytest ones)


class Connection(Protocol):
    async def write(self, record: str) -> None: ...


class Pool(Protocol):
    async def acquire(self) -> Connection: ...
    def release(self, connection: Connection) -> None: ...


async def save(pool: Pool, record: str) -> None:
    """The code under test: write one record, and always give the connection back."""
    connection = await pool.acquire()
    try:
        await connection.write(record)
    finally:
        pool.release(connection)


class SaveTests(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self) -> None:
        self.writing = asyncio.Event()  # set once write() has started
        self.write_cancelled = False

        async def hanging_write(record: str) -> None:
            self.writing.set()
            try:
                await asyncio.Event().wait()  # a write that never completes
            except asyncio.CancelledError:
                self.write_cancelled = True
                raise

        self.connection = AsyncMock(spec=Connection)
        self.connection.write.side_effect = hanging_write
        self.pool = Mock(spec=Pool)
        self.pool.acquire = AsyncMock(return_value=self.connection)

    async def test_cancelled_save_releases_the_connection(self) -> None:
        task = asyncio.create_task(save(self.pool, "order 1"))
        await self.writing.wait()  # not sleep(): wait until it is really inside write()
        task.cancel()
        with self.assertRaises(asyncio.CancelledError):
            await task
        self.pool.release.assert_called_once_with(self.connection)

    async def test_timed_out_save_releases_the_connection(self) -> None:
        with self.assertRaises(TimeoutError):
            async with asyncio.timeout(0.01):  # as a caller would, but short
                await save(self.pool, "order 2")
        self.assertTrue(self.write_cancelled)  # the write was stopped, not left running
        self.pool.release.assert_called_once_with(self.connection)


def main() -> None:
    stream = io.StringIO()  # capture unittest's report
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(SaveTests)
    unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
    # Print it without "in 0.004s": the time the tests took varies from run to run.
    print(re.sub(r" in \d+\.\d+s", "", stream.getvalue()), end="")


if __name__ == "__main__":
    main()
