# ---
# title: repr of str, bytes, None, bool and nested containers; dicts keep insertion order
# clauses: [lang.repr.2]
# source: "cpython-docs: functions — repr"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "'plain' \"it's\" 'say \"hi\"' 'both \\' and \"'"
#         - "'tab\\tnl\\n' 'back\\\\slash'"
#         - "b'abc' b\"a\\x00'\" b'\\xff'"
#         - "None True False"
#         - "() (1,) (1, 2) [] [[]] set() {} {1}"
#         - "{'z': 1, 'a': [1, (2,), None], 'm': {'k': True}}"
#         - "['a', \"b'\", 3, 4.5, None, (False,)]"
#         - "{'z': 1, 'a': 2, 'm': 3}"
#         - "{'a': 2, 'm': 3, 'z': 9}"
# ---
print(repr("plain"), repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(repr("tab\tnl\n"), repr("back\\slash"))
print(repr(b"abc"), repr(b"a\x00'"), repr(bytes([255])))
print(repr(None), repr(True), repr(False))
print((), (1,), (1, 2), [], [[]], set(), {}, {1})
d = {"z": 1, "a": [1, (2,), None], "m": {"k": True}}
print(d)
print(["a", "b'", 3, 4.5, None, (False,)])
e = {}
e["z"] = 1
e["a"] = 2
e["m"] = 3
print(e)
del e["z"]
e["z"] = 9
print(e)
