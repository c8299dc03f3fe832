# ---
# title: cancel() on a job still in the queue succeeds and result() raises CancelledError
# clauses: [cf.cancel.1]
# source: "cpython-docs: concurrent.futures — Future Objects"
# flags: [threads]
# expect:
#   - python: "*"
#     raises: {type: concurrent.futures.CancelledError, message: ""}
#     stdout:
#       exact:
#         - "cancel() -> True"
#         - "cancelled=True done=True running=False"
#         - "first job -> first"
# ---
import concurrent.futures
import threading

started = threading.Event()
release = threading.Event()


def blocker():
    started.set()
    release.wait(5)
    return "first"


pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
first = pool.submit(blocker)
started.wait(5)
queued = pool.submit(str, "second")
print("cancel() ->", queued.cancel())
print(f"cancelled={queued.cancelled()} done={queued.done()} running={queued.running()}")
release.set()
print("first job ->", first.result())
pool.shutdown()
queued.result()
