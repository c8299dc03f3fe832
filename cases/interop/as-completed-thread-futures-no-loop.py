# ---
# title: asyncio.as_completed() on thread-pool futures outside any event loop raises TypeError; 3.12+ first warn that there is no current loop
# clauses: [interop.as-completed.1, interop.as-completed.2]
# source: "futures-not-compatible: concurrent.futures.Future and asyncio.as_completed()"
# flags: [threads]
# expect:
#   - python: "<3.12"
#     raises: {type: TypeError, message: "An asyncio.Future, a coroutine or an awaitable is required"}
#     stdout: {exact: ["results: [0, 3]", "calling as_completed", "iterating"]}
#     warns: []
#   - python: "==3.12"
#     raises: {type: TypeError, message: "An asyncio.Future, a coroutine or an awaitable is required"}
#     stdout: {exact: ["results: [0, 3]", "calling as_completed", "iterating"]}
#     warns: [{category: DeprecationWarning, message: "There is no current event loop", line: 35}]
#   - python: ">=3.13"
#     raises: {type: TypeError, message: "An asyncio.Future, a coroutine or an awaitable is required"}
#     stdout: {exact: ["results: [0, 3]", "calling as_completed"]}
#     warns: [{category: DeprecationWarning, message: "There is no current event loop", line: 33}]
# ---
import asyncio
import concurrent.futures


def job(n):
    return n * 3


pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
futures = [pool.submit(job, n) for n in range(2)]
pool.shutdown()
print(f"results: {[f.result() for f in futures]}")
print("calling as_completed")
iterator = asyncio.as_completed(futures)
print("iterating")
for next_done in iterator:
    print("not reached")
