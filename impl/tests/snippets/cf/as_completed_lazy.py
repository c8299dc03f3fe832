# as_completed is a generator: nothing is checked before the first next();
# finished futures come first; a timeout names the unfinished count; the
# waiter is removed when the generator ends
import concurrent.futures as cf

out = []
gen = cf.as_completed(5)
out.append(type(gen).__name__)
try:
    next(gen)
except TypeError as e:
    out.append(str(e))
a, b = cf.Future(), cf.Future()
a.set_result("a")
gen = cf.as_completed([a, b], timeout=0.02)
out.append(next(gen) is a)
out.append(len(b._waiters))
try:
    next(gen)
except cf.TimeoutError as e:
    out.append(str(e))
out.append(len(b._waiters))
gen = cf.as_completed([b])
b.set_result("b")
out.append([f.result() for f in gen])
