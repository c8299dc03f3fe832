# contextvars: get/set/reset and their errors, Context as a mapping, run()
# entering and leaving, copies sharing values until one sets
import contextvars

out = []
v = contextvars.ContextVar("v", default=1)
w = contextvars.ContextVar("w")
out.append((v.get(), w.get("fallback"), v.name))
token = w.set(5)
out.append((token.var is w, token.old_value is contextvars.Token.MISSING, w.get()))
second = w.set(6)
out.append((second.old_value, w.get()))
w.reset(second)
out.append(w.get())
w.reset(token)
out.append(w.get(None))


def error(fn):
    try:
        fn()
    except Exception as e:
        return type(e).__name__, str(e).split(" at 0x")[0]


out.append(error(lambda: w.reset(token)))
out.append(error(lambda: w.get()))
out.append(error(lambda: v.reset(w.set(1))))
out.append(error(lambda: contextvars.ContextVar(1)))
out.append(error(lambda: contextvars.copy_context()[1]))
out.append(error(lambda: contextvars.Context()[v]))
out.append(error(lambda: v.reset(1)))
ctx = contextvars.copy_context()
out.append((len(ctx), w in ctx, v in ctx, ctx[w], ctx.get(v), ctx.get(v, 9)))
out.append((sorted(var.name for var in ctx), list(ctx.values()), [(k.name, x) for k, x in ctx.items()]))
copy = ctx.copy()
out.append((copy == ctx, contextvars.Context() == contextvars.Context(), copy is ctx))
ctx.run(w.set, 7)
out.append((ctx[w], copy[w], w.get(), copy == ctx))
out.append(ctx.run(lambda a, b=0: (w.get(), a + b), 2, b=3))
out.append(error(lambda: ctx.run(ctx.run, len, "x")))
out.append(w.get())
inner = ctx.run(w.set, 8)
out.append(error(lambda: w.reset(inner)))
ctx.run(w.reset, inner)
out.append(ctx[w])
