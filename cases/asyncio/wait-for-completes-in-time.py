# ---
# title: wait_for() returns the awaitable's result when it finishes before the timeout
# clauses: [aio.waitfor.4]
# source: "cpython-docs: asyncio — Timeouts"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["inner finished", "result: 42"]}
#     stderr: {empty: true}
# ---
import asyncio


async def inner():
    await asyncio.sleep(0.01)
    print("inner finished")
    return 42


async def main():
    print(f"result: {await asyncio.wait_for(inner(), timeout=1)}")


asyncio.run(main())
