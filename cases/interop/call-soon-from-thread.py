# ---
# title: loop.call_soon() from a worker thread queues the callback but does not wake a sleeping loop
# clauses: [interop.thread-wakeup.1]
# source: "cpython-docs: asyncio — Concurrency and Multithreading"
# flags: [threads, slow]
# expect:
#   - python: "*"
#     hangs: {after: 1.0}
#     stdout: {exact: ["waiting", "callback queued from thread"]}
#     warns: []
# ---
import asyncio
import threading
import time


def resolve_later(loop, fut):
    time.sleep(0.05)
    loop.call_soon(fut.set_result, "value")
    print("callback queued from thread", flush=True)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("waiting", flush=True)
    threading.Thread(target=resolve_later, args=(loop, fut)).start()
    value = await fut
    print(f"got {value}", flush=True)


asyncio.run(main())
