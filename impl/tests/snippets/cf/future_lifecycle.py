# PENDING -> RUNNING -> FINISHED, and what each state refuses
import concurrent.futures as cf

f = cf.Future()
out = [f._state, f.running(), f.done()]
out.append(f.set_running_or_notify_cancel())
out += [f._state, f.running(), f.cancel(), f.done()]
f.set_result(3)
out += [f._state, f.done(), f.result(), f.exception(), f._result, f._exception]
try:
    f.set_exception(ValueError("late"))
except cf.InvalidStateError as e:
    out.append(str(e).split(":")[0])
try:
    f.set_running_or_notify_cancel()
except RuntimeError as e:
    out.append(str(e))
