# ---
# title: asyncio.to_thread() runs a function with its arguments in another thread and returns its result (3.9+; missing on 3.8)
# clauses: [aio.new39.1]
# source: "cpython-docs: asyncio — Running in Threads"
# flags: [threads]
# expect:
#   - python: "<3.9"
#     raises: {type: AttributeError, message: "module 'asyncio' has no attribute 'to_thread'"}
#     stdout: {empty: true}
#   - python: ">=3.9"
#     completes: true
#     stdout: {exact: ["to_thread returned x+y (in main thread: False)"]}
# ---
import asyncio
import threading


def blocking(a, b, sep):
    here = threading.current_thread() is threading.main_thread()
    return f"{a}{sep}{b} (in main thread: {here})"


async def main():
    result = await asyncio.to_thread(blocking, "x", "y", sep="+")
    print(f"to_thread returned {result}")


asyncio.run(main())
