# ---
# title: calling shutdown() again on an executor that is already shut down does nothing and raises nothing
# clauses: [cf.shutdown.6]
# source: "cpython-docs: concurrent.futures — Executor Objects"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "first shutdown() returned; result 1024"
#         - "second shutdown() returned"
#         - "third shutdown(wait=False) returned"
#     stderr: {empty: true}
# ---
import concurrent.futures


def power(base, exponent):
    return base ** exponent


pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
fut = pool.submit(power, 2, 10)
pool.shutdown()
print(f"first shutdown() returned; result {fut.result()}")
pool.shutdown()
print("second shutdown() returned")
pool.shutdown(wait=False)
print("third shutdown(wait=False) returned")
