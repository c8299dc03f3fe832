# ---
# title: finally runs when break, continue or return leaves the try block inside a loop
# clauses: [lang.stmt.6]
# source: "cpython-docs: reference — The try statement"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "body 0"
#         - "continue 0"
#         - "finally 0"
#         - "body 1"
#         - "finally 1"
#         - "body 2"
#         - "break 2"
#         - "finally 2"
#         - "after loop"
#         - "while body 0"
#         - "while finally 0"
#         - "while body 1"
#         - "while finally 1"
#         - "search finally 3"
#         - "found 3"
#         - "inner finally"
#         - "outer finally"
#         - "nested break done"
# ---
for i in range(5):
    try:
        print("body", i)
        if i == 0:
            print("continue", i)
            continue
        if i == 2:
            print("break", i)
            break
    finally:
        print("finally", i)
print("after loop")

n = 0
while True:
    try:
        print("while body", n)
        if n == 1:
            break
    finally:
        print("while finally", n)
    n += 1


def search(items, want):
    for x in items:
        try:
            if x == want:
                return f"found {x}"
        finally:
            if x == want:
                print("search finally", x)
    return "missing"


print(search([1, 2, 3, 4], 3))
for _ in range(2):
    try:
        try:
            break
        finally:
            print("inner finally")
    finally:
        print("outer finally")
print("nested break done")
