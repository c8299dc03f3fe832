# ---
# title: leaving an executor's with block waits for every submitted job
# clauses: [cf.shutdown.5]
# source: "asyncio-guide: Executors"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "inside: done=[False, False, False]"
#         - "after with: done=[True, True, True]"
#         - "results: [0, 1, 4]"
# ---
import concurrent.futures
import time


def square(n):
    time.sleep(0.1)
    return n * n


with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    futs = [pool.submit(square, n) for n in range(3)]
    print("inside: done=" + str([f.done() for f in futs]))
print("after with: done=" + str([f.done() for f in futs]))
print("results:", [f.result() for f in futs])
