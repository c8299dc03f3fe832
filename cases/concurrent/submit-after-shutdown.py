# ---
# title: submit() after shutdown() raises RuntimeError
# clauses: [cf.shutdown.4]
# source: "cpython-docs: concurrent.futures — Executor Objects"
# flags: [threads]
# expect:
#   - python: "*"
#     raises: {type: RuntimeError, message: "cannot schedule new futures after shutdown"}
#     stdout: {exact: ["first -> 1"]}
# ---
import concurrent.futures

pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
print("first ->", pool.submit(len, "a").result())
pool.shutdown()
pool.submit(len, "b")
print("not reached")
