# ---
# title: asyncio.iscoroutine() is True for the object a coroutine function returns and False for the function itself
# clauses: [aio.coro.1]
# source: "cpython-docs: asyncio — Coroutines"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "iscoroutine(coroutine object): True"
#         - "iscoroutine(coroutine function): False"
#         - "asyncio.run(coroutine object): ran"
#     warns: []
# ---
import asyncio


async def work():
    return "ran"


coro = work()
print(f"iscoroutine(coroutine object): {asyncio.iscoroutine(coro)}")
print(f"iscoroutine(coroutine function): {asyncio.iscoroutine(work)}")
print(f"asyncio.run(coroutine object): {asyncio.run(coro)}")
