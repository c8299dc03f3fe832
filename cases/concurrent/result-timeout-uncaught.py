# ---
# title: result(timeout=) on a job still running raises TimeoutError with an empty message
# clauses: [cf.result.1, cf.exc.1]
# source: "cpython-docs: concurrent.futures — Future Objects"
# flags: [threads]
# expect:
#   - python: "<3.11"
#     raises: {type: concurrent.futures.TimeoutError, message: ""}
#     stdout: {exact: ["waiting 0.05 s"]}
#   - python: ">=3.11"
#     raises: {type: TimeoutError, message: ""}
#     stdout: {exact: ["waiting 0.05 s"]}
# ---
import concurrent.futures
import time


def slow():
    time.sleep(0.3)
    return "late"


pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
fut = pool.submit(slow)
print("waiting 0.05 s")
fut.result(timeout=0.05)
print("not reached")
