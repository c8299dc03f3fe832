# The handles the loop makes for its own scheduling (a future's callbacks, a
# task's steps) are reached by Python code only through an exception
# handler's context. A cycle made through one there is still garbage once
# dropped: the collector finds it (the suspended marker generator in the
# cycle is closed, which runs its finally).
import asyncio
import gc

out = []


def marker(tag):
    try:
        yield
    finally:
        out.append(("collected", tag))


keep = "handle"


def keep_in_a_cycle(loop, context):
    handle = context["handle"]
    owner = handle._args[0] if handle._args else handle._callback.__self__
    if keep == "handle":
        owner.kept = handle  # owner -> handle -> owner
    else:
        owner.kept = handle._callback  # task -> step wrapper -> task
    owner.marker = marker(type(owner).__name__)
    next(owner.marker)
    out.append(("handled", type(context["exception"]).__name__))


def failing_callback(fut):
    raise ValueError("from a done-callback")


async def sleeper():
    await asyncio.sleep(10)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(keep_in_a_cycle)
    # a future's done-callback fails: its handle holds the future
    fut = loop.create_future()
    fut.add_done_callback(failing_callback)
    fut.set_result(None)
    del fut
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    gc.collect()
    out.append("after the future's cycle")
    # a task's step fails (the task was finished under it): its handle
    # holds the step wrapper, which holds the task; the handler keeps the
    # handle, then the wrapper alone
    global keep
    for keep in ("handle", "_callback"):
        coro = sleeper()
        task = asyncio.ensure_future(coro)
        asyncio.Future.set_result(task, None)
        del task
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        gc.collect()
        out.append("after the task's cycle through its " + keep)
        coro.close()  # it never started


asyncio.run(main())
