# ---
# title: NameError for a name bound nowhere, caught and uncaught
# clauses: [lang.exc.8]
# source: "cpython-docs: exceptions — NameError"
# expect:
#   - python: "*"
#     raises: {type: NameError, message: "name 'no_such_thing' is not defined"}
#     stdout:
#       exact:
#         - "NameError: name 'undefined_q' is not defined"
# ---
def f():
    return undefined_q


try:
    f()
except NameError as e:
    print("NameError:", e)

print(no_such_thing)
