"""A race for the first good answer: wait(FIRST_COMPLETED) also returns on a failure."""

import asyncio
import time


async def query(mirror: str, seconds: float, fails: bool = False) -> str:
    await asyncio.sleep(seconds)
    if fails:
        raise ConnectionError(f"{mirror} is down")
    return f"answer from {mirror}"


async def first_answer(tasks: set[asyncio.Task[str]], start: float) -> str:
    """The first successful result; the tasks still running are cancelled."""
    pending = tasks
    try:
        while pending:
            done, pending = await asyncio.wait(
                pending, return_when=asyncio.FIRST_COMPLETED
            )
            elapsed = time.perf_counter() - start
            answers = []
            for task in done:  # read every outcome: no error goes unretrieved
                if task.cancelled():  # exception() would raise CancelledError
                    outcome = "cancelled"
                elif (error := task.exception()) is not None:
                    outcome = f"{error!r}"
                else:
                    answer = task.result()
                    answers.append(answer)
                    outcome = repr(answer)
                print(f"{task.get_name()} done at {elapsed:.2f} s: {outcome}")
            if answers:
                return answers[0]
        raise ConnectionError("no mirror answered")
    finally:
        for task in pending:
            task.cancel()
        # Wait until the cancelled tasks have finished cleaning up.
        await asyncio.gather(*pending, return_exceptions=True)


async def main() -> None:
    start = time.perf_counter()
    tasks = {
        asyncio.create_task(query("eu", 0.5, fails=True), name="eu"),
        asyncio.create_task(query("us", 1), name="us"),
        asyncio.create_task(query("asia", 2), name="asia"),
    }
    print(f"first answer: {await first_answer(tasks, start)}")
    print(f"cancelled: {sorted(t.get_name() for t in tasks if t.cancelled())}")
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
