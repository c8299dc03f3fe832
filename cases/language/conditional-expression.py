# ---
# title: the conditional expression evaluates only the branch it selects
# clauses: [lang.expr.7]
# source: "cpython-docs: reference — Conditional expressions"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "['neg', 'zero', 'pos']"
#         - "eval yes"
#         - "picked yes"
#         - "eval no"
#         - "picked no"
#         - "nested: small medium large"
#         - "safe: 0 5"
# ---
def sign(n):
    return "neg" if n < 0 else "zero" if n == 0 else "pos"


print([sign(n) for n in (-3, 0, 8)])


def show(tag):
    print("eval", tag)
    return tag


for flag in (True, False):
    print("picked", show("yes") if flag else show("no"))
print("nested:", *[("small" if v < 10 else ("medium" if v < 100 else "large")) for v in (1, 50, 500)])
print("safe:", *[0 if den == 0 else 10 // den for den in (0, 2)])
