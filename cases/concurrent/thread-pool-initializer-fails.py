# ---
# title: a failing initializer breaks the pool; pending jobs fail with BrokenThreadPool
# clauses: [cf.thread.4]
# source: "cpython-docs: concurrent.futures — ThreadPoolExecutor"
# flags: [threads]
# expect:
#   - python: "*"
#     raises:
#       type: concurrent.futures.thread.BrokenThreadPool
#       message: "A thread initializer failed, the thread pool is not usable anymore"
#     stdout: {exact: ["submitted", "is a BrokenExecutor: True"]}
#     stderr:
#       contains: ["Exception in initializer:", "RuntimeError: no config"]
# ---
import concurrent.futures


def init():
    raise RuntimeError("no config")


pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, initializer=init)
fut = pool.submit(abs, -1)
print("submitted")
print("is a BrokenExecutor:", isinstance(fut.exception(), concurrent.futures.BrokenExecutor))
fut.result()
print("not reached")
