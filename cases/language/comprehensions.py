# ---
# title: list, dict and set comprehensions and generator expressions, with conditions
# clauses: [lang.expr.1]
# source: "cpython-docs: reference — Displays for lists, sets and dictionaries"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "[0, 1, 4, 9, 16]"
#         - "[0, 4, 16]"
#         - "{'a': 1, 'bb': 2, 'ccc': 3}"
#         - "[1, 2, 3]"
#         - "30"
#         - "<class 'generator'> [0, 2, 4]"
#         - "x still 'outer'"
#         - "['odd', 'even', 'odd']"
# ---
print([n * n for n in range(5)])
print([n * n for n in range(5) if n % 2 == 0])
words = ["a", "bb", "ccc"]
print({w: len(w) for w in words})
print(sorted({len(w) for w in words + ["dd", "e"]}))
print(sum(n * n for n in range(5)))
gen = (n * 2 for n in range(3))
print(type(gen), list(gen))
x = "outer"
squares = [x for x in range(3)]
print("x still", repr(x))
print(["even" if n % 2 == 0 else "odd" for n in (1, 2, 3)])
