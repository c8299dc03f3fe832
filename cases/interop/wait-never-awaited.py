# ---
# title: asyncio.wait() called on thread-pool futures but never awaited warns at finalisation; the jobs still run
# clauses: [interop.wait.1]
# source: "futures-not-compatible: concurrent.futures.Future and asyncio.wait()"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["before wait", "after wait", "job 0 done", "job 1 done", "job 2 done", "results: [0, 10, 20]"]}
#     warns: [{category: RuntimeWarning, message: "coroutine 'wait' was never awaited", line: 27}]
# ---
import asyncio
import concurrent.futures
import threading

gate = threading.Event()


def job(n):
    gate.wait()
    return n * 10


pool = concurrent.futures.ThreadPoolExecutor(max_workers=3)
futures = [pool.submit(job, n) for n in range(3)]
print("before wait")
asyncio.wait(futures)
print("after wait")
gate.set()
for n, fut in enumerate(futures):
    fut.result()
    print(f"job {n} done")
print(f"results: {[fut.result() for fut in futures]}")
pool.shutdown()
