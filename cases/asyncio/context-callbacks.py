# ---
# title: call_soon and add_done_callback run their callbacks in a copy of the context current when they were registered, call_soon(context=) in the context given
# clauses: [aio.context.2]
# source: "cpython-docs: asyncio — Scheduling callbacks"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["call_soon callback sees at call_soon", "context= callback sees in the given context", "done callback sees at add_done_callback", "main sees at the end"]}
# ---
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")


async def main():
    loop = asyncio.get_running_loop()
    var.set("at call_soon")
    loop.call_soon(lambda: print(f"call_soon callback sees {var.get()}"))
    var.set("at add_done_callback")
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print(f"done callback sees {var.get()}"))
    other = contextvars.Context()
    other.run(var.set, "in the given context")
    loop.call_soon(lambda: print(f"context= callback sees {var.get()}"), context=other)
    var.set("at the end")
    fut.set_result(None)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"main sees {var.get()}")


asyncio.run(main())
