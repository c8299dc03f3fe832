# ---
# title: loop.call_soon_threadsafe() from a worker thread wakes the sleeping loop, which runs the callback
# clauses: [interop.thread-wakeup.2]
# source: "cpython-docs: asyncio — Concurrency and Multithreading"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["waiting", "callback queued from thread", "got value"]}
#     warns: []
# ---
import asyncio
import threading
import time


def resolve_later(loop, fut):
    time.sleep(0.05)
    loop.call_soon_threadsafe(fut.set_result, "value")
    print("callback queued from thread", flush=True)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("waiting", flush=True)
    worker = threading.Thread(target=resolve_later, args=(loop, fut))
    worker.start()
    value = await fut
    worker.join()
    print(f"got {value}", flush=True)


asyncio.run(main())
