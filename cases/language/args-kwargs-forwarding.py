# ---
# title: a wrapper forwards *args and **kwargs unchanged; a keyword given twice through ** is a TypeError
# clauses: [lang.func.6]
# source: "cpython-docs: reference — Calls"
# expect:
#   - python: "==3.8"
#     completes: true
#     stdout:
#       exact:
#         - "target(1, 2, c=3, d=4)"
#         - "target(1, 2, c=30, d=40)"
#         - "target(0, 1, c=2, d=3)"
#         - "wrapped got args=(5,) kwargs={'d': 6, 'b': 7}"
#         - "target(5, 7, c=None, d=6)"
#         - "target(1, 2, c=9, d=8)"
#         - "target() got multiple values for keyword argument 'c'"
#         - "target() got multiple values for argument 'a'"
#   - python: ">=3.9"
#     completes: true
#     stdout:
#       exact:
#         - "target(1, 2, c=3, d=4)"
#         - "target(1, 2, c=30, d=40)"
#         - "target(0, 1, c=2, d=3)"
#         - "wrapped got args=(5,) kwargs={'d': 6, 'b': 7}"
#         - "target(5, 7, c=None, d=6)"
#         - "target(1, 2, c=9, d=8)"
#         - "__main__.target() got multiple values for keyword argument 'c'"
#         - "target() got multiple values for argument 'a'"
# ---
def target(a, b, c=None, d=None):
    return f"target({a}, {b}, c={c}, d={d})"


def wrap(func, verbose=False):
    def inner(*args, **kwargs):
        if verbose:
            print(f"wrapped got args={args} kwargs={kwargs}")
        return func(*args, **kwargs)
    return inner


w = wrap(target)
print(w(1, 2, c=3, d=4))
print(w(*[1, 2], **{"c": 30, "d": 40}))
print(w(*range(2), *[2], **{"d": 3}))
print(wrap(target, True)(5, d=6, b=7))
opts = {"d": 8}
print(target(1, *[2], c=9, **opts))
for call in (lambda: target(1, 2, c=1, **{"c": 2}), lambda: w(1, 2, **{"a": 0})):
    try:
        call()
    except TypeError as e:
        print(e)
