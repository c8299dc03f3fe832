# A context that holds a variable whose value refers back to the context
# is a cycle the collector frees once nothing else refers to it; so is one
# given its variables by copy_context() of a context that holds them.
import contextvars
import gc

out = []
var = contextvars.ContextVar("var")


def guard(tag, refers_to):
    # a suspended generator: its finally runs when the collector frees it
    try:
        yield
    finally:
        out.append(("freed", tag, refers_to is not None))


def guarded(tag, refers_to):
    g = guard(tag, refers_to)
    next(g)
    return g


def store_self(ctx, tag):
    var.set(guarded(tag, ctx))


ctx = contextvars.Context()
ctx.run(store_self, ctx, "set inside run")
out.append(("len", len(ctx)))
del ctx
out.append("garbage now")
gc.collect()


def copy_and_keep(tag):
    holder = []
    var.set(holder)
    holder.append(guarded(tag, contextvars.copy_context()))


contextvars.Context().run(copy_and_keep, "copied")
out.append("garbage now")
gc.collect()
out.append(("nothing left", gc.collect()))


def empty_contexts():
    for _ in range(3):
        contextvars.copy_context().run(lambda: None)
    return len(contextvars.copy_context())


out.append(("empty", empty_contexts()))
