# ---
# title: dict iteration follows insertion order after deletes and re-inserts; views are live; resizing during iteration is a RuntimeError
# clauses: [lang.builtin.6]
# source: "cpython-docs: stdtypes — Dictionary view objects"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "keys: c d a"
#         - "items: [('c', 3), ('d', 4), ('a', 10), ('b', 20)]"
#         - "values: [3, 4, 10, 20]"
#         - "live view: ['c', 'd', 'a', 'b'] 4 -> ['c', 'd', 'a', 'b', 'e'] 5"
#         - "in view: True False True"
#         - "update keeps position: [('c', 3), ('d', 4), ('a', 99), ('b', 20), ('e', 5)]"
#         - "RuntimeError: dictionary changed size during iteration"
#         - "deleting a copy of the keys: {'a': 99, 'e': 5}"
# ---
d = {}
for k, v in (("a", 1), ("b", 2), ("c", 3), ("d", 4)):
    d[k] = v
del d["a"]
del d["b"]
d["a"] = 10
print("keys:", *d)
d["b"] = 20
print("items:", list(d.items()))
print("values:", list(d.values()))
keys = d.keys()
before = list(keys)
n = len(keys)
d["e"] = 5
print("live view:", before, n, "->", list(keys), len(keys))
print("in view:", "e" in keys, "z" in keys, ("c", 3) in d.items())
d["a"] = 99
print("update keeps position:", list(d.items()))
try:
    for k in d:
        if k == "c":
            d["f"] = 6
except RuntimeError as e:
    print("RuntimeError:", e)
d.pop("f", None)
for k in list(d):
    if k in ("c", "d", "b"):
        del d[k]
print("deleting a copy of the keys:", d)
