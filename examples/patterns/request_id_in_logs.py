"""A context variable puts each request's id in every log line, however they mix."""

import asyncio
import logging
import sys
import time
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="-")
log = logging.getLogger("shop")


class RequestIdFilter(logging.Filter):
    """Adds the id of the current request to every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


async def query(sql: str, seconds: float) -> None:
    log.info("query %s", sql)  # knows nothing about requests
    await asyncio.sleep(seconds)
    log.info("query done")


async def handle(rid: str, seconds: float) -> None:
    request_id.set(rid)  # for this task and everything it calls
    log.info("start")
    await query("SELECT ...", seconds)
    log.info("reply sent")


async def main() -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter("[%(request_id)s] %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        for rid, seconds in [("req-1", 0.3), ("req-2", 0.1), ("req-3", 0.2)]:
            tg.create_task(handle(rid, seconds))
    log.info("3 requests in %.2f s", time.perf_counter() - start)


if __name__ == "__main__":
    asyncio.run(main())
