# ---
# title: wait(return_when=FIRST_COMPLETED) returns as soon as one job has finished
# clauses: [cf.wait.1]
# source: "cpython-docs: concurrent.futures — Module Functions"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "done: ['quick']"
#         - "not_done: 1"
#         - "gated job still running: True"
# ---
import concurrent.futures
import threading

release = threading.Event()


def gated():
    release.wait(5)
    return "gated"


with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    slow = pool.submit(gated)
    quick = pool.submit(str, "quick")
    done, not_done = concurrent.futures.wait(
        [slow, quick], return_when=concurrent.futures.FIRST_COMPLETED)
    print("done:", sorted(f.result() for f in done))
    print("not_done:", len(not_done))
    print("gated job still running:", slow in not_done and slow.running())
    release.set()
