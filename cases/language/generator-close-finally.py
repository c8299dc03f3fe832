# ---
# title: close() on a suspended generator raises GeneratorExit at the yield, so finally runs
# clauses: [lang.gen.3]
# source: "cpython-docs: reference — generator.close"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "got 0"
#         - "got 1"
#         - "caught GeneratorExit"
#         - "finally runs"
#         - "closed"
#         - "StopIteration after close"
#         - "close on a fresh generator runs nothing"
#         - "RuntimeError: generator ignored GeneratorExit"
# ---
def numbers():
    try:
        i = 0
        while True:
            yield i
            i += 1
    except GeneratorExit:
        print("caught GeneratorExit")
        raise
    finally:
        print("finally runs")


g = numbers()
print("got", next(g))
print("got", next(g))
g.close()
print("closed")
try:
    next(g)
except StopIteration:
    print("StopIteration after close")

fresh = numbers()
fresh.close()
print("close on a fresh generator runs nothing")


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
