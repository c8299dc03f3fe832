# ---
# title: a coroutine driven by hand with send(None) runs to its end and raises StopIteration carrying the return value
# clauses: [lang.coro.1]
# source: "cpython-docs: reference — Coroutine objects"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "created: coroutine"
#         - "body starts"
#         - "suspended, yielded 'tick'"
#         - "resumed with 'go'"
#         - "StopIteration value: 42"
#         - "RuntimeError: cannot reuse already awaited coroutine"
# ---
class Tick:
    def __await__(self):
        reply = yield "tick"
        return reply


async def compute():
    print("body starts")
    got = await Tick()
    print(f"resumed with {got!r}")
    return 42


coro = compute()
print("created:", type(coro).__name__)
print(f"suspended, yielded {coro.send(None)!r}")
try:
    coro.send("go")
except StopIteration as e:
    print("StopIteration value:", e.value)
try:
    coro.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
