# ---
# title: ensure_future() on a coroutine wraps it in a new Task that is scheduled, not run at once
# clauses: [aio.ensure.2]
# source: "cpython-docs: asyncio — Future Functions"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "type: Task, is a Task: True"
#         - "name: Task-2, done: False"
#         - "work runs"
#         - "awaited: result"
# ---
import asyncio


async def work():
    print("work runs")
    return "result"


async def main():
    task = asyncio.ensure_future(work())
    print(f"type: {type(task).__name__}, is a Task: {isinstance(task, asyncio.Task)}")
    print(f"name: {task.get_name()}, done: {task.done()}")
    value = await task
    print(f"awaited: {value}")


asyncio.run(main())
