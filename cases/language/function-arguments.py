# ---
# title: defaults, *args, **kwargs, keyword-only parameters and argument unpacking at the call
# clauses: [lang.func.1, lang.func.2]
# source: "cpython-docs: reference — Function definitions"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "a=1 b=10 args=() sep=',' kw={}"
#         - "a=1 b=2 args=(3, 4) sep=',' kw={}"
#         - "a=1 b=2 args=() sep=';' kw={'x': 5, 'y': 6}"
#         - "a=7 b=8 args=(9,) sep='-' kw={'z': 0}"
#         - "a=0 b=1 args=() sep=',' kw={}"
#         - "only kw: 3"
#         - "TypeError: f() missing 1 required positional argument: 'a'"
#         - "TypeError: needs_kw() takes 1 positional argument but 2 were given"
#         - "TypeError: needs_kw() missing 1 required keyword-only argument: 'k'"
#         - "TypeError: f() got multiple values for argument 'a'"
#         - "TypeError: needs_kw() got an unexpected keyword argument 'q'"
#         - "[1] [1, 1]"
# ---
def f(a, b=10, *args, sep=",", **kw):
    print(f"a={a} b={b} args={args} sep={sep!r} kw={kw}")


f(1)
f(1, 2, 3, 4)
f(1, 2, sep=";", x=5, y=6)
f(*[7, 8, 9], **{"sep": "-", "z": 0})
f(b=1, a=0)


def needs_kw(n, *, k):
    return n * k


print("only kw:", needs_kw(1, k=3))
for call in (lambda: f(), lambda: needs_kw(1, 2), lambda: needs_kw(1), lambda: f(1, a=2), lambda: needs_kw(1, k=1, q=2)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)


def shared_default(x, acc=[]):
    acc.append(x)
    return acc


print(shared_default(1)[:], shared_default(1))
