import os
import os.path
import concurrent.futures
import a, b.c, d
import a as b, c.d as e
from os import path
from os import (path, sep,)
from concurrent.futures import ThreadPoolExecutor, wait
from . import x
from .. import y
from .a import b as c
from ...a.b import c
from .... import d
from x import *
global_var = 1

def f():
    global a, b
    nonlocal_test = 1
    def g():
        nonlocal nonlocal_test
        return
    return g

def g(a, b=1, *args, c, d=2, **kwargs):
    """Docstring."""
    pass

def h(a, /, b, *, c):
    return a

def i(*, a=1, b):
    return *a, b

@decorator
@decorator.attr
@decorator(arg)
def decorated():
    pass

class A:
    pass

class B(A):
    x = 1

    def method(self):
        return super().method()

class C(A, metaclass=M, **kw):
    pass

@dec
class D:
    """Doc."""

if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass

if a: pass
else: pass

while x:
    break
else:
    continue

for x in y:
    pass
else:
    pass

for x, y in z: pass
for (x, y) in z: pass
for [x, *y] in z: pass
for x, in y: pass

try:
    pass
except ValueError:
    pass
except (TypeError, KeyError) as e:
    pass
except:
    pass
else:
    pass
finally:
    pass

try:
    pass
finally:
    pass

with a:
    pass
with a as b:
    pass
with a as b, c as d:
    pass
with a as (b, c):
    pass
with a as b.c, d as e[f]:
    pass

raise
raise ValueError
raise ValueError("x") from None
raise ValueError("x") from exc

assert x
assert x, "message"

x: int
x: int = 1
(x): int = 1
x.y: int = 1
x[0]: int

if True:
    if False:
        pass
    else:
        x = 1
        y = 2
# trailing comment
