# ---
# title: a Task's repr shows its state, name and coroutine, and its result once finished
# clauses: [aio.task.2]
# source: "asyncio-guide: create_task"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       regex: "\\A<Task pending name='Task-2' coro=<foo\\(\\) running at [^\\n]*task-repr-pending-and-finished\\.py:15>>\\nHello World!\\nFoo!\\n<Task finished name='Task-2' coro=<foo\\(\\) done, defined at [^\\n]*task-repr-pending-and-finished\\.py:15> result='Foo!'>\\n\\Z"
#     warns: []
# ---
import asyncio


async def foo():
    await asyncio.sleep(0.1)
    print("Foo!")
    return "Foo!"


async def hello_world():
    task = asyncio.create_task(foo())
    print(task)
    await asyncio.sleep(0.05)
    print("Hello World!")
    await asyncio.sleep(0.1)
    print(task)


asyncio.run(hello_world())
