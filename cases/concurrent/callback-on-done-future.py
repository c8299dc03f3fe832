# ---
# title: add_done_callback on a finished Future calls the callback at once, in the calling thread
# clauses: [cf.callback.1]
# source: "cpython-docs: concurrent.futures — Future Objects"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "before add_done_callback"
#         - "callback: result=7 in main thread: True"
#         - "after add_done_callback"
# ---
import concurrent.futures
import threading


def on_done(fut):
    here = threading.current_thread() is threading.main_thread()
    print(f"callback: result={fut.result()} in main thread: {here}")


fut = concurrent.futures.Future()
fut.set_result(7)
print("before add_done_callback")
fut.add_done_callback(on_done)
print("after add_done_callback")
