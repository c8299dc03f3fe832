# ---
# title: a Future made directly goes from pending to running to finished
# clauses: [cf.future.1]
# source: "cpython-docs: concurrent.futures — Future Objects"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "pending: done=False running=False cancelled=False"
#         - "set_running_or_notify_cancel -> True"
#         - "running: done=False running=True cancelled=False"
#         - "finished: done=True running=False cancelled=False"
#         - "result -> 42"
#         - "exception -> None"
# ---
import concurrent.futures


def show(label, fut):
    print(f"{label}: done={fut.done()} running={fut.running()} cancelled={fut.cancelled()}")


fut = concurrent.futures.Future()
show("pending", fut)
print("set_running_or_notify_cancel ->", fut.set_running_or_notify_cancel())
show("running", fut)
fut.set_result(42)
show("finished", fut)
print("result ->", fut.result())
print("exception ->", fut.exception())
