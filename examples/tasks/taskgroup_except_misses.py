"""`except ValueError` misses a TaskGroup error: it arrives as an ExceptionGroup."""

import asyncio


async def parse(text: str) -> int:
    await asyncio.sleep(0.5)
    return int(text)  # int("abc") raises ValueError


async def main() -> None:
    try:
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(parse("42"))
                tg.create_task(parse("abc"))
        except ValueError:  # the mistake: never matches
            print("caught ValueError")
    except ExceptionGroup as group:  # only to show what escaped
        print(f"escaped: {type(group).__name__}: {group}")
        for inner in group.exceptions:
            print(f"  inside: {type(inner).__name__}: {inner}")


if __name__ == "__main__":
    asyncio.run(main())
