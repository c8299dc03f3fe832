# ---
# title: "is and is not test identity; in and not in test membership in str, list, tuple, dict keys and range"
# clauses: [lang.expr.6]
# source: "cpython-docs: reference — Membership test operations"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "identity: True False True False"
#         - "None: True False True"
#         - "str: True True False True"
#         - "list/tuple: True False True True"
#         - "dict: True False True"
#         - "range: True False True False"
#         - "nested: False True"
# ---
a = [1, 2]
b = a
c = [1, 2]
print("identity:", a is b, a is c, a == c, a is not b)
n = None
print("None:", n is None, n is not None, (lambda: None)() is None)
s = "concurrent"
print("str:", "cur" in s, "" in s, "x" in s, "tx" not in s)
print("list/tuple:", 2 in a, 3 in a, 3 not in (1, 2), (1, 2) in [(1, 2), (3,)])
d = {"k": 1, 2: "v"}
print("dict:", "k" in d, 1 in d, "v" not in d)
print("range:", 4 in range(0, 10, 2), 5 in range(0, 10, 2), -1 not in range(3), 10 in range(10))
print("nested:", 1 in [[1]], [1] in [[1]])
