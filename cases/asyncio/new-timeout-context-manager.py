# ---
# title: asyncio.timeout() exists from 3.11 and turns an overrun into TimeoutError; before 3.11 it is an AttributeError
# clauses: [aio.new311.1]
# source: "cpython-docs: asyncio — Timeouts"
# expect:
#   - python: "<3.11"
#     raises: {type: AttributeError, message: "module 'asyncio' has no attribute 'timeout'"}
#     stdout: {exact: ["entering"]}
#     warns: []
#   - python: ">=3.11"
#     completes: true
#     stdout: {exact: ["entering", "TimeoutError caught, task cancelling count: 0"]}
#     stderr: {empty: true}
# ---
import asyncio


async def main():
    print("entering")
    try:
        async with asyncio.timeout(0.02):
            await asyncio.sleep(1)
        print("not reached")
    except TimeoutError:
        print(f"TimeoutError caught, task cancelling count: {asyncio.current_task().cancelling()}")


asyncio.run(main())
