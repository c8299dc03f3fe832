# ---
# title: the else clause of for and while runs only when the loop ends without break; continue skips
# clauses: [lang.stmt.5]
# source: "cpython-docs: reference — The for statement"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "9 is not prime"
#         - "7 is prime"
#         - "while ended normally at 3"
#         - "while broke at 2"
#         - "empty for: else runs"
#         - "odds: [1, 3, 5]"
# ---
for n in (9, 7):
    for d in range(2, n):
        if n % d == 0:
            print(n, "is not prime")
            break
    else:
        print(n, "is prime")

for limit in (None, 2):
    i = 0
    while i < 3:
        if i == limit:
            print("while broke at", i)
            break
        i += 1
    else:
        print("while ended normally at", i)

for _ in []:
    print("never")
else:
    print("empty for: else runs")

odds = []
for k in range(6):
    if k % 2 == 0:
        continue
    odds.append(k)
print("odds:", odds)
