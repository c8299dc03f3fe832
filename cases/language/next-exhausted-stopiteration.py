# ---
# title: next() on an exhausted iterator raises StopIteration, which a try statement catches; the iterator stays exhausted
# clauses: [lang.builtin.9]
# source: "cpython-docs: functions — next"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "1 2"
#         - "StopIteration '' () True"
#         - "again: StopIteration"
#         - "zip: (1, 'a') then StopIteration"
#         - "reversed: c b a then StopIteration"
#         - "enumerate: (0, 'x') then StopIteration"
#         - "manual loop: [10, 20, 30]"
#         - "return value: StopIteration done"
# ---
def two():
    yield 1
    yield 2


g = two()
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", repr(str(e)), e.args, e.value is None)
try:
    next(g)
except StopIteration:
    print("again: StopIteration")
z = zip([1, 2], "a")
first = next(z)
try:
    next(z)
except StopIteration:
    print("zip:", first, "then StopIteration")
r = reversed("abc")
got = [next(r), next(r), next(r)]
try:
    next(r)
except StopIteration:
    print("reversed:", *got, "then StopIteration")
en = enumerate("x")
first = next(en)
try:
    next(en)
except StopIteration:
    print("enumerate:", first, "then StopIteration")


def tens():
    for k in (1, 2, 3):
        yield k * 10


it = tens()
out = []
while True:
    try:
        out.append(next(it))
    except StopIteration:
        break
print("manual loop:", out)


def returns():
    return "done"
    yield


try:
    next(returns())
except StopIteration as e:
    print("return value:", type(e).__name__, e.value)
