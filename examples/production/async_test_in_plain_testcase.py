"""An async test method in a plain unittest.TestCase never runs, yet the test passes."""

import gc
import io
import unittest
import warnings


class BrokenTests(unittest.TestCase):  # the mistake: not IsolatedAsyncioTestCase
    async def test_arithmetic(self) -> None:
        assert 1 + 1 == 3  # would fail, if it ever ran


def main() -> None:
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(BrokenTests)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
        gc.collect()  # the test's coroutine is discarded, never awaited
    verdict = "OK" if result.wasSuccessful() else "FAILED"
    print(f"Ran {result.testsRun} test: {verdict} (yet it asserts that 1 + 1 == 3)")
    for warning in caught:
        print(f"{warning.category.__name__}: {warning.message}")


if __name__ == "__main__":
    main()
