# ---
# title: order of try, except, else and finally; finally runs on return and on a propagating exception
# clauses: [lang.stmt.1]
# source: "cpython-docs: reference — The try statement"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "try 0"
#         - "else 0"
#         - "finally 0"
#         - "try 1"
#         - "except ValueError 1"
#         - "finally 1"
#         - "try 2"
#         - "finally 2"
#         - "outer caught KeyError 2"
#         - "body returns"
#         - "finally before return"
#         - "returned body"
#         - "first matching clause: LookupError"
# ---
def attempt(i):
    try:
        print("try", i)
        if i == 1:
            raise ValueError(i)
        if i == 2:
            raise KeyError(i)
    except ValueError:
        print("except ValueError", i)
    else:
        print("else", i)
    finally:
        print("finally", i)


for i in range(3):
    try:
        attempt(i)
    except KeyError as e:
        print("outer caught KeyError", e)


def early():
    try:
        print("body returns")
        return "body"
    finally:
        print("finally before return")


print("returned", early())


try:
    [][1]
except (LookupError, TypeError) as e:
    print("first matching clause: LookupError")
except IndexError:
    print("never reached")
