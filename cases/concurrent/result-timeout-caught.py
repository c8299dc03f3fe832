# ---
# title: a result() timeout leaves the job running; a later result() returns its value
# clauses: [cf.result.2]
# source: "cpython-docs: concurrent.futures — Future Objects"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "caught TimeoutError, str=''"
#         - "after timeout: done=False cancelled=False"
#         - "second wait -> late"
# ---
import concurrent.futures
import time


def slow():
    time.sleep(0.2)
    return "late"


with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
    fut = pool.submit(slow)
    try:
        fut.result(timeout=0.02)
    except concurrent.futures.TimeoutError as exc:
        print(f"caught {type(exc).__name__}, str={str(exc)!r}")
    print(f"after timeout: done={fut.done()} cancelled={fut.cancelled()}")
    print("second wait ->", fut.result(timeout=5))
