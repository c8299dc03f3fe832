# ---
# title: int() parses decimal and prefixed strings of any length and str() gives them back
# clauses: [lang.int.3]
# source: "cpython-docs: functions — int"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "123456789012345678901234567890123456789 True"
#         - "-98765432109876543210 True"
#         - "1001 True"
#         - "255 255 255 5 8"
#         - "12 -7 1000000"
#         - "3 -3"
#         - "1267650600228229401496703205376 True"
# ---
s = "123456789012345678901234567890123456789"
n = int(s)
print(n, str(n) == s)
m = int("-98765432109876543210")
print(m, int(str(m)) == m)
digits = "9" * 1000
print(len(str(int(digits) + 1)), str(int(digits)) == digits)
print(int("ff", 16), int("0xff", 16), int("0xff", 0), int("101", 2), int("0o10", 0))
print(int("  12\n"), int("-7"), int("1_000_000"))
print(int(3.99), int(-3.99))
h = hex(2 ** 100)
print(int(h, 16), int(h, 16) == 2 ** 100)
