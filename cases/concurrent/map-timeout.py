# ---
# title: map(timeout=) raises TimeoutError at the first result not ready in time
# clauses: [cf.map.3, cf.exc.1]
# source: "cpython-docs: concurrent.futures — Executor Objects"
# flags: [threads]
# expect:
#   - python: "<3.11"
#     raises: {type: concurrent.futures.TimeoutError, message: ""}
#     stdout: {exact: ["got 0"]}
#   - python: ">=3.11"
#     raises: {type: TimeoutError, message: ""}
#     stdout: {exact: ["got 0"]}
# ---
import concurrent.futures
import time


def nap(seconds):
    time.sleep(seconds)
    return seconds


pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
for value in pool.map(nap, [0, 0.4], timeout=0.1):
    print("got", value)
print("not reached")
