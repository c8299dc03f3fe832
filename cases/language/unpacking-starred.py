# ---
# title: tuple unpacking in assignments and for loops, starred targets, and unpacking errors
# clauses: [lang.stmt.4]
# source: "cpython-docs: reference — Assignment statements"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "1 2"
#         - "2 1"
#         - "first=1 rest=[2, 3, 4]"
#         - "head=[1, 2, 3] last=4"
#         - "a=1 mid=[] z=2"
#         - "1 2 3 4"
#         - "0 a / 1 b"
#         - "[1, 2, 3, 4] {'x': 1, 'y': 2} (0, 1, 2)"
#         - "h e ['l', 'l', 'o']"
#         - "ValueError: too many values to unpack (expected 2)"
#         - "ValueError: not enough values to unpack (expected 3, got 2)"
# ---
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
first, *rest = [1, 2, 3, 4]
print(f"first={first} rest={rest}")
*head, last = (1, 2, 3, 4)
print(f"head={head} last={last}")
a, *mid, z = [1, 2]
print(f"a={a} mid={mid} z={z}")
(p, q), (r, s) = [(1, 2), (3, 4)]
print(p, q, r, s)
print(" / ".join(f"{i} {ch}" for i, ch in enumerate("ab")))
xs = [1, 2]
print([*xs, *[3, 4]], {**{"x": 1}, "y": 2}, (*range(3),))
c1, c2, *cs = "hello"
print(c1, c2, cs)
try:
    x, y = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    x, y, w = (1, 2)
except ValueError as e:
    print("ValueError:", e)
