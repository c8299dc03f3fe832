# ---
# title: as_completed() yields futures in the order their jobs finish, not the order given
# clauses: [cf.as-completed.1]
# source: "cpython-docs: concurrent.futures — Module Functions"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["first", "second", "third"]}
# ---
import concurrent.futures
import threading
import time

futs = {}
ready = threading.Event()


def job(name, after):
    # Each job finishes only after the job named by `after` has finished.
    ready.wait(5)
    if after is not None:
        futs[after].result(5)
    time.sleep(0.05)
    return name


with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    futs["third"] = pool.submit(job, "third", "second")
    futs["second"] = pool.submit(job, "second", "first")
    futs["first"] = pool.submit(job, "first", None)
    ready.set()
    given = [futs["third"], futs["second"], futs["first"]]
    for fut in concurrent.futures.as_completed(given):
        print(fut.result())
