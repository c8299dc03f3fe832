# ---
# title: Future.result() on a pending asyncio future raises InvalidStateError
# clauses: [aio.future.1]
# source: "asyncio-guide: Futures"
# expect:
#   - python: "*"
#     raises: {type: asyncio.InvalidStateError, message: "Result is not set."}
#     stdout: {exact: ["done: False"]}
#     warns: []
# ---
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    print(f"done: {fut.done()}")
    fut.result()
    print("not reached")


asyncio.run(main())
