# done-callbacks: in order at completion, at once when added to a done
# future; one that raises is logged (through sys.stderr as it is then) and
# the next still runs; _done_callbacks keeps them all
import concurrent.futures as cf
import sys


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        pass


order = []


def bad(fut):
    order.append("bad")
    raise ValueError("from callback")


def good(fut):
    order.append(("good", fut.result()))


f = cf.Future()
f.add_done_callback(bad)
f.add_done_callback(good)
saved, sys.stderr = sys.stderr, Capture()
try:
    f.set_result(7)
    order.append("after set_result")
    f.add_done_callback(good)
    order.append("after late add")
    logged = "".join(sys.stderr.parts).splitlines()
finally:
    sys.stderr = saved
out = [order, len(f._done_callbacks), logged[0].split(" at ")[0], logged[1], logged[-1]]
