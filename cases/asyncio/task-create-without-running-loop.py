# ---
# title: create_task() outside a running loop raises RuntimeError and the coroutine is never awaited
# clauses: [aio.task.7]
# source: "cpython-docs: asyncio — Creating Tasks"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["RuntimeError: no running event loop", "after"]}
#     warns: [{category: RuntimeWarning, message: "coroutine 'work' was never awaited", line: 21}]
# ---
import asyncio


async def work():
    return 1


try:
    asyncio.create_task(work())
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
print("after")
