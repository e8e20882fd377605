"""Three child processes that each take 0.5 s run together: about 0.5 s, not 1.5 s."""

import asyncio
import sys
import time

CHILD = "import sys, time; time.sleep(0.5); print(f'child {sys.argv[1]} done')"


async def run_child(number: int) -> str:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, str(number), stdout=asyncio.subprocess.PIPE
    )
    try:
        stdout, _ = await proc.communicate()
    finally:
        if proc.returncode is None:  # an error, a timeout, Ctrl-C: end the child
            proc.kill()
            await proc.communicate()
    return stdout.decode().strip()


async def main() -> None:
    start = time.perf_counter()
    outputs = await asyncio.gather(*(run_child(n) for n in range(1, 4)))
    print(outputs)
    print(f"Three children took {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
