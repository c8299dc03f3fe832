# ---
# title: methods of list, dict and set that the cases use
# clauses: [lang.builtin.5]
# source: "cpython-docs: stdtypes — Mutable Sequence Types"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "[0, 1, 2, 3] 3 [0, 1, 2]"
#         - "[9, 0, 1, 2, 4, 5] 2 2"
#         - "0 [1, 2, 4, 5] True"
#         - "1 default ['a', 'b'] [1, 2]"
#         - "[('a', 1), ('b', 2)] 2 {'a': 1}"
#         - "[] 0 {'a': 1, 'c': [3]}"
#         - "{'a': 1, 'c': [3], 'd': 4}"
#         - "[1, 2, 3] [2] [1, 3] True"
#         - "[1, 3] 2 []"
#         - "KeyError: 'zz'"
#         - "ValueError: 7 is not in list"
# ---
xs = [0, 1, 2]
xs.append(3)
last = xs.pop()
print(xs + [3], last, xs)
xs.insert(0, 9)
xs.extend([4, 5])
print(xs, xs.index(1), xs.count(2) * 2)
popped = xs.pop(1)
xs.remove(9)
print(popped, xs, 4 in xs)
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("x", "default"), list(d.keys()), list(d.values()))
print(list(d.items()), d.pop("b"), d)
c = d.setdefault("c", [])
c.append(3)
print(d.get("zz", []), len(d.get("zz", "")), d)
d.update({"d": 4})
print(d)
s1 = {1, 2}
s2 = {2, 3}
print(sorted(s1 | s2), sorted(s1 & s2), sorted(s1 ^ s2), 2 in s1)
s1.add(3)
s1.discard(2)
s1.discard(99)
s3 = set(s1)
s3.clear()
print(sorted(s1), len(s2), sorted(s3))
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError:", e)
try:
    xs.index(7)
except ValueError as e:
    print("ValueError:", e)
