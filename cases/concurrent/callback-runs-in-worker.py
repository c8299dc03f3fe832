# ---
# title: a callback added to a pending Future runs in the worker thread that completes it
# clauses: [cf.callback.2]
# source: "cpython-docs: concurrent.futures — Future Objects"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "registered while done=False"
#         - "callback calls: 1"
#         - "callback thread: calc_0"
#         - "callback saw result: 9"
#         - "main thread: MainThread"
# ---
import concurrent.futures
import threading

started = threading.Event()
release = threading.Event()
seen = []


def job():
    started.set()
    release.wait(5)
    return 9


def on_done(fut):
    seen.append((threading.current_thread().name, fut.result()))


pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="calc")
fut = pool.submit(job)
started.wait(5)
fut.add_done_callback(on_done)
print(f"registered while done={fut.done()}")
release.set()
pool.shutdown(wait=True)
print("callback calls:", len(seen))
print("callback thread:", seen[0][0])
print("callback saw result:", seen[0][1])
print("main thread:", threading.current_thread().name)
