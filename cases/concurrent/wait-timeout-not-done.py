# ---
# title: wait() with a timeout returns the unfinished jobs in not_done and cancels nothing
# clauses: [cf.wait.3]
# source: "cpython-docs: concurrent.futures — Module Functions"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "done: ['a', 'b']"
#         - "not_done: 1"
#         - "unfinished job cancelled: False"
#         - "without timeout: done=3 not_done=0"
# ---
import concurrent.futures
import threading

release = threading.Event()


def gated():
    release.wait(5)
    return "c"


with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    futs = [pool.submit(str, "a"), pool.submit(str, "b"), pool.submit(gated)]
    done, not_done = concurrent.futures.wait(futs, timeout=0.1)
    print("done:", sorted(f.result() for f in done))
    print("not_done:", len(not_done))
    print("unfinished job cancelled:", futs[2].cancelled())
    release.set()
    done, not_done = concurrent.futures.wait(futs)
    print(f"without timeout: done={len(done)} not_done={len(not_done)}")
