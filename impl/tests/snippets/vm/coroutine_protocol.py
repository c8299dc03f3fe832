# a coroutine driven by hand, as a Task drives it
out = []


class Ready:
    def __await__(self):
        value = yield "suspended"
        return ("resumed with", value)


async def child():
    return await Ready()


async def parent():
    got = await child()
    out.append(got)
    return "done"


c = parent()
out.append(type(c).__name__)
try:
    c.send("not None")
except TypeError as e:
    out.append(str(e))
out.append(c.send(None))
try:
    c.send("wake")
except StopIteration as e:
    out.append(("stop", e.value))
try:
    c.send(None)
except RuntimeError as e:
    out.append(str(e))


async def bad():
    await 5


b = bad()
try:
    b.send(None)
except TypeError as e:
    out.append(str(e))


async def thrown():
    try:
        await Ready()
    except ValueError as e:
        return ("caught", str(e))


t = thrown()
t.send(None)
try:
    t.throw(ValueError("in"))
except StopIteration as e:
    out.append(e.value)

closed = parent()
closed.close()
try:
    closed.send(None)
except RuntimeError as e:
    out.append(str(e))


async def reentrant():
    me.send(None)


me = reentrant()
try:
    me.send(None)
except ValueError as e:
    out.append(str(e))
