# ---
# title: "nested comprehensions: several for clauses, a comprehension inside another, closures over the loop"
# clauses: [lang.expr.2]
# source: "cpython-docs: reference — Displays for lists, sets and dictionaries"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "[(0, 'a'), (0, 'b'), (1, 'a'), (1, 'b')]"
#         - "[[0, 0, 0], [0, 1, 2], [0, 2, 4]]"
#         - "[1, 2, 3, 4, 5, 6]"
#         - "[0, 1, 2, 3, 4, 5]"
#         - "[(1, 2), (1, 3), (2, 3)]"
#         - "{0: [], 1: [0], 2: [0, 1]}"
#         - "True"
# ---
print([(i, c) for i in range(2) for c in "ab"])
print([[r * c for c in range(3)] for r in range(3)])
grid = [[1, 2, 3], [4, 5, 6]]
print([v for row in grid for v in row])
print(sorted(r * 3 + c for r in range(2) for c in range(3)))
print([(a, b) for a in range(1, 4) for b in range(1, 4) if a < b])
print({k: [j for j in range(k)] for k in range(3)})
print(all(any(v > 2 for v in row) for row in grid))
