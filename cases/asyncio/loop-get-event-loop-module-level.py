# ---
# title: get_event_loop() + run_until_complete() + close() at module level; 3.12+ warn that there is no current loop
# clauses: [aio.loop.1]
# source: "asyncio-guide: Running an asyncio program"
# expect:
#   - python: "<3.12"
#     completes: true
#     stdout: {exact: ["Bar!", "Hello again!", "result: done", "closed: True"]}
#     warns: []
#   - python: ">=3.12"
#     completes: true
#     stdout: {exact: ["Bar!", "Hello again!", "result: done", "closed: True"]}
#     warns: [{category: DeprecationWarning, message: "There is no current event loop", line: 28}]
# ---
import asyncio


async def bar():
    print("Bar!")


async def greeting():
    await bar()
    print("Hello again!")
    return "done"


loop = asyncio.get_event_loop()
result = loop.run_until_complete(greeting())
print(f"result: {result}")
loop.close()
print(f"closed: {loop.is_closed()}")
