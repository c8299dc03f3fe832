a[*b]
a[*b, c]
a[1:2, *c]
print(*a, sep='')
f(**{'a': 1})
x = lambda: (yield)
class A(B, **kw): pass
@(lambda f: f)
def g(): pass
@a.b[0](1)
def h(): pass
with (a as b, c as d,):
    pass
with (a, b):
    pass
with (a, b) as c:
    pass
with (a):
    pass
with (a) as b, (c):
    pass
with (yield):
    pass
x = (yield from y)
del (a), [b]
del (a, b), c,
for (x) in y: pass
for x, in y: pass
print(f"{x!r:{'>'}{10}}")
x = rb"\N{x}"
x = r"\N{x}"
global module_level_global
assert (x, y)
if x:pass
else:pass
x=1;
x = not not x
x = - - x
x = a if b else c, d
x = [*a, *b], {**a, 'b': 1, **c}
x = a < b > c == d
x = (a for b in c for d in e if f if g)
x = {**a}
x = {a: b, **c, d: e}
x = [i async for i in a] if b else None
f(a)(b)(c)
x = a.b.c.d
x = a[b][c][d]
x = ((a, b), (c, d))
x, = y
[x] = y
(x) = y
x = y = z = 1
x = ...
x = 1 if 2 else 3 if 4 else 5
x = (1, 2)[0]
x = "a" "b" f"{c}" "d"
x = f"{x}" f"{y}"
x = f"{'{'}"
x = f'{"}"}'
x = f"{x:{'{'}^10}"
x = f"{x!s:10}"
x = f"{x:=10}"
x = f"{(x:=10)}"
x = f"{x:{y}=}"
x = f"{x = !r:>{w}}"
x = f"""{
    x
    + 1
}"""
x = f'''{x:
>10}'''
def f(a, /): pass
def f(a=1, /, b=2, *, c): pass
def f(*, a): pass
def f(**kw,): pass
def f(*a,): pass
def f(a, b, /, c, d, *e, f, **g,): pass
lambda a, /, b: 0
lambda *, a=1: 0
lambda **k: 0
async def f():
    async with a, b as c:
        pass
    await (yield)
    return [await x async for x in y if await z]
try:
    pass
except (A, B):
    pass
except C as d:
    pass
x = 0_0
x = 1_2_3.4_5e+6_7
x = .0
x = 0.
x = 0e0
x = 0E+0
x = 00.0e-00
if True:
    pass
# comment at end
