# ---
# title: the repr of a Future names its class, its id in hex and its state, and what it finished with
# clauses: [cf.future.6]
# source: "cpython-docs: concurrent.futures — Future Objects"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "<Future at ID state=pending>"
#         - "<Future at ID state=running>"
#         - "<Future at ID state=finished returned list>"
#         - "<Future at ID state=cancelled>"
#         - "<Future at ID state=cancelled>"
#         - "<Future at ID state=finished raised KeyError>"
#         - "<Tracked at ID state=pending>"
#         - "address is the id in hex: True"
# ---
import concurrent.futures


class Tracked(concurrent.futures.Future):
    pass


def show(fut):
    text = repr(fut)
    print(text.replace(hex(id(fut)), "ID"))


running = concurrent.futures.Future()
show(running)
running.set_running_or_notify_cancel()
show(running)
running.set_result([1, 2])
show(running)

cancelled = concurrent.futures.Future()
cancelled.cancel()
show(cancelled)
cancelled.set_running_or_notify_cancel()
show(cancelled)

failed = concurrent.futures.Future()
failed.set_exception(KeyError("k"))
show(failed)

sub = Tracked()
show(sub)
print("address is the id in hex:", f" at {hex(id(sub))} " in repr(sub))
