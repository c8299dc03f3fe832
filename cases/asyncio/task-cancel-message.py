# ---
# title: Task.cancel(msg) passes the message to the cancelled coroutine (3.9+) and to the awaiter (3.11+)
# clauses: [aio.cancel.1]
# source: "cpython-docs: asyncio — Task Object"
# expect:
#   - python: "==3.8"
#     completes: true
#     stdout: {exact: ["TypeError: cancel() takes no arguments (1 given)", "inside: CancelledError()"]}
#     warns: []
#   - python: ">=3.9,<3.11"
#     completes: true
#     stdout: {exact: ["cancel returned True", "inside: CancelledError('stop now')", "awaiter: CancelledError()", "cancelled: True"]}
#     warns: []
#   - python: ">=3.11"
#     completes: true
#     stdout: {exact: ["cancel returned True", "inside: CancelledError('stop now')", "awaiter: CancelledError('stop now')", "cancelled: True"]}
#     warns: []
# ---
import asyncio


async def sleeper():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print(f"inside: {e!r}")
        raise


async def main():
    task = asyncio.create_task(sleeper())
    await asyncio.sleep(0.01)
    try:
        print(f"cancel returned {task.cancel('stop now')}")
    except TypeError as e:
        print(f"{type(e).__name__}: {e}")
        task.cancel()
        return
    try:
        await task
    except asyncio.CancelledError as e:
        print(f"awaiter: {e!r}")
    print(f"cancelled: {task.cancelled()}")


asyncio.run(main())
