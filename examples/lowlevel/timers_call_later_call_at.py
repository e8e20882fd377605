"""call_soon(), call_later() and call_at() schedule callbacks on the loop's clock."""

import asyncio


async def main() -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()  # the loop's own monotonic clock, in seconds

    def report(name: str) -> None:
        print(f"{name} ran at {loop.time() - start:.2f} s")

    loop.call_soon(report, "call_soon()")
    loop.call_later(0.5, report, "call_later(0.5)")
    loop.call_at(start + 1.0, report, "call_at(start + 1.0)")
    timer = loop.call_later(0.75, report, "call_later(0.75)")
    print(f"the 0.75 s timer is due at start + {timer.when() - start:.2f} s")
    timer.cancel()  # a cancelled timer never runs
    await asyncio.sleep(1.25)  # the callbacks run while main() sleeps


if __name__ == "__main__":
    asyncio.run(main())
