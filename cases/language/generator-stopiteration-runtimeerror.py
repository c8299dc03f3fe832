# ---
# title: a StopIteration that escapes a generator's body becomes RuntimeError('generator raised StopIteration')
# clauses: [lang.gen.5]
# source: "cpython-docs: exceptions — StopIteration"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "first: 1"
#         - "RuntimeError: generator raised StopIteration"
#         - "cause: StopIteration True"
#         - "list() got partial? no"
#         - "guarded: [1, 2]"
# ---
def leaky(src):
    while True:
        yield next(src)


def one():
    yield 1


g = leaky(one())
print("first:", next(g))
try:
    next(g)
except RuntimeError as e:
    print("RuntimeError:", e)
    print("cause:", type(e.__cause__).__name__, e.__context__ is e.__cause__)
try:
    items = list(leaky(one()))
    print("list() got partial? yes", items)
except RuntimeError:
    print("list() got partial? no")


def guarded(src):
    while True:
        try:
            v = next(src)
        except StopIteration:
            return
        yield v


def onetwo():
    yield 1
    yield 2


print("guarded:", list(guarded(onetwo())))
