# ---
# title: unpacking with * what is not iterable names the call or just the value, as each version's bytecode does (3.8 BUILD_*_UNPACK, 3.9+ LIST_EXTEND)
# clauses: [lang.func.9]
# source: "cpython-docs: The Python Language Reference — Calls"
# expect:
#   - python: "<3.9"
#     completes: true
#     stdout:
#       exact:
#         - "list display: 'int' object is not iterable"
#         - "tuple display: 'int' object is not iterable"
#         - "set display: 'int' object is not iterable"
#         - "call, star only: target() argument after * must be an iterable, not int"
#         - "call, after a positional: target() argument after * must be an iterable, not NoneType"
#         - "builtin call: print() argument after * must be an iterable, not int"
#   - python: ">=3.9"
#     completes: true
#     stdout:
#       exact:
#         - "list display: Value after * must be an iterable, not int"
#         - "tuple display: Value after * must be an iterable, not int"
#         - "set display: 'int' object is not iterable"
#         - "call, star only: __main__.target() argument after * must be an iterable, not int"
#         - "call, after a positional: Value after * must be an iterable, not NoneType"
#         - "builtin call: print() argument after * must be an iterable, not int"
# ---
def show(label, make):
    try:
        make()
    except TypeError as e:
        print(f"{label}: {e}")


def target(*args):
    return args


show("list display", lambda: [*5])
show("tuple display", lambda: (1, *5))
show("set display", lambda: {*5})
show("call, star only", lambda: target(*5))
show("call, after a positional", lambda: target(1, *None))
show("builtin call", lambda: print(*5))
