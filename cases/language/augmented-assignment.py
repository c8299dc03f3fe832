# ---
# title: augmented assignment mutates a list in place (aliases see it) but rebinds ints, strs and tuples
# clauses: [lang.stmt.7]
# source: "cpython-docs: reference — Augmented assignment statements"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "list: [1, 2, 3] [1, 2, 3] True"
#         - "tuple: (1, 2, 3) (1,) False"
#         - "str: ab a"
#         - "ops: 13 7 30 2.5 2 1 1000 2 14 12 40 5"
#         - "subscript: [10, 1] {'n': 3}"
#         - "attr: 5"
#         - "index evaluated once: [0, 11] calls=1"
# ---
a = [1]
b = a
a += [2, 3]
print("list:", a, b, a is b)
t = (1,)
u = t
t += (2, 3)
print("tuple:", t, u, t is u)
s = "a"
s0 = s
s += "b"
print("str:", s, s0)
vals = []
for op in range(12):
    x = 10
    if op == 0:
        x += 3
    elif op == 1:
        x -= 3
    elif op == 2:
        x *= 3
    elif op == 3:
        x /= 4
    elif op == 4:
        x //= 4
    elif op == 5:
        x %= 3
    elif op == 6:
        x **= 3
    elif op == 7:
        x &= 6
    elif op == 8:
        x |= 4
    elif op == 9:
        x ^= 6
    elif op == 10:
        x <<= 2
    else:
        x >>= 1
    vals.append(x)
print("ops:", *vals)
lst = [0, 1]
lst[0] += 10
d = {"n": 1}
d["n"] += 2
print("subscript:", lst, d)


class Box:
    def __init__(self):
        self.v = 2


box = Box()
box.v += 3
print("attr:", box.v)
calls = []


def idx():
    calls.append(1)
    return 1


lst2 = [0, 1]
lst2[idx()] += 10
print("index evaluated once:", lst2, f"calls={len(calls)}")
