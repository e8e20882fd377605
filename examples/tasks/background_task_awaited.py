"""A task started in the background is awaited before main() returns."""

import asyncio
import time


async def save(report: str, start: float) -> None:
    await asyncio.sleep(0.5)  # stands in for writing the report
    print(f"Saved {report} at {time.perf_counter() - start:.2f} s")


async def main() -> None:
    start = time.perf_counter()
    saving = asyncio.create_task(save("report.txt", start))
    print("Saving in the background")
    await asyncio.sleep(0.2)  # other work meanwhile
    print(f"Other work done at {time.perf_counter() - start:.2f} s")
    await saving
    print(f"Done at {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
