# ---
# title: sorted() and list.sort() with key= and reverse=, stable for equal keys
# clauses: [lang.builtin.1]
# source: "cpython-docs: functions — sorted"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "[1, 2, 3, 5, 8]"
#         - "[8, 5, 3, 2, 1]"
#         - "['b', 'aa', 'cc', 'ddd']"
#         - "['ddd', 'aa', 'cc', 'b']"
#         - "[('ann', 31), ('bob', 25), ('cy', 31)]"
#         - "[('bob', 25), ('cy', 31), ('ann', 31)]"
#         - "[('ann', 31), ('cy', 31), ('bob', 25)]"
#         - "['Apple', 'banana', 'cherry']"
#         - "[-1, 2, -3]"
#         - "['c', 'a', 'b'] None"
#         - "min ('bob', 25) max ('cy', 31)"
# ---
nums = [5, 2, 8, 1, 3]
print(sorted(nums))
print(sorted(nums, reverse=True))
words = ["aa", "b", "ddd", "cc"]
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
people = [("cy", 31), ("bob", 25), ("ann", 31)]
print(sorted(people))
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted(["banana", "Apple", "cherry"], key=str.lower))
print(sorted([2, -3, -1], key=abs))
letters = ["b", "a", "c"]
result = letters.sort(key=lambda s: {"c": 0, "a": 1, "b": 2}[s])
print(letters, result)
print("min", min(people, key=lambda p: p[1]), "max", max(people, key=lambda p: p[1]))
