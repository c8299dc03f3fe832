# ---
# title: "truth values: None, False, zeros and empty str, bytes and containers are false; everything else is true"
# clauses: [lang.expr.8]
# source: "cpython-docs: stdtypes — Truth Value Testing"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "false: None False 0 0.0 '' b'' [] () {} set() range(0, 0)"
#         - "true: 1 -1 0.5 ' ' b'\\x00' [0] (None,) {0: 0} {''} range(0, 1) <obj>"
#         - "not: [True, False]"
#         - "while popped: [3, 2, 1]"
#         - "bool(): False True"
# ---
class Thing:
    def __repr__(self):
        return "<obj>"


values = [None, False, 0, 0.0, "", b"", [], (), {}, set(), range(0), 1, -1, 0.5, " ", b"\x00", [0], (None,), {0: 0}, {""}, range(1), Thing()]
print("false:", *[repr(v) for v in values if not v])
print("true:", *[repr(v) for v in values if v])
print("not:", [not [], not [[]]])
stack = [1, 2, 3]
out = []
while stack:
    out.append(stack.pop())
print("while popped:", out)
print("bool():", bool(""), bool("0"))
