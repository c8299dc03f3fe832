# ---
# title: global inside a function rebinds the module variable; without it an assignment makes a local
# clauses: [lang.scope.3]
# source: "cpython-docs: reference — The global statement"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "counter after bump twice: 2"
#         - "local shadow: 50, module still: 2"
#         - "created by function: made"
#         - "mutating without global: [1]"
# ---
counter = 0
items = []


def bump():
    global counter
    counter += 1


def shadow():
    counter = 50
    return counter


def make():
    global created
    created = "made"


def mutate():
    items.append(1)


bump()
bump()
print("counter after bump twice:", counter)
print(f"local shadow: {shadow()}, module still: {counter}")
make()
print("created by function:", created)
mutate()
print("mutating without global:", items)
