# ---
# title: asyncio.run() called while a loop is running raises RuntimeError and the coroutine is never awaited
# clauses: [aio.run.4]
# source: "cpython-docs: asyncio — Running an asyncio Program"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["RuntimeError: asyncio.run() cannot be called from a running event loop", "inner ran: False"]}
#     warns: [{category: RuntimeWarning, message: "coroutine 'inner' was never awaited", line: 24}]
# ---
import asyncio

ran = []


async def inner():
    ran.append(True)


async def main():
    try:
        asyncio.run(inner())
    except RuntimeError as e:
        print(f"{type(e).__name__}: {e}")
    print(f"inner ran: {bool(ran)}")


asyncio.run(main())
