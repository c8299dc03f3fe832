# ---
# title: Future.exception() on a pending asyncio future raises InvalidStateError; after set_result it returns None
# clauses: [aio.future.2]
# source: "cpython-docs: asyncio — Futures: Future Object"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["InvalidStateError: Exception is not set.", "is asyncio.InvalidStateError: True", "after set_result: exception() is None, result() is 5"]}
#     warns: []
# ---
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    try:
        fut.exception()
    except asyncio.InvalidStateError as e:
        print(f"{type(e).__name__}: {e}")
        print(f"is asyncio.InvalidStateError: {type(e) is asyncio.InvalidStateError}")
    fut.set_result(5)
    print(f"after set_result: exception() is {fut.exception()}, result() is {fut.result()}")


asyncio.run(main())
