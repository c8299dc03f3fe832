# ---
# title: as_completed(timeout=) raises TimeoutError naming how many futures are unfinished
# clauses: [cf.as-completed.2, cf.exc.1]
# source: "cpython-docs: concurrent.futures — Module Functions"
# flags: [threads]
# expect:
#   - python: "<3.11"
#     raises: {type: concurrent.futures.TimeoutError, message: "1 (of 2) futures unfinished"}
#     stdout: {exact: ["yielded quick"]}
#   - python: ">=3.11"
#     raises: {type: TimeoutError, message: "1 (of 2) futures unfinished"}
#     stdout: {exact: ["yielded quick"]}
# ---
import concurrent.futures
import time


def slow():
    time.sleep(0.4)
    return "slow"


pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
futs = [pool.submit(slow), pool.submit(str, "quick")]
for fut in concurrent.futures.as_completed(futs, timeout=0.15):
    print("yielded", fut.result())
print("not reached")
