"""return_exceptions=True: errors come back in the result list, not raised."""

import asyncio
import time


async def fetch(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    if name == "broken":
        raise ConnectionError(f"{name}: connection reset")
    return f"{name}: ok"


async def main() -> None:
    start = time.perf_counter()
    results = await asyncio.gather(
        fetch("alpha", 2),
        fetch("broken", 1),
        fetch("gamma", 1.5),
        return_exceptions=True,
    )
    for result in results:
        if isinstance(result, BaseException):
            print(f"error:  {type(result).__name__}: {result}")
        else:
            print(f"result: {result}")
    print(f"Finished in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
