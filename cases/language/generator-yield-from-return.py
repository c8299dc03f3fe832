# ---
# title: yield from passes values through and evaluates to the subgenerator's return value
# clauses: [lang.gen.2]
# source: "cpython-docs: reference — Yield expressions"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "yielded: a b"
#         - "inner returned 'done'"
#         - "yielded: c"
#         - "StopIteration value: 42"
#         - "inner returned 'done'"
#         - "list: ['a', 'b', 'c']"
# ---
def inner():
    yield "a"
    yield "b"
    return "done"


def outer():
    result = yield from inner()
    print(f"inner returned {result!r}")
    yield "c"
    return 42


g = outer()
print("yielded:", next(g), next(g))
print("yielded:", next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
print("list:", list(outer()))
