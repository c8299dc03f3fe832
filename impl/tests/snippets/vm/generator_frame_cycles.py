# Cycles through a suspended generator's frame: its locals, a traceback
# that refers to the frame, the frame taken through gi_frame. Each is
# garbage once the last outside reference goes, and the collector closes
# the generator (its finally runs) and frees it.
import gc

out = []


def holds_itself(tag):
    me = yield
    try:
        yield
    finally:
        out.append(("closed", tag, me is not None))


def keeps_traceback(tag):
    me = yield
    try:
        raise ValueError(tag)
    except ValueError as e:
        err = e  # err -> traceback -> this frame -> err
    try:
        yield err.__traceback__.tb_frame is not None
    finally:
        out.append(("closed", tag))


def cycle(make, tag, share_frame=False):
    g = make(tag)
    next(g)
    out.append(("first yield", g.send(g)))
    if share_frame:
        out.append(("line", g.gi_frame.f_lineno - g.gi_code.co_firstlineno))
    out.append(("garbage from here", tag))


cycle(holds_itself, "locals")
gc.collect()
cycle(keeps_traceback, "traceback")
gc.collect()
cycle(holds_itself, "gi_frame", share_frame=True)
gc.collect()
out.append(("nothing left", gc.collect()))


def running():
    frame = yield
    yield frame.f_lineno


g = running()
next(g)
f = g.gi_frame
out.append(("suspended at", f.f_lineno - g.gi_code.co_firstlineno))
del g
out.append(("frame outlives its generator", f.f_code.co_name))
