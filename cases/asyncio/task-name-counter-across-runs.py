# ---
# title: the Task-N counter is global to the process, and asyncio.run()'s own shutdown steps consume numbers
# clauses: [aio.task.3]
# source: "cpython-docs: asyncio — Task Object"
# expect:
#   - python: "==3.8"
#     completes: true
#     stdout: {exact: ["first run: Task-1", "second run: Task-3"]}
#     warns: []
#   - python: ">=3.9"
#     completes: true
#     stdout: {exact: ["first run: Task-1", "second run: Task-4"]}
#     warns: []
# ---
import asyncio


async def main(label):
    print(f"{label}: {asyncio.current_task().get_name()}")


asyncio.run(main("first run"))
asyncio.run(main("second run"))
