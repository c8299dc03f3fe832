# ---
# title: int() of a string that is not a number raises ValueError naming the base and the string
# clauses: [lang.int.4]
# source: "cpython-docs: functions — int"
# expect:
#   - python: "*"
#     raises: {type: ValueError, message: "invalid literal for int() with base 10: 'x'"}
#     stdout:
#       exact:
#         - "invalid literal for int() with base 10: '12a'"
#         - "invalid literal for int() with base 10: ''"
#         - "invalid literal for int() with base 16: 'zz'"
#         - "invalid literal for int() with base 10: '3.5'"
#         - "could not convert string to float: 'abc'"
# ---
for text, base in (("12a", 10), ("", 10), ("zz", 16), ("3.5", 10)):
    try:
        int(text, base)
    except ValueError as e:
        print(e)
try:
    float("abc")
except ValueError as e:
    print(e)
int("x")
