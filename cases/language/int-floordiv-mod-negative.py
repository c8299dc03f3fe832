# ---
# title: floor division rounds toward minus infinity and modulo takes the divisor's sign, small and big
# clauses: [lang.int.2]
# source: "cpython-docs: reference — Binary arithmetic operations"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "7//2=3 7%2=1"
#         - "-7//2=-4 -7%2=1"
#         - "7//-2=-4 7%-2=-1"
#         - "-7//-2=3 -7%-2=-1"
#         - "divmod(-7, 2)=(-4, 1)"
#         - "-422550200076076467165567735126 2"
#         - "-422550200076076467165567735126 -2"
#         - "-1 18446744073709551615"
#         - "True"
#         - "-3.5 -4.0 1.5"
#         - "-4 -4"
# ---
for a, b in ((7, 2), (-7, 2), (7, -2), (-7, -2)):
    print(f"{a}//{b}={a // b} {a}%{b}={a % b}")
print("divmod(-7, 2)=" + str(divmod(-7, 2)))
big = 2 ** 100
print(-big // 3, -big % 3)
print(big // -3, big % -3)
print(-1 // (2 ** 64), -1 % (2 ** 64))
q, r = divmod(-big - 12345, 10 ** 9 + 7)
print(q * (10 ** 9 + 7) + r == -big - 12345 and 0 <= r < 10 ** 9 + 7)
print(-7 / 2, -7.0 // 2, -7.5 % 3)
print(-7 >> 1, -3 >> 1 << 1)
