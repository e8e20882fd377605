"""A time limit on an async test: a test that hangs fails after 1 s instead."""

import asyncio
import faulthandler
import functools
import io
import time
import unittest
from collections.abc import Callable, Coroutine
from typing import Any

# ruff: noqa: PT009  (these are unittest tests, not pytest ones)

AsyncTest = Callable[..., Coroutine[Any, Any, None]]


def time_limit(seconds: float) -> Callable[[AsyncTest], AsyncTest]:
    """Make an async test fail with TimeoutError if it runs longer than `seconds`."""

    def decorate(test: AsyncTest) -> AsyncTest:
        @functools.wraps(test)
        async def limited(*args: Any, **kwargs: Any) -> None:
            async with asyncio.timeout(seconds) as limit:
                await test(*args, **kwargs)
            if limit.expired():  # the test caught its cancellation and returned
                raise TimeoutError(f"the test ran past its {seconds} s limit")

        return limited

    return decorate


async def first_line(reader: asyncio.StreamReader) -> str:
    """The code under test: read one line from a stream."""
    line = await reader.readline()
    if not line:
        raise EOFError("the stream is empty")
    return line.decode().rstrip("\n")


class FirstLineTests(unittest.IsolatedAsyncioTestCase):
    @time_limit(1)
    async def test_returns_the_first_line(self) -> None:
        reader = asyncio.StreamReader()
        reader.feed_data(b"hello")  # a mistake in the test: no b"\n", no feed_eof()
        self.assertEqual(await first_line(reader), "hello")  # waits for ever


def main() -> None:
    # A limit for the whole run, for what the event loop cannot stop: a blocking call,
    # a task that swallows every cancellation. It prints the stack of every thread
    # and exits with status 1. Five seconds here; minutes for a real test suite.
    faulthandler.dump_traceback_later(5, exit=True)
    stream = io.StringIO()  # capture unittest's report
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(FirstLineTests)
    start = time.perf_counter()
    result = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
    print(stream.getvalue().partition("\n\n")[0])  # one line per test
    for _, report in result.errors:
        # The traceback: this file's frames and the exceptions, without directories.
        for line in report.splitlines():
            if f'"{__file__}"' in line or not line.startswith(" "):
                print(line.replace(f'File "{__file__}", ', ""))
    print(f"Ran {result.testsRun} test in {time.perf_counter() - start:.2f} s")
    faulthandler.cancel_dump_traceback_later()


if __name__ == "__main__":
    main()
