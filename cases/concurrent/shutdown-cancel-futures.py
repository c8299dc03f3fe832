# ---
# title: shutdown(cancel_futures=True) cancels queued jobs and lets the running one finish
# clauses: [cf.shutdown.3]
# source: "cpython-docs: concurrent.futures — Executor Objects"
# flags: [threads]
# expect:
#   - python: "<3.9"
#     raises: {type: TypeError, message: "shutdown() got an unexpected keyword argument 'cancel_futures'"}
#     stdout: {exact: ["first job running: True"]}
#   - python: ">=3.9"
#     completes: true
#     stdout:
#       exact:
#         - "first job running: True"
#         - "first job -> ran"
#         - "queued jobs cancelled: [True, True]"
# ---
import concurrent.futures
import threading
import time

started = threading.Event()


def job():
    started.set()
    time.sleep(0.1)
    return "ran"


pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
first = pool.submit(job)
queued = [pool.submit(str, 1), pool.submit(str, 2)]
started.wait(5)
print("first job running:", first.running())
pool.shutdown(cancel_futures=True)
print("first job ->", first.result())
print("queued jobs cancelled:", [f.cancelled() for f in queued])
