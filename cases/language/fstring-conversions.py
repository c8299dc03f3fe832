# ---
# title: f-string conversions !r and !s, alone and followed by a format spec
# clauses: [lang.fstring.2, lang.class.2]
# source: "cpython-docs: reference — Formatted string literals"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "[\"a'b\"] [a'b]"
#         - "['x', 1] [['x', 1]]"
#         - "[Box(3)] [box of 3]"
#         - "[   'hi'] [hi   ]"
#         - "[None] [True]"
# ---
class Box:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return f"Box({self.n})"

    def __str__(self):
        return f"box of {self.n}"


v = "a'b"
items = ["x", 1]
b = Box(3)
print(f"[{v!r}] [{v!s}]")
print(f"{items!r} [{items}]")
print(f"[{b!r}] [{b}]")
print(f"[{'hi'!r:>7}] [{'hi'!s:<5}]")
print(f"[{None!r}] [{True!s}]")
