# ---
# title: asyncio.run() rejects an argument that is not a coroutine object
# clauses: [aio.run.3]
# source: "cpython-docs: asyncio — Running an asyncio Program"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["ValueError: a coroutine was expected, got 5", "ValueError: a coroutine was expected, got 'text'"]}
#     warns: []
# ---
import asyncio

for arg in [5, "text"]:
    try:
        asyncio.run(arg)
    except ValueError as e:
        print(f"{type(e).__name__}: {e}")
