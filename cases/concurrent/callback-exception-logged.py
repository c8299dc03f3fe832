# ---
# title: an exception raised by a done-callback is logged and does not reach the caller
# clauses: [cf.callback.3]
# source: "cpython-docs: concurrent.futures — Future Objects"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "add_done_callback returned"
#         - "second callback ran"
#         - "set_result returned"
#     stderr:
#       regex: "^exception calling callback for <Future at 0x[0-9a-f]+ state=finished returned str>\\nTraceback \\(most recent call last\\):\\n(.*\\n)*?ValueError: broken callback$"
# ---
import concurrent.futures


def broken(fut):
    raise ValueError("broken callback")


def fine(fut):
    print("second callback ran")


fut = concurrent.futures.Future()
fut.add_done_callback(broken)
fut.add_done_callback(fine)
print("add_done_callback returned")
fut.set_result("ok")
print("set_result returned")
