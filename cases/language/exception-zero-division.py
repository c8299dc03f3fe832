# ---
# title: ZeroDivisionError messages for true division, int floor division, int modulo and float division
# clauses: [lang.exc.6]
# source: "cpython-docs: exceptions — ZeroDivisionError"
# expect:
#   - python: "<3.11"
#     raises: {type: ZeroDivisionError, message: "division by zero"}
#     stdout:
#       exact:
#         - "//: integer division or modulo by zero"
#         - "%: integer division or modulo by zero"
#         - "float /: float division by zero"
#         - "is ArithmeticError: True"
#   - python: ">=3.11"
#     raises: {type: ZeroDivisionError, message: "division by zero"}
#     stdout:
#       exact:
#         - "//: integer division or modulo by zero"
#         - "%: integer modulo by zero"
#         - "float /: float division by zero"
#         - "is ArithmeticError: True"
# ---
for label, op in (("//", lambda: 1 // 0), ("%", lambda: 1 % 0), ("float /", lambda: 1.0 / 0)):
    try:
        op()
    except ZeroDivisionError as e:
        print(f"{label}: {e}")
try:
    10 // 0
except ArithmeticError as e:
    print("is ArithmeticError:", isinstance(e, ZeroDivisionError))
print(1 / 0)
