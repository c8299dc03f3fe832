# ---
# title: a job submitted while the pool's only worker is idle runs in that worker, not in a new thread
# clauses: [cf.thread.5, cf.thread.2]
# source: "cpython-docs: concurrent.futures — ThreadPoolExecutor"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "job 1 ran in ThreadPoolExecutor-0_0"
#         - "job 2 ran in ThreadPoolExecutor-0_0"
#         - "job 3 ran in ThreadPoolExecutor-0_0"
# ---
import concurrent.futures
import threading
import time


def whoami(n):
    return f"job {n} ran in {threading.current_thread().name}"


with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
    for n in (1, 2, 3):
        print(pool.submit(whoami, n).result())
        # let the worker go back to waiting on the queue before the next submit
        time.sleep(0.05)
