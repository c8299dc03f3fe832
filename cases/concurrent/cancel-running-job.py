# ---
# title: cancel() on a running job returns False and the job finishes normally
# clauses: [cf.cancel.2]
# source: "cpython-docs: concurrent.futures — Future Objects"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "running=True"
#         - "cancel() -> False"
#         - "cancelled=False done=False"
#         - "result -> finished"
#         - "cancel() after completion -> False"
# ---
import concurrent.futures
import threading

started = threading.Event()
release = threading.Event()


def job():
    started.set()
    release.wait(5)
    return "finished"


with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
    fut = pool.submit(job)
    started.wait(5)
    print(f"running={fut.running()}")
    print("cancel() ->", fut.cancel())
    print(f"cancelled={fut.cancelled()} done={fut.done()}")
    release.set()
    print("result ->", fut.result())
    print("cancel() after completion ->", fut.cancel())
