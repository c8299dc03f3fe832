# ---
# title: add_done_callback() on a task calls the callback with the task once it finishes; the repr lists the callback
# clauses: [aio.task.5, aio.task.2]
# source: "asyncio-guide: Callbacks"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       regex: "\\A<Task pending name='Task-2' coro=<foo\\(\\) running at [^\\n]*task-done-callback\\.py:17> cb=\\[got_result\\(\\) at [^\\n]*task-done-callback\\.py:22\\]>\\nHello World!\\ngot the result! Foo! \\(same task: True\\)\\n<Task finished name='Task-2' coro=<foo\\(\\) done, defined at [^\\n]*task-done-callback\\.py:17> result='Foo!'>\\n\\Z"
#     warns: []
# ---
import asyncio

seen = []


async def foo():
    await asyncio.sleep(0.1)
    return "Foo!"


def got_result(future):
    print(f"got the result! {future.result()} (same task: {future is seen[0]})")


async def hello_world():
    task = asyncio.create_task(foo())
    seen.append(task)
    task.add_done_callback(got_result)
    print(task)
    await asyncio.sleep(0.05)
    print("Hello World!")
    await asyncio.sleep(0.2)
    print(task)


asyncio.run(hello_world())
