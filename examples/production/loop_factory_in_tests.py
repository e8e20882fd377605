"""IsolatedAsyncioTestCase.loop_factory (3.13+): the tests run on the app's own loop."""

import asyncio
import io
import re
import unittest

# ruff: noqa: PT009  (these are unittest tests, not pytest ones)


class AppLoop(asyncio.EventLoop):
    """The application's event loop: the default one, with eager tasks (3.12+)."""

    def __init__(self) -> None:
        super().__init__()
        self.set_task_factory(asyncio.eager_task_factory)


class OnTheAppLoop(unittest.IsolatedAsyncioTestCase):
    loop_factory = AppLoop  # a class: a plain function here would be called with self

    async def test_runs_on_the_app_loop(self) -> None:
        self.assertIsInstance(asyncio.get_running_loop(), AppLoop)

    async def test_tasks_start_eagerly(self) -> None:
        steps: list[str] = []

        async def job() -> None:
            steps.append("job started")

        task = asyncio.create_task(job())
        steps.append("create_task() returned")
        await task
        self.assertEqual(steps, ["job started", "create_task() returned"])


def main() -> None:
    stream = io.StringIO()  # capture unittest's report
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(OnTheAppLoop)
    unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
    # Print it without "in 0.004s": the time the tests took varies from run to run.
    print(re.sub(r" in \d+\.\d+s", "", stream.getvalue()), end="")


if __name__ == "__main__":
    main()
