# ---
# title: loop.run_in_executor(None, fn) runs fn in the default thread pool and the await returns its result
# clauses: [interop.run-in-executor.1]
# source: "asyncio-guide: Executors"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["isfuture: True", "in main thread: False", "result: 'abcabc'"]}
#     warns: []
# ---
import asyncio
import threading

seen = []


def blocking(data, times):
    seen.append(threading.current_thread() is threading.main_thread())
    return data * times


async def main():
    loop = asyncio.get_running_loop()
    pending = loop.run_in_executor(None, blocking, "abc", 2)
    print(f"isfuture: {asyncio.isfuture(pending)}")
    result = await pending
    print(f"in main thread: {seen[0]}")
    print(f"result: {result!r}")


asyncio.run(main())
