# ---
# title: add_done_callback() on a cancelled Future calls the callback at once, in the calling thread
# clauses: [cf.callback.4]
# source: "cpython-docs: concurrent.futures — Future Objects"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "cancel() -> True"
#         - "before add_done_callback"
#         - "callback: cancelled=True in main thread: True"
#         - "after add_done_callback"
# ---
import concurrent.futures
import threading


def on_done(fut):
    here = threading.current_thread() is threading.main_thread()
    print(f"callback: cancelled={fut.cancelled()} in main thread: {here}")


fut = concurrent.futures.Future()
print(f"cancel() -> {fut.cancel()}")
print("before add_done_callback")
fut.add_done_callback(on_done)
print("after add_done_callback")
