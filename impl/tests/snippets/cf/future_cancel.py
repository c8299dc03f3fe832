# PENDING -> CANCELLED -> CANCELLED_AND_NOTIFIED; a cancelled future
# refuses results and raises CancelledError from result() and exception()
import concurrent.futures as cf

f = cf.Future()
out = [f.cancel(), f._state, f.cancel(), f.cancelled(), f.done(), f.running()]
out.append(f.set_running_or_notify_cancel())
out.append(f._state)
for method in (f.result, f.exception):
    try:
        method()
    except cf.CancelledError as e:
        out.append(type(e).__name__ + repr(e.args))
try:
    f.set_result(1)
except cf.InvalidStateError as e:
    out.append(str(e).split(":")[0])
out.append(f.cancel())
