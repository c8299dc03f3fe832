# Operator precedence, chained comparisons, boolean operators, conditionals.
x = 1 + 2 * 3 - 4 / 5 // 6 % 7
y = -2 ** -3 ** 2
z = ~a | b ^ c & d << 2 >> 1
w = a < b <= c > d >= e == f != g
v = a in b not in c is d is not e
u = not a and b or not c and not not d
t = a if b else c if d else e
s = lambda: 0
r = lambda a, b=1, *c, d, e=2, **f: (a, b, c, d, e, f)
q = (lambda *, k: k)(k=1)
p = a.b.c[d][e:f][::g][h:i:j][:, 1][k,][..., None]
o = f(a)(b)(c)[d].e
n = (yield)
m = await_ = 3
l = a @ b
k = (a, b), [c, d], {e, f}, {g: h, **i}, {**j}
j = ()
i = (1,)
h = [*a, *b]
g = {*a, b}
f(*a, *b, c=1, **d, **e)
f(a, *b, c, d=1, *e, **f)
print(1, 2, sep='', end='\n')
x[1:2, ::3, ...]
x = a if b else (c if d else e)
x = (a + b) * (c - d)
x = ((a))
x = (((a, b)))
x = -(-(-1))
x = +1 - -1
x = a.b(c=d).e[f]
x = not -a
x = a ** b ** c
x = (a for b in c)
x = f(a for b in c)
x = f((a for b in c), d)
x = [a for b in c if d if e for f in g if h]
x = {a: b for c, d in e}
x = {a for b in c}
x = [(a, b) for a, b in c]
x = [[y for y in z] for z in w]
x = a if b else lambda: c
x = lambda: (yield)
x = 1,
x = *a, *b
a, b = b, a
a, *b, c = d
[a, b] = c
(a, b), c = d
a = b = c = d
a.b = c[d] = e
x += 1; y -= 2; z *= 3; w /= 4; v //= 5; u %= 6; t **= 7
x >>= 1; y <<= 2; z &= 3; w |= 4; v ^= 5
del a, b[c], d.e, (f, g), [h]
del (a)
x = [
    1,
    2,
]
x = {
    'a': 1,
    'b': 2
}
x = f(
    a,
    b=c,
)
if (a and
        b):
    pass
x = a \
    + b
x = 'a' \
    'b'
x = None, True, False, ...
x = a[1:-1]
x = a[-1]
x = a[:-1:]
