# ---
# title: a task whose exception is never retrieved is reported on stderr when the task is freed
# clauses: [aio.task.6]
# source: "cpython-docs: asyncio — Developing with asyncio: Detect never-retrieved exceptions"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["boom starts", "main continues", "main ends"]}
#     stderr:
#       contains: ["Task exception was never retrieved", "ValueError: bad value"]
#       regex: "^future: <Task finished name='Task-2' coro=<boom\\(\\) done, defined at [^\\n]*task-exception-never-retrieved\\.py:17> exception=ValueError\\('bad value'\\)>$"
#     warns: []
# ---
import asyncio


async def boom():
    print("boom starts")
    raise ValueError("bad value")


async def main():
    asyncio.create_task(boom())
    await asyncio.sleep(0.01)
    print("main continues")
    await asyncio.sleep(0.01)
    print("main ends")


asyncio.run(main())
