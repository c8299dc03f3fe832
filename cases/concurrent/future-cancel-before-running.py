# ---
# title: cancelling a pending Future runs its callbacks inside cancel(); set_running_or_notify_cancel then returns False
# clauses: [cf.future.4]
# source: "cpython-docs: concurrent.futures — Future Objects"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "callback saw cancelled=True"
#         - "cancel() -> True"
#         - "cancel() again -> True"
#         - "set_running_or_notify_cancel -> False"
#         - "done=True running=False cancelled=True"
# ---
import concurrent.futures


def on_done(fut):
    print(f"callback saw cancelled={fut.cancelled()}")


fut = concurrent.futures.Future()
fut.add_done_callback(on_done)
print("cancel() ->", fut.cancel())
print("cancel() again ->", fut.cancel())
print("set_running_or_notify_cancel ->", fut.set_running_or_notify_cancel())
print(f"done={fut.done()} running={fut.running()} cancelled={fut.cancelled()}")
