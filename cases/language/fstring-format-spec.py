# ---
# title: f-string format specs (alignment, width, precision, grouping, sign, base, percent)
# clauses: [lang.fstring.1]
# source: "cpython-docs: string — Format Specification Mini-Language"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "[   3.142]"
#         - "[3.142   ]"
#         - "[ 3.142  ]"
#         - "[1,234,567]"
#         - "[1_234_567]"
#         - "[0xff] [11111111] [ff] [377]"
#         - "[+42] [-42] [ 42]"
#         - "[25.0%] [1.234568e+04] [12345.68]"
#         - "[00042] [**hi**] [hi    ]"
#         - "[    7]"
#         - "[1,234,567.891]"
# ---
x = 3.14159
n = 1234567
print(f"[{x:>8.3f}]")
print(f"[{x:<8.3f}]")
print(f"[{x:^8.3f}]")
print(f"[{n:,}]")
print(f"[{n:_}]")
print(f"[{255:#x}] [{255:08b}] [{255:x}] [{255:o}]")
print(f"[{42:+d}] [{-42:+d}] [{42: d}]")
print(f"[{0.25:.1%}] [{12345.678:e}] [{12345.678:.2f}]")
print(f"[{42:05d}] [{'hi':*^6}] [{'hi':6}]")
print(f"[{7:5}]")
print(f"[{1234567.891:,.3f}]")
