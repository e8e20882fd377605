"""AsyncMock stands in for an async dependency and records how it was awaited."""

import io
import re
import unittest
from typing import Protocol
from unittest.mock import AsyncMock

# ruff: noqa: PT009  (these are unittest tests, not pytest ones)


class Mailer(Protocol):
    """The dependency: the real one sends e-mail over the network."""

    async def send(self, to: str, body: str) -> bool: ...


async def welcome(mailer: Mailer, user: str) -> str:
    """The code under test."""
    sent = await mailer.send(user, f"Welcome, {user}!")
    return "welcomed" if sent else "will retry"


class WelcomeTests(unittest.IsolatedAsyncioTestCase):
    async def test_sends_one_welcome(self) -> None:
        mailer = AsyncMock(spec=Mailer)  # mailer.send is an AsyncMock too
        mailer.send.return_value = True  # what `await mailer.send(...)` returns
        self.assertEqual(await welcome(mailer, "ada"), "welcomed")
        mailer.send.assert_awaited_once_with("ada", "Welcome, ada!")

    async def test_failed_send_is_retried(self) -> None:
        mailer = AsyncMock(spec=Mailer)
        mailer.send.return_value = False
        self.assertEqual(await welcome(mailer, "ada"), "will retry")
        self.assertEqual(mailer.send.await_count, 1)


def main() -> None:
    stream = io.StringIO()  # capture unittest's report
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(WelcomeTests)
    unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
    # Print it without "in 0.004s": the time the tests took varies from run to run.
    print(re.sub(r" in \d+\.\d+s", "", stream.getvalue()), end="")


if __name__ == "__main__":
    main()
