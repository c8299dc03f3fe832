# ---
# title: throw() raises the exception at the paused yield; a handled throw returns the next value
# clauses: [lang.gen.4]
# source: "cpython-docs: reference — generator.throw"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "next -> 1"
#         - "handled ValueError('bad')"
#         - "throw -> -1"
#         - "next -> 2"
#         - "propagated KeyError('k')"
#         - "exhausted"
# ---
def gen():
    n = 0
    while n < 2:
        n += 1
        try:
            yield n
        except ValueError as e:
            print(f"handled {e!r}")
            yield -1


g = gen()
print("next ->", next(g))
print("throw ->", g.throw(ValueError("bad")))
print("next ->", next(g))
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print(f"propagated {e!r}")
try:
    next(g)
except StopIteration:
    print("exhausted")
