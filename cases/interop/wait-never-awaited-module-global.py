# ---
# title: an unawaited asyncio.wait() coroutine kept in a module global warns only at interpreter shutdown, without a source line
# clauses: [interop.wait.1]
# source: "futures-not-compatible: concurrent.futures.Future and asyncio.wait()"
# flags: [threads]
# expect:
#   - python: "<3.13"
#     completes: true
#     stdout: {exact: ["with block done", "results: [0, 1]", "last line"]}
#     warns: [{category: RuntimeWarning, message: "coroutine 'wait' was never awaited"}]
#     stderr: {exact: ["sys:1: RuntimeWarning: coroutine 'wait' was never awaited"]}
#   - python: ">=3.13"
#     completes: true
#     stdout: {exact: ["with block done", "results: [0, 1]", "last line"]}
#     warns: [{category: RuntimeWarning, message: "coroutine 'wait' was never awaited"}]
#     stderr: {exact: ["<sys>:0: RuntimeWarning: coroutine 'wait' was never awaited"]}
# ---
import asyncio
import concurrent.futures
import time


def job(n):
    time.sleep(0.02)
    return n


with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(job, n) for n in range(2)]
    _ = asyncio.wait(futures)
print("with block done")
print(f"results: {[f.result() for f in futures]}")
print("last line")
