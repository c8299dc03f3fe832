# ---
# title: slicing of lists, strings, tuples and bytes with negative indices, steps and slice assignment
# clauses: [lang.expr.4]
# source: "cpython-docs: stdtypes — Common Sequence Operations"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "[2, 3, 4] [0, 1] [7, 8, 9] [8, 9]"
#         - "[0, 2, 4, 6, 8] [9, 7, 5, 3, 1] [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]"
#         - "[] [8] [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"
#         - "olleh ell hlo"
#         - "(2, 3) b'bc' 9"
#         - "[0, 'x', 'y', 'z', 4]"
#         - "[1, 3]"
#         - "[0, 99, 2, 99, 4]"
#         - "IndexError: list index out of range"
#         - "ValueError: attempt to assign sequence of size 1 to extended slice of size 3"
# ---
a = list(range(10))
print(a[2:5], a[:2], a[-3:], a[-2:100])
print(a[::2], a[::-2], a[::-1])
print(a[5:2], a[-2:-1], a[:])
s = "hello"
print(s[::-1], s[1:4], s[::2])
print((1, 2, 3)[1:], b"abc"[1:], a[-1])
b = [0, 1, 2, 3, 4]
b[1:4] = ["x", "y", "z"]
print(b)
c = [1, 2, 3]
del c[1:2]
c[1:] = [3]
print(c)
d = [0, 1, 2, 3, 4]
d[1::2] = [99, 99]
print(d)
try:
    a[10]
except IndexError as e:
    print("IndexError:", e)
try:
    d[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
