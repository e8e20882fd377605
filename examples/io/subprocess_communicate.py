"""Run a child process, send it input and collect its output with communicate()."""

import asyncio
import sys

CHILD = """
import sys
text = sys.stdin.read()
print(text.upper())
print("a note on stderr", file=sys.stderr)
sys.exit(3)
"""


async def main() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,  # the Python running this script
        "-c",
        CHILD,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        stdout, stderr = await proc.communicate(b"hello, child")
    finally:
        if proc.returncode is None:  # an error, a timeout, Ctrl-C: end the child
            proc.kill()
            await proc.communicate()  # read what is left in its pipes, then reap it
    print(f"stdout: {stdout.decode().strip()!r}")
    print(f"stderr: {stderr.decode().strip()!r}")
    print(f"exit code: {proc.returncode}")


if __name__ == "__main__":
    asyncio.run(main())
