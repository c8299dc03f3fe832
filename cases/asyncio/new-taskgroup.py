# ---
# title: asyncio.TaskGroup exists from 3.11 and waits for all its tasks; before 3.11 it is an AttributeError
# clauses: [aio.new311.2]
# source: "cpython-docs: asyncio — Task Groups"
# expect:
#   - python: "<3.11"
#     raises: {type: AttributeError, message: "module 'asyncio' has no attribute 'TaskGroup'"}
#     stdout: {exact: ["entering"]}
#     warns: []
#   - python: ">=3.11"
#     completes: true
#     stdout: {exact: ["entering", "fast finished", "slow finished", "after the group: slow fast"]}
#     stderr: {empty: true}
# ---
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} finished")
    return name


async def main():
    print("entering")
    async with asyncio.TaskGroup() as group:
        first = group.create_task(job("slow", 0.05))
        second = group.create_task(job("fast", 0.01))
    print(f"after the group: {first.result()} {second.result()}")


asyncio.run(main())
