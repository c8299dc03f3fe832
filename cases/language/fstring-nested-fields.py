# ---
# title: f-string replacement fields nested inside a format spec
# clauses: [lang.fstring.3]
# source: "cpython-docs: reference — Formatted string literals"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "[      3.14]"
#         - "[3.1416]"
#         - "[--mid---]"
#         - "[ 1.5] [12.2] [ 0.3]"
#         - "{braces} 6"
# ---
x = 3.14159
width = 10
prec = 2
print(f"[{x:{width}.{prec}f}]")
print(f"[{x:.{prec + 2}f}]")
fill = "-"
print(f"[{'mid':{fill}^8}]")
vals = [1.5, 12.25, 0.3]
print(" ".join(f"[{v:{4}.{1}f}]" for v in vals))
print(f"{{braces}} {width - 4}")
