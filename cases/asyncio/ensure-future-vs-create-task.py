# ---
# title: ensure_future() returns an asyncio Future unchanged, while create_task() rejects it with TypeError
# clauses: [aio.ensure.1]
# source: "asyncio-guide: create_task"
# expect:
#   - python: "*"
#     raises: {type: TypeError, message: "a coroutine was expected, got <Future pending>"}
#     stdout:
#       exact:
#         - "ensure_future(future) is the future: True"
#         - "calling create_task(future)"
# ---
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    same = asyncio.ensure_future(fut)
    print(f"ensure_future(future) is the future: {same is fut}")
    print("calling create_task(future)")
    asyncio.create_task(fut)
    print("not reached")


asyncio.run(main())
