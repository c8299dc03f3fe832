# ---
# title: wait() and as_completed() on an object that is not a concurrent future fail on its missing _condition
# clauses: [cf.wait.6]
# source: "cpython-docs: concurrent.futures — Module Functions"
# expect:
#   - python: "*"
#     raises: {type: AttributeError, message: "'Token' object has no attribute '_condition'"}
#     stdout:
#       exact:
#         - "wait: AttributeError: 'Token' object has no attribute '_condition'"
#         - "as_completed() returned a generator"
# ---
import concurrent.futures


class Token:
    pass


try:
    concurrent.futures.wait([Token()])
except AttributeError as exc:
    print(f"wait: {type(exc).__name__}: {exc}")

pending = concurrent.futures.as_completed([Token()])
print("as_completed() returned a", type(pending).__name__)
for fut in pending:
    print("not reached")
