# ---
# title: functools.partial fixes arguments (call keywords override stored ones) and functools.wraps copies the wrapped function's names
# clauses: [lang.mod.functools.1]
# source: "cpython-docs: functools — partial, wraps"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "partial: 10 11 15"
#         - "stored: 10 40 (10,) {}"
#         - "keywords: {'factor': 2}"
#         - "wraps: 42 answer answer the answer answer"
# ---
import functools


def scale(x, factor=1, offset=0):
    return x * factor + offset


double = functools.partial(scale, factor=2)
print("partial:", double(5), double(5, offset=1), double(5, factor=3))
p = functools.partial(scale, 10)
print("stored:", p(), p(factor=4), p.args, p.keywords)
print("keywords:", double.keywords)


def deco(fn):
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        return fn(*args, **kwargs) + 1
    return inner


@deco
def answer():
    """the answer"""
    return 41


print("wraps:", answer(), answer.__name__, answer.__qualname__, answer.__doc__, answer.__wrapped__.__name__)
