# ---
# title: ThreadPoolExecutor(max_workers=0) raises ValueError
# clauses: [cf.thread.1]
# source: "cpython-docs: concurrent.futures — ThreadPoolExecutor"
# expect:
#   - python: "*"
#     raises: {type: ValueError, message: "max_workers must be greater than 0"}
#     stdout: {exact: ["constructing"]}
# ---
import concurrent.futures

print("constructing")
concurrent.futures.ThreadPoolExecutor(max_workers=0)
print("not reached")
