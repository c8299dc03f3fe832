# ---
# title: "an uncaught ValueError ends the program with a traceback whose last line is \"ValueError: message\""
# clauses: [lang.exc.1]
# source: "cpython-docs: tutorial — Errors and Exceptions"
# expect:
#   - python: "*"
#     raises: {type: ValueError, message: "bad value: -1"}
#     stdout: {exact: ["checking 3", "checking -1"]}
#     stderr:
#       contains: ["Traceback (most recent call last):"]
#       absent: ["never"]
# ---
def check(n):
    print("checking", n)
    if n < 0:
        raise ValueError(f"bad value: {n}")
    return n


check(3)
check(-1)
print("never")
