# ---
# title: reading a local before assignment raises UnboundLocalError, a NameError subclass
# clauses: [lang.exc.9]
# source: "cpython-docs: exceptions — UnboundLocalError"
# expect:
#   - python: "<3.11"
#     raises: {type: UnboundLocalError, message: "local variable 'total' referenced before assignment"}
#     stdout: {exact: ["caught as NameError: UnboundLocalError"]}
#   - python: ">=3.11"
#     raises: {type: UnboundLocalError, message: "cannot access local variable 'total' where it is not associated with a value"}
#     stdout: {exact: ["caught as NameError: UnboundLocalError"]}
# ---
total = 10


def add(n):
    total = total + n
    return total


try:
    add(1)
except NameError as e:
    print("caught as NameError:", type(e).__name__)
add(2)
