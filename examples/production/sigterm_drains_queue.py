"""On SIGTERM a worker pool stops taking jobs, finishes the queued ones and exits 0."""

import asyncio
import os
import signal
import time


async def producer(queue: asyncio.Queue[int], produced: list[int]) -> None:
    while True:
        job = len(produced) + 1
        await queue.put(job)  # waits while the queue is full
        produced.append(job)


async def worker(queue: asyncio.Queue[int], done: list[int], failed: list[int]) -> None:
    while True:
        job = await queue.get()
        try:
            await asyncio.sleep(0.5)  # the work itself
            done.append(job)
        except Exception as exc:  # raised further, it would end the whole pool
            failed.append(job)
            print(f"Job {job} failed: {exc!r}")  # in production: log it, traceback too
        finally:
            queue.task_done()  # even if the job fails or is cancelled


async def main() -> None:
    start = time.perf_counter()
    queue: asyncio.Queue[int] = asyncio.Queue(maxsize=2)
    produced: list[int] = []
    done: list[int] = []
    failed: list[int] = []
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    # Stands for `kill PID` or `docker stop` from outside: SIGTERM after 0.75 s.
    loop.call_later(0.75, os.kill, os.getpid(), signal.SIGTERM)
    async with asyncio.TaskGroup() as tg:
        feeder = tg.create_task(producer(queue, produced))
        workers = [tg.create_task(worker(queue, done, failed)) for _ in range(2)]
        await stop.wait()
        feeder.cancel()  # no new jobs from now on
        busy = len(produced) - len(done) - len(failed) - queue.qsize()
        print(f"SIGTERM at {time.perf_counter() - start:.2f} s: producer stopped")
        print(f"  finished {done}, in progress {busy}, queued {queue.qsize()}")
        try:
            async with asyncio.timeout(5):  # stay well inside the kill deadline
                await queue.join()  # every queued job is finished
            print(f"Queue drained at {time.perf_counter() - start:.2f} s")
        except TimeoutError:
            print(f"Gave up waiting at {time.perf_counter() - start:.2f} s")
        for task in workers:
            task.cancel()  # idle in queue.get(), or stuck past the deadline
    lost = len(produced) - len(done) - len(failed)
    summary = f"finished {len(done)}, failed {len(failed)}, lost {lost}"
    print(f"Produced {len(produced)} jobs, {summary}")


if __name__ == "__main__":
    asyncio.run(main())
