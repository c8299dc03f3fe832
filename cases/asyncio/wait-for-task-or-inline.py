# ---
# title: wait_for() with a timeout runs a coroutine in a new task up to 3.11 and inline in the caller's task from 3.12
# clauses: [aio.waitfor.5]
# source: "cpython-docs: asyncio — Timeouts"
# expect:
#   - python: "<3.12"
#     completes: true
#     stdout: {exact: ["other task runs", "inner runs in Task-3 (caller is Task-1)", "no timeout: inner runs in Task-1 (caller is Task-1)"]}
#     stderr: {empty: true}
#   - python: ">=3.12"
#     completes: true
#     stdout: {exact: ["inner runs in Task-1 (caller is Task-1)", "other task runs", "no timeout: inner runs in Task-1 (caller is Task-1)"]}
#     stderr: {empty: true}
# ---
import asyncio


async def inner(label, caller):
    print(f"{label}inner runs in {asyncio.current_task().get_name()} (caller is {caller})")
    await asyncio.sleep(0)


async def other():
    print("other task runs")


async def main():
    me = asyncio.current_task().get_name()
    task = asyncio.create_task(other())
    await asyncio.wait_for(inner("", me), timeout=1)
    await asyncio.wait_for(inner("no timeout: ", me), timeout=None)
    await task


asyncio.run(main())
