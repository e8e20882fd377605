"""IsolatedAsyncioTestCase runs async test methods, each in a fresh event loop."""

import asyncio
import io
import re
import unittest

# ruff: noqa: PT009, PT027  (these are unittest tests, not pytest ones)


async def first_line(reader: asyncio.StreamReader) -> str:
    """The code under test: read one line from a stream."""
    line = await reader.readline()
    if not line:
        raise EOFError("the stream is empty")
    return line.decode().rstrip("\n")


class FirstLineTests(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self) -> None:
        self.reader = asyncio.StreamReader()  # runs inside the test's event loop

    async def test_returns_the_first_line(self) -> None:
        self.reader.feed_data(b"hello\nworld\n")
        self.assertEqual(await first_line(self.reader), "hello")

    async def test_empty_stream_raises(self) -> None:
        self.reader.feed_eof()
        with self.assertRaises(EOFError):
            await first_line(self.reader)


def main() -> None:
    stream = io.StringIO()  # capture unittest's report
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(FirstLineTests)
    unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
    # Print it without "in 0.004s": the time the tests took varies from run to run.
    print(re.sub(r" in \d+\.\d+s", "", stream.getvalue()), end="")


if __name__ == "__main__":
    main()
