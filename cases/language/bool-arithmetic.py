# ---
# title: "bool is an int subclass: True and False take part in arithmetic, and/or return operands"
# clauses: [lang.expr.3]
# source: "cpython-docs: stdtypes — Boolean Type - bool"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "2 0 1 -1 3"
#         - "3"
#         - "True True 1"
#         - "int True bool"
#         - "fallback 0 [] x"
#         - "False True True"
#         - "0.5 2"
#         - "{1: 'b'}"
# ---
print(True + True, True * False, int(True), -True, True + 2)
print(sum([True, False, True, True]))
print(True == 1, False == 0, True & 1)
print(type(True + True).__name__, isinstance(True, int), type(1 == 1).__name__)
print("" or "fallback", 0 and "never", [] or [], 0 or "x")
print(not 1, not "", bool([0]))
print(True / 2, True << 1)
d = {1: "a"}
d[True] = "b"
print(d)
