# ---
# title: create_task(name=...) sets the name; up to 3.12 it still consumes a Task-N number, from 3.13 it does not
# clauses: [aio.task.3]
# source: "cpython-docs: asyncio — Creating Tasks"
# expect:
#   - python: "<3.13"
#     completes: true
#     stdout: {exact: ["named: worker", "unnamed: Task-3"]}
#     warns: []
#   - python: ">=3.13"
#     completes: true
#     stdout: {exact: ["named: worker", "unnamed: Task-2"]}
#     warns: []
# ---
import asyncio


async def child():
    return asyncio.current_task().get_name()


async def main():
    print(f"named: {await asyncio.create_task(child(), name='worker')}")
    print(f"unnamed: {await asyncio.create_task(child())}")


asyncio.run(main())
