def f(
    a,
    b: int = 1,
    *args: str,
    c,
    **kwargs: dict,
) -> None:
    pass


x = f(a,
      b)[c](
    d
).e

result = (
    first
    + second
    - third
)

value = [
    item
    for item in items
    if item
]

call(x for x in y)
call(
    x
    for x in y
)

if x:
    pass
elif y:
    pass
else:
    z = 1

try:
    a = 1
except E as e:
    b = 2
else:
    c = 3
finally:
    d = 4

while True:
    x; y; z

class K:
    def m(self): return 1
    x = 1; y = 2

lambda_ = lambda x: (
    x + 1
)
s = """
multi
line
"""
t = ("a"
     "b")
u = f"""{
x
}"""
