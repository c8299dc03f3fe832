# A done-callback added with no context runs in a copy of the context that
# was current when it was added, not when the future completes: variables
# set in between stay out of it, and what it sets stays out of the caller.
import asyncio
import contextvars

out = []
var = contextvars.ContextVar("var", default="unset")


def report(tag):
    def callback(fut):
        out.append((tag, var.get()))
        var.set("set by " + tag)
    return callback


async def main():
    loop = asyncio.get_running_loop()
    first = loop.create_future()
    first.add_done_callback(report("added before any set"))
    shown = loop.create_future()
    shown.add_done_callback(report("shown before any set"))
    out.append(("callbacks", [type(ctx).__name__ for _, ctx in shown._callbacks]))
    var.set("set after the first was added")
    first.add_done_callback(report("added after the set"))
    var.set("set before completion")
    first.set_result(None)
    shown.set_result(None)
    await asyncio.sleep(0)
    out.append(("main sees", var.get()))
    second = loop.create_future()
    second.add_done_callback(report("on a second future"))
    second.set_result(None)
    await asyncio.sleep(0)


# in an empty context of its own, whatever ran before in the process
contextvars.Context().run(asyncio.run, main())
