"""A coroutine called without await never runs; debug mode says where it was created."""

import asyncio
import re
import warnings

saved: list[str] = []


async def save(name: str) -> None:
    await asyncio.sleep(0.5)
    saved.append(name)


async def main() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        save("report.txt")  # the mistake: no await, so save() never runs
    print(f"Saved: {saved}")
    for warning in caught:
        lines = str(warning.message).splitlines()
        print(f"{warning.category.__name__}: {lines[0]}")
        for line in lines[1:2] + lines[-2:]:  # the header and the innermost frame
            print(re.sub(r'"/\S*/', '"', line))  # keep file names, drop directories


if __name__ == "__main__":
    asyncio.run(main(), debug=True)
