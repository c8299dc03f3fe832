# ---
# title: round() with ndigits rounds half to even on the exact binary value; negative ndigits and ints
# clauses: [lang.builtin.8]
# source: "cpython-docs: functions — round"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "half even: 0 2 2 4 -2 0"
#         - "binary value: 2.67 0.12 0.38 0.9"
#         - "types: int float int int"
#         - "negative ndigits: 1200 1200 1400 -1200 10.0 0.0"
#         - "int ndigits: 7 7"
#         - "big: 123456789012345678901234567900"
#         - "divmod: (3.0, 1.5) (-4.0, 0.5) (2, 1) (-3, -2)"
# ---
print("half even:", round(0.5), round(1.5), round(2.5), round(3.5), round(-2.5), round(-0.5))
print("binary value:", round(2.675, 2), round(0.125, 2), round(0.375, 2), round(0.95, 1))
print("types:", type(round(2.5)).__name__, type(round(2.5, 0)).__name__, type(round(7, 1)).__name__, type(round(7, -1)).__name__)
print("negative ndigits:", round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(12.5, -1), round(4.9, -1))
print("int ndigits:", round(7, 2), round(7))
print("big:", round(123456789012345678901234567890, -2))
print("divmod:", divmod(7.5, 2), divmod(-7.5, 2), divmod(7, 3), divmod(7, -3))
