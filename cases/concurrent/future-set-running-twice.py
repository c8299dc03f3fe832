# ---
# title: set_running_or_notify_cancel on a Future that is no longer pending raises RuntimeError
# clauses: [cf.future.5]
# source: "cpython-docs: concurrent.futures — Future Objects"
# expect:
#   - python: "*"
#     raises: {type: RuntimeError, message: "Future in unexpected state"}
#     stdout: {exact: ["first call -> True"]}
#     stderr:
#       regex: "^Future [0-9]+ in unexpected state: RUNNING$"
# ---
import concurrent.futures

fut = concurrent.futures.Future()
print("first call ->", fut.set_running_or_notify_cancel())
fut.set_running_or_notify_cancel()
print("not reached")
