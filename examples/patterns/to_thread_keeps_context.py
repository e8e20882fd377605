"""to_thread() runs a function in the caller's context; run_in_executor() does not."""

import asyncio
import contextvars
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="-")


def lookup(how: str) -> str:
    """Blocking code, run in a worker thread."""
    return f"{how}: the thread sees request {request_id.get()}"


async def main() -> None:
    request_id.set("req-7")
    loop = asyncio.get_running_loop()
    print(await asyncio.to_thread(lookup, "to_thread"))
    print(await loop.run_in_executor(None, lookup, "run_in_executor"))
    context = contextvars.copy_context()  # a copy of this task's context, now
    print(await loop.run_in_executor(None, context.run, lookup, "with context.run"))


if __name__ == "__main__":
    asyncio.run(main())
