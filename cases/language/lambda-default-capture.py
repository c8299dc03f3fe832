# ---
# title: a lambda default argument captures the value at definition time; a free variable is looked up at call time
# clauses: [lang.func.3]
# source: "cpython-docs: reference — Lambdas"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "late: [2, 2, 2]"
#         - "bound: [0, 1, 2]"
#         - "after rebinding base: 101 1"
#         - "<lambda> 7"
#         - "[3, 1, 2]"
# ---
late = [lambda: i for i in range(3)]
bound = [lambda i=i: i for i in range(3)]
print("late:", [f() for f in late])
print("bound:", [f() for f in bound])

base = 0
free = lambda x: base + x
fixed = lambda x, base=base: base + x
base = 100
print("after rebinding base:", free(1), fixed(1))
add = lambda a, b=5: a + b
print(add.__name__, add(2))
print(sorted([1, 2, 3], key=lambda v: (v - 3) % 3))
