# ---
# title: loop.run_until_complete(coro) runs the coroutine on the loop and returns its value
# clauses: [aio.loop.4]
# source: "cpython-docs: asyncio — Event Loop: Running and stopping the loop"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "run_until_complete returned 42"
#         - "is_running after it returned: False"
#     warns: []
# ---
import asyncio


async def compute(a, b):
    await asyncio.sleep(0.01)
    return a * b


loop = asyncio.new_event_loop()
try:
    value = loop.run_until_complete(compute(6, 7))
    print(f"run_until_complete returned {value}")
    print(f"is_running after it returned: {loop.is_running()}")
finally:
    loop.close()
