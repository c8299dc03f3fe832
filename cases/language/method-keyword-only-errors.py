# ---
# title: binding errors of a method with a keyword-only parameter name the method by __name__ before 3.10 and by __qualname__ from 3.10
# clauses: [lang.func.5]
# source: "cpython-docs: reference — Calls"
# expect:
#   - python: "<3.10"
#     completes: true
#     stdout:
#       exact:
#         - "ok: 7"
#         - "m() missing 1 required keyword-only argument: 'limit'"
#         - "m() takes 1 positional argument but 2 were given"
#         - "m() got an unexpected keyword argument 'zz'"
#         - "m() missing 1 required keyword-only argument: 'limit'"
#   - python: ">=3.10"
#     completes: true
#     stdout:
#       exact:
#         - "ok: 7"
#         - "Meter.m() missing 1 required keyword-only argument: 'limit'"
#         - "Meter.m() takes 1 positional argument but 2 were given"
#         - "Meter.m() got an unexpected keyword argument 'zz'"
#         - "Meter.m() missing 1 required keyword-only argument: 'limit'"
# ---
class Meter:
    def m(self, *, limit):
        return limit


meter = Meter()
print("ok:", meter.m(limit=7))
calls = [
    lambda: meter.m(),
    lambda: meter.m(1),
    lambda: meter.m(limit=1, zz=2),
    lambda: Meter.m(meter),
]
for call in calls:
    try:
        call()
    except TypeError as e:
        print(e)
