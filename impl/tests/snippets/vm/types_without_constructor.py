# Built-in types that Python code cannot instantiate refuse it, instead of
# making an object with none of its fields set
def gen():
    yield 1


async def coro():
    pass


c = coro()
kinds = [type(gen()), type(c), type(iter([])), type(print), type({}.keys()), type(iter(range(2)))]
c.close()
out = []
for kind in kinds:
    try:
        kind()
        out.append((kind.__name__, "made"))
    except TypeError as e:
        out.append((kind.__name__, str(e)))
