# ---
# title: after shutdown(wait=False) done() returns False without raising and the job still finishes
# clauses: [cf.shutdown.2]
# source: "asyncio-guide: Executors"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "shutdown returned"
#         - "done() -> False"
#         - "result() -> 123"
#         - "done() -> True"
# ---
import concurrent.futures
import threading

release = threading.Event()


def slow_op():
    release.wait(5)
    return 123


pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
fut = pool.submit(slow_op)
pool.shutdown(wait=False)
print("shutdown returned")
print("done() ->", fut.done())
release.set()
print("result() ->", fut.result())
print("done() ->", fut.done())
