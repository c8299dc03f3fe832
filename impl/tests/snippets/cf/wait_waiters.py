# wait(): early returns, FIRST_EXCEPTION, the timeout path, and the waiter
# it installs taken off every future afterwards
import concurrent.futures as cf

done1, done2, failed, pending = cf.Future(), cf.Future(), cf.Future(), cf.Future()
done1.set_result(1)
done2.set_result(2)
failed.set_exception(OSError("x"))
out = []
r = cf.wait([done1, done2])
out += [type(r).__name__, len(r.done), len(r.not_done), r.done == {done1, done2}]
r = cf.wait([done1, pending], return_when=cf.FIRST_COMPLETED)
out += [r.done == {done1}, r.not_done == {pending}]
r = cf.wait([done1, pending], return_when=cf.FIRST_EXCEPTION, timeout=0.01)
out += [r.done == {done1}, r.not_done == {pending}]
r = cf.wait([failed, pending], return_when=cf.FIRST_EXCEPTION)
out += [r.done == {failed}]
r = cf.wait([pending], timeout=0.01)
out += [len(r.done), len(r.not_done), pending._waiters]
try:
    cf.wait([pending], return_when="SOMETIMES")
except ValueError as e:
    out.append(str(e))
out.append(pending._waiters)
try:
    cf.wait([pending, 5])
except AttributeError as e:
    out.append(str(e))
