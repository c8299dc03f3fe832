# send/throw/close on a generator in each of its states
out = []


def counter():
    try:
        received = yield 1
        out.append(("received", received))
        yield 2
    finally:
        out.append("finally ran")


g = counter()
try:
    g.send("early")
except TypeError as e:
    out.append(str(e))
out.append(next(g))
out.append(g.send("hello"))
g.close()
out.append("closed")
try:
    next(g)
except StopIteration as e:
    out.append(("StopIteration", e.args))
g.close()


def returns():
    yield "a"
    return "value"


r = returns()
next(r)
try:
    next(r)
except StopIteration as e:
    out.append(("returned", e.value))

fresh = counter()
try:
    fresh.throw(KeyError("k"))
except KeyError as e:
    out.append(("throw into fresh", repr(e)))
out.append(list(counter()))


def swallow():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse"


s = swallow()
next(s)
try:
    s.close()
except RuntimeError as e:
    out.append(str(e))


def inner():
    x = yield "inner"
    return ("inner got", x)


def outer():
    result = yield from inner()
    out.append(result)
    yield "outer"


o = outer()
out.append(next(o))
out.append(o.send(42))
