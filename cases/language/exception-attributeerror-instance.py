# ---
# title: AttributeError on an instance of a user class; 3.10+ tracebacks add a "Did you mean" hint
# clauses: [lang.exc.7]
# source: "cpython-docs: exceptions — AttributeError"
# expect:
#   - python: "<3.10"
#     raises: {type: AttributeError, message: "'Point' object has no attribute 'lenght'"}
#     stdout:
#       exact:
#         - "str: 'Point' object has no attribute 'z'"
#         - "hasattr: False True"
#         - "getattr default: 0"
#   - python: ">=3.10"
#     raises: {type: AttributeError, message: "'Point' object has no attribute 'lenght'. Did you mean: 'length'?"}
#     stdout:
#       exact:
#         - "str: 'Point' object has no attribute 'z'"
#         - "hasattr: False True"
#         - "getattr default: 0"
# ---
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.length = abs(x) + abs(y)


p = Point(1, 2)
try:
    p.z
except AttributeError as e:
    print("str:", e)
print("hasattr:", hasattr(p, "z"), hasattr(p, "x"))
print("getattr default:", getattr(p, "z", 0))
print(p.lenght)
