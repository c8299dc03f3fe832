# ---
# title: generator send() delivers the value of the paused yield expression
# clauses: [lang.gen.1]
# source: "cpython-docs: reference — generator.send"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "started"
#         - "first yield gave 0"
#         - "got 5, total 5"
#         - "sent 5 -> 5"
#         - "got 7, total 12"
#         - "sent 7 -> 12"
#         - "TypeError: can't send non-None value to a just-started generator"
# ---
def running_total():
    print("started")
    total = 0
    while True:
        x = yield total
        total += x
        print(f"got {x}, total {total}")


g = running_total()
print("first yield gave", next(g))
for v in (5, 7):
    r = g.send(v)
    print(f"sent {v} -> {r}")

fresh = running_total()
try:
    fresh.send(1)
except TypeError as e:
    print("TypeError:", e)
