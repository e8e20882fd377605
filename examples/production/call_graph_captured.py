"""Python 3.14+: capture_call_graph() tells what a slow task is waiting for, as data."""

import asyncio


async def read_reply(reply: asyncio.Future[str]) -> str:
    return await reply  # nobody ever sets it: this is where the request is stuck


async def call_service(reply: asyncio.Future[str]) -> str:
    return await read_reply(reply)


async def handle_request() -> str:
    async with asyncio.timeout(2):
        return await call_service(asyncio.get_running_loop().create_future())


def describe(graph: asyncio.FutureCallGraph, indent: str = "") -> None:
    """Each task, the coroutines it is suspended in, then the tasks awaiting it."""
    future = graph.future
    name = future.get_name() if isinstance(future, asyncio.Task) else "a future"
    print(f"{indent}{name}")
    for entry in graph.call_stack:
        print(
            f"{indent}  in {entry.frame.f_code.co_name}(), line {entry.frame.f_lineno}"
        )
    for waiter in graph.awaited_by:
        describe(waiter, indent + "  ")


async def main() -> None:
    task = asyncio.create_task(handle_request(), name="request 42")
    await asyncio.sleep(1)  # a watchdog notices that the request is slow
    graph = asyncio.capture_call_graph(task)
    if graph is not None:
        describe(graph)
    try:
        await task
    except TimeoutError:
        print("request 42 timed out")


if __name__ == "__main__":
    asyncio.run(main())
