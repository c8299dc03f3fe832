# an async generator driven by hand: asend/athrow/aclose awaitables, the
# end of the body as StopAsyncIteration, and the hooks an event loop sets
import sys

out = []


class Pause:
    def __await__(self):
        got = yield "to the loop"
        return got


def step(aw, value=None):
    """one send into an awaitable: ('yield', v), ('value', v) or ('raise', exc)"""
    try:
        return ("yield", aw.send(value))
    except StopIteration as e:
        return ("value", e.value)
    except BaseException as e:
        return ("raise", type(e).__name__, str(e))


async def agen():
    try:
        got = yield 1
        out.append(("sent in", got))
        paused = await Pause()
        out.append(("pause gave", paused))
        yield 2
    finally:
        out.append("finally")


g = agen()
out.append(type(g).__name__)
out.append(g.__aiter__() is g)
a = g.__anext__()
out.append(type(a).__name__)
out.append(step(a))
out.append(step(a))
b = g.asend("hello")
out.append(step(b))
out.append(step(b, "resumed"))
out.append(step(g.__anext__()))
out.append(step(g.__anext__()))

c = agen()
out.append(step(c.__anext__()))
out.append(step(c.aclose()))
out.append(step(c.aclose()))
out.append(step(c.__anext__()))

d = agen()
out.append(step(d.__anext__()))
out.append(step(d.athrow(KeyError("k"))))


async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


s = stubborn()
out.append(step(s.__anext__()))
out.append(step(s.aclose()))


async def raises_stop():
    raise StopAsyncIteration
    yield


out.append(step(raises_stop().__anext__()))

seen = []
sys.set_asyncgen_hooks(firstiter=lambda gen: seen.append(("first", type(gen).__name__)),
                       finalizer=lambda gen: seen.append("finalize"))
h = agen()
out.append(step(h.__anext__()))
del h
sys.set_asyncgen_hooks(None, None)
out.append(seen)
try:
    sys.set_asyncgen_hooks(firstiter=5)
except TypeError as e:
    out.append(str(e))
