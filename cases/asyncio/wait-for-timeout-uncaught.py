# ---
# title: an uncaught wait_for() timeout ends the program with asyncio.TimeoutError (3.8-3.10) or the builtin TimeoutError (3.11+)
# clauses: [aio.waitfor.2]
# source: "asyncio-guide: wait_for"
# expect:
#   - python: "<3.11"
#     raises: {type: asyncio.TimeoutError, message: ""}
#     stdout: {exact: ["waiting"]}
#     warns: []
#   - python: ">=3.11"
#     raises: {type: TimeoutError, message: ""}
#     stdout: {exact: ["waiting"]}
#     warns: []
# ---
import asyncio


async def main():
    print("waiting")
    await asyncio.wait_for(asyncio.sleep(1), timeout=0.02)
    print("not reached")


asyncio.run(main())
