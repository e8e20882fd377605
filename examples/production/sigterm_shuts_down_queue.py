"""On SIGTERM, Queue.shutdown() (3.13+) stops the producer; workers drain, then stop."""

import asyncio
import os
import signal
import time

START = time.perf_counter()


def stamp() -> str:
    return f"{time.perf_counter() - START:.2f} s"


async def producer(queue: asyncio.Queue[int], produced: list[int]) -> None:
    try:
        while True:
            job = len(produced) + 1
            await queue.put(job)  # raises QueueShutDown once the queue is shut down
            produced.append(job)
    except asyncio.QueueShutDown:
        print(f"Producer stopped at {stamp()}: put() raised QueueShutDown")


async def worker(
    name: str, queue: asyncio.Queue[int], done: list[int], failed: list[int]
) -> None:
    while True:
        try:
            job = await queue.get()
        except asyncio.QueueShutDown:  # shut down, and every queued job taken
            print(f"{name} stopped at {stamp()}")
            return
        try:
            await asyncio.sleep(0.5)  # the work itself
            done.append(job)
        except Exception as exc:  # raised further, it would end the whole pool
            failed.append(job)
            print(f"Job {job} failed: {exc!r}")  # in production: log it, traceback too
        finally:
            queue.task_done()


async def main() -> None:
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
    try:
        async with asyncio.timeout(None) as deadline:  # no deadline until a signal
            async with asyncio.TaskGroup() as tg:
                tg.create_task(producer(queue, produced))
                for n in range(2):
                    tg.create_task(worker(f"worker-{n}", queue, done, failed))
                await stop.wait()
                queue.shutdown()  # no new jobs; the queued ones still come out
                print(f"SIGTERM at {stamp()}: {queue.qsize()} jobs still queued")
                deadline.reschedule(loop.time() + 5)  # stay inside the kill deadline
    except TimeoutError:
        print("Gave up waiting: the group cancelled the workers")
    lost = len(produced) - len(done) - len(failed)
    summary = f"finished {len(done)}, failed {len(failed)}, lost {lost}"
    print(f"Produced {len(produced)} jobs, {summary}")


if __name__ == "__main__":
    asyncio.run(main())
