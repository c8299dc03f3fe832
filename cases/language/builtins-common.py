# ---
# title: common builtins (len, range, enumerate, zip, min, max, sum, abs, round, isinstance, type, id, any, all)
# clauses: [lang.builtin.4]
# source: "cpython-docs: functions — Built-in Functions"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "3 0 5 2"
#         - "[0, 1, 2] [2, 4, 6] [5, 3, 1] range(0, 3)"
#         - "[(0, 'a'), (1, 'b')] [(1, 'a'), (2, 'b')]"
#         - "[(1, 'x'), (2, 'y')]"
#         - "1 9 -2 15 6.5"
#         - "7 2 2 3.14 -4"
#         - "True False True"
#         - "int str list tuple dict set float NoneType bool bytes function"
#         - "True False"
#         - "True False True"
#         - "[3, 2, 1] [(0, 'a'), (1, 'b')]"
#         - "97 a 1.5 True"
# ---
print(len("abc"), len([]), len({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}), len((1, 2)))
print(list(range(3)), list(range(2, 7, 2)), list(range(5, 0, -2)), range(3))
print(list(enumerate("ab")), list(enumerate("ab", 1)))
print(list(zip([1, 2, 3], "xy")))
print(min(3, 1, 2), max([4, 9, 2]), min([-2, 5], key=abs), sum(range(6)), sum([1.5, 5]))
print(abs(-7), abs(2), round(2.5), round(3.14159, 2), round(-4.4))
print(isinstance(1, int), isinstance(1, (str, float)), isinstance("s", (str, float)))


def fn():
    pass


print(" ".join(type(v).__name__ for v in (1, "s", [], (), {}, set(), 1.0, None, True, b"", fn)))
a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]))
print(any([0, "", 1]), all([1, []]), all([]))
print(list(reversed([1, 2, 3])), list(zip(range(2), "abc")))
print(ord("a"), chr(97), float("1.5"), callable(fn))
