# ---
# title: a chained comparison evaluates each middle operand once and stops at the first false link
# clauses: [lang.expr.5]
# source: "cpython-docs: reference — Comparisons"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "True False True True"
#         - "False True"
#         - "eval 5"
#         - "middle once: True calls=1"
#         - "eval 1"
#         - "short-circuit: False calls=1"
#         - "mixed: True True False"
# ---
calls = []


def val(n):
    calls.append(n)
    print("eval", n)
    return n


print(1 < 2 < 3, 1 < 3 < 2, 1 <= 1 < 2 <= 2, 3 > 2 >= 2 > 1)
print(1 < 2 > 3, 0 == 0 != 1)
r = 1 < val(5) < 10
print("middle once:", r, f"calls={len(calls)}")
calls.clear()
r = 5 < val(1) < val(10)
print("short-circuit:", r, f"calls={len(calls)}")
x = 4
print("mixed:", 0 < x in [4, 5], 1 < x == 4 != 5, "a" < "b" < "B")
