# ---
# title: tasks get default names Task-N from one counter; the main task of asyncio.run() is Task-1
# clauses: [aio.task.3]
# source: "cpython-docs: asyncio — Task Object"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["main: Task-1", "child 0: Task-2", "child 1: Task-3", "child 2: Task-4", "set_name: renamed", "next default: Task-5"]}
#     warns: []
# ---
import asyncio


async def child():
    return asyncio.current_task().get_name()


async def main():
    print(f"main: {asyncio.current_task().get_name()}")
    tasks = [asyncio.create_task(child()) for i in range(3)]
    for i, t in enumerate(tasks):
        print(f"child {i}: {await t}")
    tasks[0].set_name("renamed")
    print(f"set_name: {tasks[0].get_name()}")
    print(f"next default: {await asyncio.create_task(child())}")


asyncio.run(main())
