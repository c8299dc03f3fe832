# ---
# title: Task.get_coro() returns the coroutine object the task wraps, before and after it finishes
# clauses: [aio.task.8]
# source: "cpython-docs: asyncio — Task Object"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "get_coro() is the coroutine passed in: True"
#         - "still after the task finished: True"
#         - "the main task's get_coro() is the coroutine given to run(): True"
# ---
import asyncio


async def work():
    await asyncio.sleep(0.01)
    return "done"


async def main():
    coro = work()
    task = asyncio.create_task(coro)
    print(f"get_coro() is the coroutine passed in: {task.get_coro() is coro}")
    await task
    print(f"still after the task finished: {task.get_coro() is coro}")
    main_task = asyncio.current_task()
    print(f"the main task's get_coro() is the coroutine given to run(): {main_task.get_coro() is main_coro}")


main_coro = main()
asyncio.run(main_coro)
