# ---
# title: print() with sep=, end= and file=sys.stderr
# clauses: [lang.builtin.3]
# source: "cpython-docs: functions — print"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "a-b-c"
#         - "x|y."
#         - "12 3"
#         - ""
#         - "none None"
#         - "[1, 2] (3,)"
#         - "done"
#     stderr:
#       exact:
#         - "warning: low disk"
#         - "err1::err2"
# ---
import sys

print("a", "b", "c", sep="-")
print("x", "y", sep="|", end=".\n")
print(1, end="")
print(2, end=" ")
print(3)
print()
print("none", None)
print([1, 2], (3,))
print("warning: low disk", file=sys.stderr)
print("err1", "err2", sep="::", file=sys.stderr, flush=True)
sys.stdout.write("done\n")
