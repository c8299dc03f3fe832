# ---
# title: closures share their cells; nonlocal rebinds the enclosing function's variable
# clauses: [lang.scope.1, lang.scope.2]
# source: "cpython-docs: reference — Naming and binding"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "1 2 3"
#         - "1 1"
#         - "get=10"
#         - "get=15"
#         - "outer sees 15"
# ---
def make_counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count

    return bump


c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1())
print(c2(), make_counter()())


def shared():
    value = 10

    def get():
        return value

    def add(n):
        nonlocal value
        value += n

    print(f"get={get()}")
    add(5)
    print(f"get={get()}")
    return value


print("outer sees", shared())
