# ---
# title: a task made by create_task() does not start until its creator yields to the loop
# clauses: [aio.task.1]
# source: "asyncio-guide: create_task"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["task created", "creator still running", "creator awaits", "child starts", "child ends", "creator resumes", "child result: 3"]}
#     warns: []
# ---
import asyncio


async def child():
    print("child starts")
    await asyncio.sleep(0.01)
    print("child ends")
    return 3


async def main():
    task = asyncio.create_task(child())
    print("task created")
    total = 0
    for i in range(1000):
        total += i
    print("creator still running")
    print("creator awaits")
    result = await task
    print("creator resumes")
    print(f"child result: {result}")


asyncio.run(main())
