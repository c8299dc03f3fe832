# ---
# title: a task exception retrieved by awaiting the task is not reported on stderr
# clauses: [aio.task.6]
# source: "cpython-docs: asyncio — Developing with asyncio: Detect never-retrieved exceptions"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["boom starts", "caught ValueError: bad value", "exception() again: ValueError('bad value')", "main ends"]}
#     stderr: {empty: true}
# ---
import asyncio


async def boom():
    print("boom starts")
    raise ValueError("bad value")


async def main():
    task = asyncio.create_task(boom())
    try:
        await task
    except ValueError as e:
        print(f"caught {type(e).__name__}: {e}")
    print(f"exception() again: {task.exception()!r}")
    del task
    await asyncio.sleep(0.01)
    print("main ends")


asyncio.run(main())
