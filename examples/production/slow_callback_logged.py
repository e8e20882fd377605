"""Debug mode logs each step that blocks the event loop for too long."""

import asyncio
import logging
import re
import time


class Recorder(logging.Handler):
    """Keeps the asyncio logger's records so that the example can print them."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def load_config() -> None:
    time.sleep(0.5)  # noqa: ASYNC251  the mistake: a blocking call in a coroutine
    await asyncio.sleep(0)


async def main() -> None:
    asyncio.get_running_loop().slow_callback_duration = 0.25  # default: 0.1 s
    recorder = Recorder()
    logging.getLogger("asyncio").addHandler(recorder)
    await asyncio.create_task(load_config(), name="load-config")
    for record in recorder.records:
        assert isinstance(record.args, tuple)  # "Executing %s took %.3f seconds"
        task, seconds = record.args
        text = re.sub(r"/\S*/", "", str(task))  # keep file names, drop directories
        head = re.match(r"<Task \w+ name='[^']*' coro=<[^>]*>", text)
        assert head is not None
        print(f"{record.levelname}: Executing {head[0]} ...> took {seconds:.2f} s")


if __name__ == "__main__":
    asyncio.run(main(), debug=True)
