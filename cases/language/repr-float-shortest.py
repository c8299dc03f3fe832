# ---
# title: float repr is the shortest string that round-trips
# clauses: [lang.repr.1]
# source: "cpython-docs: tutorial — Floating Point Arithmetic: Issues and Limitations"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "0.30000000000000004"
#         - "0.1 1.0 100.0 -0.0 2.5"
#         - "0.3333333333333333 0.6666666666666666"
#         - "1e-05 0.0001 2.5e-07"
#         - "1000000000000000.0 1e+16 1e+22 1.2345678901234568e+17"
#         - "inf -inf nan"
#         - "[0.1, 0.5] (1.5,) {'f': 3.0}"
#         - "4.0 0.5 2.0 1e+100"
#         - "True"
# ---
print(repr(0.1 + 0.2))
print(0.1, 1.0, 100.0, -0.0, 5 / 2)
print(1 / 3, 2 / 3)
print(1e-5, 0.0001, 2.5e-7)
print(1e15, 1e16, 1e22, 123456789012345678.0)
print(float("inf"), -float("inf"), float("nan"))
print([0.1, 0.5], (1.5,), {"f": 3.0})
print(2.0 ** 2, 2 ** -1, float(2), 10.0 ** 100)
print(float(repr(0.1 + 0.2)) == 0.1 + 0.2)
