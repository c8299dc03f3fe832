# ---
# title: asyncio.run_coroutine_threadsafe() from a worker thread returns a concurrent future whose result() blocks until the coroutine finishes
# clauses: [interop.run-coroutine-threadsafe.1]
# source: "cpython-docs: asyncio — Scheduling From Other Threads"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["concurrent future: True", "isfuture: False", "result in thread: 21.0", "coroutine ran in loop thread: True", "main done"]}
#     warns: []
# ---
import asyncio
import concurrent.futures
import threading

report = []


async def double(n):
    await asyncio.sleep(0.02)
    report.append(threading.current_thread() is threading.main_thread())
    return n * 2


def from_thread(loop):
    fut = asyncio.run_coroutine_threadsafe(double(10.5), loop)
    value = fut.result(timeout=5)
    return (isinstance(fut, concurrent.futures.Future), asyncio.isfuture(fut), value)


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        is_cf, is_aio, value = await loop.run_in_executor(pool, from_thread, loop)
    print(f"concurrent future: {is_cf}")
    print(f"isfuture: {is_aio}")
    print(f"result in thread: {value}")
    print(f"coroutine ran in loop thread: {report[0]}")
    print("main done")


asyncio.run(main())
