# ---
# title: augmented assignment mutates lists, sets and dicts in place (every alias sees it); dict |= is 3.9+
# clauses: [lang.stmt.7]
# source: "cpython-docs: the Python language reference — Augmented assignment statements"
# expect:
#   - python: "<3.9"
#     completes: true
#     stdout:
#       exact:
#         - "list +=: True [1, 2, 3]"
#         - "list *=: True [1, 2, 3, 1, 2, 3]"
#         - "set |= &= -= ^=: True True True True [2, 4]"
#         - "set |= list: unsupported operand type(s) for |=: 'set' and 'list'"
#         - "dict |=: unsupported operand type(s) for |=: 'dict' and 'dict'"
#         - "tuple +=: False (1, 2)"
#   - python: ">=3.9"
#     completes: true
#     stdout:
#       exact:
#         - "list +=: True [1, 2, 3]"
#         - "list *=: True [1, 2, 3, 1, 2, 3]"
#         - "set |= &= -= ^=: True True True True [2, 4]"
#         - "set |= list: unsupported operand type(s) for |=: 'set' and 'list'"
#         - "dict |=: True {'a': 1, 'b': 2}"
#         - "tuple +=: False (1, 2)"
# ---
items = [1]
alias = items
items += [2, 3]
print("list +=:", items is alias, alias)
items *= 2
print("list *=:", items is alias, alias)

numbers = {1, 2, 3}
same = numbers
checks = []
numbers |= {4}
checks.append(numbers is same)
numbers &= {2, 3, 4}
checks.append(numbers is same)
numbers -= {3}
checks.append(numbers is same)
numbers ^= set()
checks.append(numbers is same)
print("set |= &= -= ^=:", *checks, sorted(same))
try:
    numbers |= [5]
except TypeError as exc:
    print("set |= list:", exc)

table = {"a": 1}
view = table
try:
    table |= {"b": 2}
    print("dict |=:", table is view, view)
except TypeError as exc:
    print("dict |=:", exc)

pair = (1,)
before = pair
pair += (2,)
print("tuple +=:", pair is before, pair)
