# A generator or coroutine takes __name__ and __qualname__ from its
# function, which a decorator may have renamed, and gi_code/cr_code from
# the code that runs.
import functools

out = []


def renaming(fn):
    @functools.wraps(fn)
    async def wrapper(*args):
        return await fn(*args)
    return wrapper


@renaming
async def fetch():
    return 1


def plain():
    yield 1


class Holder:
    async def method(self):
        pass


for make in (fetch, plain, Holder().method):
    g = make()
    out.append((g.__name__, g.__qualname__, (g.cr_code if hasattr(g, "cr_code") else g.gi_code).co_name))
    g.close()
c = fetch()
out.append(repr(c).split(" at ")[0])
c.close()
