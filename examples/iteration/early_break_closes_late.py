"""Breaking out of async for does not run the generator's finally: it runs later."""

import asyncio
import itertools
import time
from collections.abc import AsyncGenerator


class Sensor:
    is_open = False


async def readings(sensor: Sensor, start: float) -> AsyncGenerator[int, None]:
    sensor.is_open = True
    try:
        for value in itertools.count(1):
            await asyncio.sleep(0.5)
            yield value
    finally:
        sensor.is_open = False
        print(f"finally: sensor closed at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    sensor = Sensor()
    async for value in readings(sensor, start):
        print(f"Reading {value} at {time.perf_counter() - start:.2f} s")
        if value == 2:
            break  # a mistake: nothing closes the generator here
    print(f"After the loop: sensor.is_open = {sensor.is_open}")
    await asyncio.sleep(1)  # other work
    print(f"Done at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
