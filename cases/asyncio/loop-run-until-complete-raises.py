# ---
# title: loop.run_until_complete(coro) re-raises the exception that ends the coroutine
# clauses: [aio.loop.5]
# source: "cpython-docs: asyncio — Event Loop: Running and stopping the loop"
# expect:
#   - python: "*"
#     raises: {type: ValueError, message: "raised inside the coroutine"}
#     stdout:
#       exact:
#         - "calling run_until_complete"
#         - "loop closed: True"
# ---
import asyncio


async def fail():
    await asyncio.sleep(0.01)
    raise ValueError("raised inside the coroutine")


loop = asyncio.new_event_loop()
try:
    print("calling run_until_complete")
    loop.run_until_complete(fail())
    print("not reached")
finally:
    loop.close()
    print(f"loop closed: {loop.is_closed()}")
