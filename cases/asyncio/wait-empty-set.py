# ---
# title: wait() on an empty collection raises ValueError; the message names coroutines up to 3.10 and tasks from 3.11
# clauses: [aio.wait.6]
# source: "cpython-docs: asyncio — Waiting Primitives"
# expect:
#   - python: "<3.11"
#     raises: {type: ValueError, message: "Set of coroutines/Futures is empty."}
#     stdout: {exact: ["waiting on nothing"]}
#     warns: []
#   - python: ">=3.11"
#     raises: {type: ValueError, message: "Set of Tasks/Futures is empty."}
#     stdout: {exact: ["waiting on nothing"]}
#     warns: []
# ---
import asyncio


async def main():
    print("waiting on nothing")
    await asyncio.wait([])
    print("not reached")


asyncio.run(main())
