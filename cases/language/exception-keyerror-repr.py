# ---
# title: KeyError's message is the repr of the missing key
# clauses: [lang.exc.5]
# source: "cpython-docs: exceptions — KeyError"
# expect:
#   - python: "*"
#     raises: {type: KeyError, message: "'missing'"}
#     stdout:
#       exact:
#         - "str: 'colour' repr: KeyError('colour') args: ('colour',)"
#         - "int key: 3"
#         - "tuple key: (1, 'a')"
# ---
d = {"size": 1}
try:
    d["colour"]
except KeyError as e:
    print(f"str: {e} repr: {e!r} args: {e.args}")
try:
    {}[3]
except KeyError as e:
    print("int key:", e)
try:
    {}[(1, "a")]
except KeyError as e:
    print("tuple key:", e)
print(d["missing"])
