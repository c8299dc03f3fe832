# ---
# title: wait(return_when=FIRST_EXCEPTION) returns when a job raises, not when one returns
# clauses: [cf.wait.2]
# source: "cpython-docs: concurrent.futures — Module Functions"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "done: 2"
#         - "failed: ['ZeroDivisionError']"
#         - "returned: ['fast']"
#         - "not_done is the gated job: True"
# ---
import concurrent.futures
import threading
import time

release = threading.Event()


def gated():
    release.wait(5)
    return "gated"


def fails_later():
    time.sleep(0.1)
    return 1 // 0


with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    slow = pool.submit(gated)
    fast = pool.submit(str, "fast")
    bad = pool.submit(fails_later)
    done, not_done = concurrent.futures.wait(
        [slow, fast, bad], return_when=concurrent.futures.FIRST_EXCEPTION)
    print("done:", len(done))
    print("failed:", sorted(type(f.exception()).__name__ for f in done if f.exception() is not None))
    print("returned:", sorted(f.result() for f in done if f.exception() is None))
    print("not_done is the gated job:", not_done == {slow})
    release.set()
