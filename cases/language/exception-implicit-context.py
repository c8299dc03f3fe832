# ---
# title: an exception raised inside an except block gets __context__ and both tracebacks print
# clauses: [lang.exc.3]
# source: "cpython-docs: exceptions — Exception context"
# expect:
#   - python: "*"
#     raises: {type: IndexError, message: "list index out of range"}
#     stdout: {exact: ["context: ZeroDivisionError('division by zero')", "cause: None"]}
#     stderr:
#       contains:
#         - "ZeroDivisionError: division by zero"
#         - "During handling of the above exception, another exception occurred:"
# ---
def risky():
    try:
        return 1 / 0
    except ZeroDivisionError:
        return [][0]


try:
    risky()
except IndexError as e:
    print(f"context: {e.__context__!r}")
    print("cause:", e.__cause__)

risky()
