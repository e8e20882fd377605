"""Timeout.reschedule() moves the deadline: time out 1 s after the last chunk."""

import asyncio


def deadline(cm: asyncio.Timeout, start: float) -> str:
    """The deadline as seconds after start; cm.when() is None for no deadline."""
    when = cm.when()
    return "none" if when is None else f"{when - start:.2f} s"


async def main() -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()
    gaps = [0.5, 0.5, 0.5, 2]  # seconds before each chunk arrives; the last one stalls
    try:
        async with asyncio.timeout(1) as cm:
            print(f"Deadline at {deadline(cm, start)}")
            for number, gap in enumerate(gaps, 1):
                await asyncio.sleep(gap)  # waiting for the next chunk
                cm.reschedule(loop.time() + 1)  # 1 s more after each chunk
                now, moved = loop.time() - start, deadline(cm, start)
                print(f"Chunk {number} at {now:.2f} s, deadline now {moved}")
    except TimeoutError:
        print(f"No chunk for 1 s: timed out at {loop.time() - start:.2f} s")
    print(f"cm.expired(): {cm.expired()}")


if __name__ == "__main__":
    asyncio.run(main())
