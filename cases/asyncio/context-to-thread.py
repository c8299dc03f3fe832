# ---
# title: to_thread() runs the function in a copy of the caller's context; a plain thread starts in an empty one (3.9+; to_thread missing on 3.8)
# clauses: [aio.context.3, aio.new39.1]
# source: "cpython-docs: asyncio — Running in Threads"
# flags: [threads]
# expect:
#   - python: "<3.9"
#     raises: {type: AttributeError, message: "module 'asyncio' has no attribute 'to_thread'"}
#     stdout: {empty: true}
#   - python: ">=3.9"
#     completes: true
#     stdout: {exact: ["to_thread sees caller", "a plain thread sees unset"]}
# ---
import asyncio
import contextvars
import threading

var = contextvars.ContextVar("var", default="unset")


def report(who):
    print(f"{who} sees {var.get()}")


async def main():
    var.set("caller")
    await asyncio.to_thread(report, "to_thread")
    thread = threading.Thread(target=report, args=("a plain thread",))
    thread.start()
    thread.join()


asyncio.run(main())
