/* Instruction sequences of the tricky forms, checked against the shapes of
 * CPython 3.9's compile.c on the block-stack VM of eval.c. */
#include "compiler_test_util.h"

/* try/except/else/finally: the finally body inline and as the handler that re-raises; `except E as e` binds e, and deletes it on both exits */
static void test_try_except_else_finally(void **state)
{
    (void)state;
    check_ops(
        "try:\n"
        "    a()\n"
        "except E as e:\n"
        "    b(e)\n"
        "except F:\n"
        "    c()\n"
        "else:\n"
        "    d()\n"
        "finally:\n"
        "    f()\n",
        "<module>", false,
        "SETUP_FINALLY 44 (to 44)\n"
        "SETUP_FINALLY 7 (to 7)\n"
        "LOAD_NAME 0 (a)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "POP_BLOCK\n"
        "JUMP 36 (to 36)\n"
        "DUP_TOP\n"
        "LOAD_NAME 1 (E)\n"
        "JUMP_IF_NOT_EXC_MATCH 26 (to 26)\n"
        "STORE_NAME 2 (e)\n"
        "SETUP_FINALLY 22 (to 22)\n"
        "LOAD_NAME 3 (b)\n"
        "LOAD_NAME 2 (e)\n"
        "CALL_FUNCTION 1\n"
        "POP_TOP\n"
        "POP_BLOCK\n"
        "POP_EXCEPT\n"
        "LOAD_CONST 0 (None)\n"
        "STORE_NAME 2 (e)\n"
        "DELETE_NAME 2 (e)\n"
        "JUMP 39 (to 39)\n"
        "LOAD_CONST 0 (None)\n"
        "STORE_NAME 2 (e)\n"
        "DELETE_NAME 2 (e)\n"
        "RERAISE\n"
        "DUP_TOP\n"
        "LOAD_NAME 4 (F)\n"
        "JUMP_IF_NOT_EXC_MATCH 35 (to 35)\n"
        "POP_TOP\n"
        "LOAD_NAME 5 (c)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "POP_EXCEPT\n"
        "JUMP 39 (to 39)\n"
        "RERAISE\n"
        "LOAD_NAME 6 (d)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "POP_BLOCK\n"
        "LOAD_NAME 7 (f)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "JUMP 48 (to 48)\n"
        "LOAD_NAME 7 (f)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "RERAISE\n"
        "LOAD_CONST 0 (None)\n"
        "RETURN_VALUE\n");
}

/* a bare except pops the exception and restores the handled one; `raise` re-raises it */
static void test_bare_except_and_reraise(void **state)
{
    (void)state;
    check_ops(
        "try:\n"
        "    a()\n"
        "except:\n"
        "    b()\n"
        "    raise\n",
        "<module>", false,
        "SETUP_FINALLY 6 (to 6)\n"
        "LOAD_NAME 0 (a)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "POP_BLOCK\n"
        "JUMP 11 (to 11)\n"
        "POP_TOP\n"
        "LOAD_NAME 1 (b)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "RAISE_VARARGS 0\n"
        "LOAD_CONST 0 (None)\n"
        "RETURN_VALUE\n");
}

/* two with items nest; a return inside calls both exits (innermost first) keeping the value on top */
static void test_with_items_and_return(void **state)
{
    (void)state;
    check_ops(
        "def f(x):\n"
        "    with x as y, z:\n"
        "        return y\n",
        "f", false,
        "LOAD_FAST 0 (x)\n"
        "SETUP_WITH 35 (to 35)\n"
        "STORE_FAST 1 (y)\n"
        "LOAD_GLOBAL 0 (z)\n"
        "SETUP_WITH 22 (to 22)\n"
        "POP_TOP\n"
        "LOAD_FAST 1 (y)\n"
        "POP_BLOCK\n"
        "ROT_TWO\n"
        "LOAD_CONST 0 (None)\n"
        "DUP_TOP\n"
        "DUP_TOP\n"
        "CALL_FUNCTION 3\n"
        "POP_TOP\n"
        "POP_BLOCK\n"
        "ROT_TWO\n"
        "LOAD_CONST 0 (None)\n"
        "DUP_TOP\n"
        "DUP_TOP\n"
        "CALL_FUNCTION 3\n"
        "POP_TOP\n"
        "RETURN_VALUE\n"
        "WITH_EXCEPT_START\n"
        "POP_JUMP_IF_TRUE 25 (to 25)\n"
        "RERAISE\n"
        "POP_TOP\n"
        "POP_EXCEPT\n"
        "POP_TOP\n"
        "POP_BLOCK\n"
        "LOAD_CONST 0 (None)\n"
        "DUP_TOP\n"
        "DUP_TOP\n"
        "CALL_FUNCTION 3\n"
        "POP_TOP\n"
        "JUMP 41 (to 41)\n"
        "WITH_EXCEPT_START\n"
        "POP_JUMP_IF_TRUE 38 (to 38)\n"
        "RERAISE\n"
        "POP_TOP\n"
        "POP_EXCEPT\n"
        "POP_TOP\n"
        "LOAD_CONST 0 (None)\n"
        "RETURN_VALUE\n");
}

/* break and continue inside try/finally run the finally body first; break pops the for iterator */
static void test_break_continue_through_finally(void **state)
{
    (void)state;
    check_ops(
        "def f():\n"
        "    for i in it:\n"
        "        try:\n"
        "            if i:\n"
        "                break\n"
        "            continue\n"
        "        finally:\n"
        "            g()\n",
        "f", false,
        "LOAD_GLOBAL 0 (it)\n"
        "GET_ITER\n"
        "FOR_ITER 22 (to 22)\n"
        "STORE_FAST 0 (i)\n"
        "SETUP_FINALLY 18 (to 18)\n"
        "LOAD_FAST 0 (i)\n"
        "POP_JUMP_IF_FALSE 13 (to 13)\n"
        "POP_BLOCK\n"
        "LOAD_GLOBAL 1 (g)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "POP_TOP\n"
        "JUMP 22 (to 22)\n"
        "POP_BLOCK\n"
        "LOAD_GLOBAL 1 (g)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "JUMP 2 (to 2)\n"
        "LOAD_GLOBAL 1 (g)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "RERAISE\n"
        "LOAD_CONST 0 (None)\n"
        "RETURN_VALUE\n");
}

/* a return inside `except E as e` leaves the handler (POP_EXCEPT under the value) and deletes e; break out of the try pops its block */
static void test_return_from_named_handler(void **state)
{
    (void)state;
    check_ops(
        "def f():\n"
        "    while c:\n"
        "        try:\n"
        "            break\n"
        "        except E as e:\n"
        "            return e\n",
        "f", false,
        "LOAD_GLOBAL 0 (c)\n"
        "POP_JUMP_IF_FALSE 23 (to 23)\n"
        "SETUP_FINALLY 5 (to 5)\n"
        "POP_BLOCK\n"
        "JUMP 23 (to 23)\n"
        "DUP_TOP\n"
        "LOAD_GLOBAL 1 (E)\n"
        "JUMP_IF_NOT_EXC_MATCH 22 (to 22)\n"
        "STORE_FAST 0 (e)\n"
        "SETUP_FINALLY 18 (to 18)\n"
        "LOAD_FAST 0 (e)\n"
        "POP_BLOCK\n"
        "ROT_TWO\n"
        "POP_EXCEPT\n"
        "LOAD_CONST 0 (None)\n"
        "STORE_FAST 0 (e)\n"
        "DELETE_FAST 0 (e)\n"
        "RETURN_VALUE\n"
        "LOAD_CONST 0 (None)\n"
        "STORE_FAST 0 (e)\n"
        "DELETE_FAST 0 (e)\n"
        "RERAISE\n"
        "RERAISE\n"
        "LOAD_CONST 0 (None)\n"
        "RETURN_VALUE\n");
}

/* return of a value inside for/try/finally: the finally body runs with the value kept on top, then the iterator is popped */
static void test_return_in_finally_protected_loop(void **state)
{
    (void)state;
    check_ops(
        "def f(xs):\n"
        "    for x in xs:\n"
        "        try:\n"
        "            return x\n"
        "        finally:\n"
        "            done()\n",
        "f", false,
        "LOAD_FAST 0 (xs)\n"
        "GET_ITER\n"
        "FOR_ITER 17 (to 17)\n"
        "STORE_FAST 1 (x)\n"
        "SETUP_FINALLY 13 (to 13)\n"
        "LOAD_FAST 1 (x)\n"
        "POP_BLOCK\n"
        "LOAD_GLOBAL 0 (done)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "ROT_TWO\n"
        "POP_TOP\n"
        "RETURN_VALUE\n"
        "LOAD_GLOBAL 0 (done)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "RERAISE\n"
        "LOAD_CONST 0 (None)\n"
        "RETURN_VALUE\n");
}

/* a list comprehension is a nested function called with the iterator of its first iterable */
static void test_list_comprehension_call(void **state)
{
    (void)state;
    check_ops(
        "def f(n):\n"
        "    return [x * y for x in n if x for y in x]\n",
        "f", false,
        "LOAD_CONST 1 (<code object <listcomp>, line 2>)\n"
        "LOAD_CONST 2 ('f.<locals>.<listcomp>')\n"
        "MAKE_FUNCTION 0\n"
        "LOAD_FAST 0 (n)\n"
        "GET_ITER\n"
        "CALL_FUNCTION 1\n"
        "RETURN_VALUE\n");
}

/* ... whose body loops over the argument .0, appending to the list below the iterators */
static void test_list_comprehension_body(void **state)
{
    (void)state;
    check_ops(
        "def f(n):\n"
        "    return [x * y for x in n if x for y in x]\n",
        "f.<locals>.<listcomp>", false,
        "BUILD_LIST 0\n"
        "LOAD_FAST 0 (.0)\n"
        "FOR_ITER 16 (to 16)\n"
        "STORE_FAST 1 (x)\n"
        "LOAD_FAST 1 (x)\n"
        "POP_JUMP_IF_FALSE 15 (to 15)\n"
        "LOAD_FAST 1 (x)\n"
        "GET_ITER\n"
        "FOR_ITER 15 (to 15)\n"
        "STORE_FAST 2 (y)\n"
        "LOAD_FAST 1 (x)\n"
        "LOAD_FAST 2 (y)\n"
        "BINARY_OP 2 (*)\n"
        "LIST_APPEND 3\n"
        "JUMP 8 (to 8)\n"
        "JUMP 2 (to 2)\n"
        "RETURN_VALUE\n");
}

/* a generator expression starts with GEN_START and yields each element */
static void test_generator_expression(void **state)
{
    (void)state;
    check_ops(
        "g = (x + 1 for x in range(3))\n",
        "<genexpr>", false,
        "GEN_START 0 (generator)\n"
        "LOAD_FAST 0 (.0)\n"
        "FOR_ITER 10 (to 10)\n"
        "STORE_FAST 1 (x)\n"
        "LOAD_FAST 1 (x)\n"
        "LOAD_CONST 0 (1)\n"
        "BINARY_OP 0 (+)\n"
        "YIELD_VALUE\n"
        "POP_TOP\n"
        "JUMP 2 (to 2)\n"
        "LOAD_CONST 1 (None)\n"
        "RETURN_VALUE\n");
}

/* the key is evaluated before the value */
static void test_dict_comprehension(void **state)
{
    (void)state;
    check_ops(
        "d = {k: v for k, v in items}\n",
        "<dictcomp>", false,
        "BUILD_MAP 0\n"
        "LOAD_FAST 0 (.0)\n"
        "FOR_ITER 10 (to 10)\n"
        "UNPACK_SEQUENCE 2\n"
        "STORE_FAST 1 (k)\n"
        "STORE_FAST 2 (v)\n"
        "LOAD_FAST 1 (k)\n"
        "LOAD_FAST 2 (v)\n"
        "MAP_ADD 2\n"
        "JUMP 2 (to 2)\n"
        "RETURN_VALUE\n");
}

/* a local used by a nested function is a cell: stored with STORE_DEREF, passed with LOAD_CLOSURE; a cell argument keeps its slot */
static void test_closure_cells(void **state)
{
    (void)state;
    check_ops(
        "def outer(a):\n"
        "    b = 1\n"
        "    def inner(c):\n"
        "        nonlocal b\n"
        "        b += a + c\n"
        "        return b\n"
        "    return inner\n",
        "outer", false,
        "LOAD_CONST 1 (1)\n"
        "STORE_DEREF 3 (b)\n"
        "LOAD_CLOSURE 2 (a)\n"
        "LOAD_CLOSURE 3 (b)\n"
        "BUILD_TUPLE 2\n"
        "LOAD_CONST 2 (<code object inner, line 3>)\n"
        "LOAD_CONST 3 ('outer.<locals>.inner')\n"
        "MAKE_FUNCTION 8 (closure)\n"
        "STORE_FAST 1 (inner)\n"
        "LOAD_FAST 1 (inner)\n"
        "RETURN_VALUE\n");
}

/* free variables follow the cells in the slots */
static void test_closure_frees(void **state)
{
    (void)state;
    check_ops(
        "def outer(a):\n"
        "    b = 1\n"
        "    def inner(c):\n"
        "        nonlocal b\n"
        "        b += a + c\n"
        "        return b\n"
        "    return inner\n",
        "outer.<locals>.inner", false,
        "LOAD_DEREF 2 (b)\n"
        "LOAD_DEREF 1 (a)\n"
        "LOAD_FAST 0 (c)\n"
        "BINARY_OP 0 (+)\n"
        "BINARY_OP 16 (+=)\n"
        "STORE_DEREF 2 (b)\n"
        "LOAD_DEREF 2 (b)\n"
        "RETURN_VALUE\n");
}

/* a class whose method uses super() gets a __class__ cell, returned and stored as __classcell__ */
static void test_class_with_super_body(void **state)
{
    (void)state;
    check_ops(
        "class C(Base):\n"
        "    x = 1\n"
        "    def m(self):\n"
        "        return super().m()\n",
        "C", false,
        "LOAD_NAME 0 (__name__)\n"
        "STORE_NAME 1 (__module__)\n"
        "LOAD_CONST 0 ('C')\n"
        "STORE_NAME 2 (__qualname__)\n"
        "LOAD_CONST 1 (1)\n"
        "STORE_NAME 3 (x)\n"
        "LOAD_CLOSURE 0 (__class__)\n"
        "BUILD_TUPLE 1\n"
        "LOAD_CONST 2 (<code object m, line 3>)\n"
        "LOAD_CONST 3 ('C.m')\n"
        "MAKE_FUNCTION 8 (closure)\n"
        "STORE_NAME 4 (m)\n"
        "LOAD_CLOSURE 0 (__class__)\n"
        "DUP_TOP\n"
        "STORE_NAME 5 (__classcell__)\n"
        "RETURN_VALUE\n");
}

/* the method reads super as a global, __class__ is its free variable */
static void test_class_with_super_method(void **state)
{
    (void)state;
    check_ops(
        "class C(Base):\n"
        "    x = 1\n"
        "    def m(self):\n"
        "        return super().m()\n",
        "C.m", false,
        "LOAD_GLOBAL 0 (super)\n"
        "CALL_FUNCTION 0\n"
        "LOAD_METHOD 1 (m)\n"
        "CALL_METHOD 0\n"
        "RETURN_VALUE\n");
}

/* class C(Base): __build_class__(body function, name, base) */
static void test_class_statement(void **state)
{
    (void)state;
    check_ops(
        "class C(Base):\n"
        "    x = 1\n"
        "    def m(self):\n"
        "        return super().m()\n",
        "<module>", false,
        "LOAD_BUILD_CLASS\n"
        "LOAD_CONST 0 (<code object C, line 1>)\n"
        "LOAD_CONST 1 ('C')\n"
        "MAKE_FUNCTION 0\n"
        "LOAD_CONST 1 ('C')\n"
        "LOAD_NAME 0 (Base)\n"
        "CALL_FUNCTION 3\n"
        "STORE_NAME 1 (C)\n"
        "LOAD_CONST 2 (None)\n"
        "RETURN_VALUE\n");
}

/* async with awaits __aenter__ and __aexit__, async for awaits __anext__ under a handler that END_ASYNC_FOR ends */
static void test_async_with_for_await(void **state)
{
    (void)state;
    check_ops(
        "async def f(lock, it):\n"
        "    async with lock as v:\n"
        "        await v\n"
        "    async for x in it:\n"
        "        print(x)\n",
        "f", false,
        "GEN_START 1 (coroutine)\n"
        "LOAD_FAST 0 (lock)\n"
        "BEFORE_ASYNC_WITH\n"
        "LOAD_CONST 0 (None)\n"
        "YIELD_FROM\n"
        "SETUP_ASYNC_WITH 22 (to 22)\n"
        "STORE_FAST 2 (v)\n"
        "LOAD_FAST 2 (v)\n"
        "GET_AWAITABLE 0\n"
        "LOAD_CONST 0 (None)\n"
        "YIELD_FROM\n"
        "POP_TOP\n"
        "POP_BLOCK\n"
        "LOAD_CONST 0 (None)\n"
        "DUP_TOP\n"
        "DUP_TOP\n"
        "CALL_FUNCTION 3\n"
        "GET_AWAITABLE 2 (aexit)\n"
        "LOAD_CONST 0 (None)\n"
        "YIELD_FROM\n"
        "POP_TOP\n"
        "JUMP 31 (to 31)\n"
        "WITH_EXCEPT_START\n"
        "GET_AWAITABLE 2 (aexit)\n"
        "LOAD_CONST 0 (None)\n"
        "YIELD_FROM\n"
        "POP_JUMP_IF_TRUE 28 (to 28)\n"
        "RERAISE\n"
        "POP_TOP\n"
        "POP_EXCEPT\n"
        "POP_TOP\n"
        "LOAD_FAST 1 (it)\n"
        "GET_AITER\n"
        "SETUP_FINALLY 44 (to 44)\n"
        "GET_ANEXT\n"
        "LOAD_CONST 0 (None)\n"
        "YIELD_FROM\n"
        "POP_BLOCK\n"
        "STORE_FAST 3 (x)\n"
        "LOAD_GLOBAL 0 (print)\n"
        "LOAD_FAST 3 (x)\n"
        "CALL_FUNCTION 1\n"
        "POP_TOP\n"
        "JUMP 33 (to 33)\n"
        "END_ASYNC_FOR\n"
        "LOAD_CONST 0 (None)\n"
        "RETURN_VALUE\n");
}

/* method calls use LOAD_METHOD/CALL_METHOD; keywords a names tuple; *args and **kwargs CALL_FUNCTION_EX */
static void test_calls(void **state)
{
    (void)state;
    check_ops(
        "o.m(1)\n"
        "f(1, k=2)\n"
        "f(*a, 1, k=2, **kw)\n"
        "o.m(*a)\n",
        "<module>", false,
        "LOAD_NAME 0 (o)\n"
        "LOAD_METHOD 1 (m)\n"
        "LOAD_CONST 0 (1)\n"
        "CALL_METHOD 1\n"
        "POP_TOP\n"
        "LOAD_NAME 2 (f)\n"
        "LOAD_CONST 0 (1)\n"
        "LOAD_CONST 1 (2)\n"
        "LOAD_CONST 2 (('k',))\n"
        "CALL_FUNCTION_KW 2\n"
        "POP_TOP\n"
        "LOAD_NAME 2 (f)\n"
        "BUILD_LIST 0\n"
        "LOAD_NAME 3 (a)\n"
        "LIST_EXTEND 1\n"
        "LOAD_CONST 0 (1)\n"
        "LIST_APPEND 1\n"
        "LIST_TO_TUPLE\n"
        "LOAD_CONST 3 ('k')\n"
        "LOAD_CONST 1 (2)\n"
        "BUILD_MAP 1\n"
        "LOAD_NAME 4 (kw)\n"
        "DICT_MERGE 1\n"
        "CALL_FUNCTION_EX 1\n"
        "POP_TOP\n"
        "LOAD_NAME 0 (o)\n"
        "LOAD_ATTR 1 (m)\n"
        "LOAD_NAME 3 (a)\n"
        "CALL_FUNCTION_EX 0\n"
        "POP_TOP\n"
        "LOAD_CONST 4 (None)\n"
        "RETURN_VALUE\n");
}

/* chained, starred and nested unpacking, augmented assignment to an attribute and a subscript */
static void test_assignments(void **state)
{
    (void)state;
    check_ops(
        "a = b = 1\n"
        "x, *y, z = t\n"
        "[p, (q, r)] = t\n"
        "o.a += 1\n"
        "o[i] -= 1\n"
        "del o.a, o[i], a\n",
        "<module>", false,
        "LOAD_CONST 0 (1)\n"
        "DUP_TOP\n"
        "STORE_NAME 0 (a)\n"
        "STORE_NAME 1 (b)\n"
        "LOAD_NAME 2 (t)\n"
        "UNPACK_EX 257 (1 before, 1 after)\n"
        "STORE_NAME 3 (x)\n"
        "STORE_NAME 4 (y)\n"
        "STORE_NAME 5 (z)\n"
        "LOAD_NAME 2 (t)\n"
        "UNPACK_SEQUENCE 2\n"
        "STORE_NAME 6 (p)\n"
        "UNPACK_SEQUENCE 2\n"
        "STORE_NAME 7 (q)\n"
        "STORE_NAME 8 (r)\n"
        "LOAD_NAME 9 (o)\n"
        "DUP_TOP\n"
        "LOAD_ATTR 0 (a)\n"
        "LOAD_CONST 0 (1)\n"
        "BINARY_OP 16 (+=)\n"
        "ROT_TWO\n"
        "STORE_ATTR 0 (a)\n"
        "LOAD_NAME 9 (o)\n"
        "LOAD_NAME 10 (i)\n"
        "DUP_TOP_TWO\n"
        "BINARY_SUBSCR\n"
        "LOAD_CONST 0 (1)\n"
        "BINARY_OP 17 (-=)\n"
        "ROT_THREE\n"
        "STORE_SUBSCR\n"
        "LOAD_NAME 9 (o)\n"
        "DELETE_ATTR 0 (a)\n"
        "LOAD_NAME 9 (o)\n"
        "LOAD_NAME 10 (i)\n"
        "DELETE_SUBSCR\n"
        "DELETE_NAME 0 (a)\n"
        "LOAD_CONST 1 (None)\n"
        "RETURN_VALUE\n");
}

/* import a.b binds a; from-import pops the module after binding the names */
static void test_imports(void **state)
{
    (void)state;
    check_ops(
        "import concurrent.futures\n"
        "from asyncio import sleep, run\n",
        "<module>", false,
        "LOAD_CONST 0 (0)\n"
        "LOAD_CONST 1 (None)\n"
        "IMPORT_NAME 0 (concurrent.futures)\n"
        "STORE_NAME 1 (concurrent)\n"
        "LOAD_CONST 0 (0)\n"
        "LOAD_CONST 2 (('sleep', 'run'))\n"
        "IMPORT_NAME 2 (asyncio)\n"
        "IMPORT_FROM 3 (sleep)\n"
        "STORE_NAME 3 (sleep)\n"
        "IMPORT_FROM 4 (run)\n"
        "STORE_NAME 4 (run)\n"
        "POP_TOP\n"
        "LOAD_CONST 1 (None)\n"
        "RETURN_VALUE\n");
}

/* one FORMAT_VALUE per field; a spec with fields is itself built with BUILD_STRING */
static void test_fstring(void **state)
{
    (void)state;
    check_ops(
        "s = f\"a{x!r:>{w}}b{y}\"\n",
        "<module>", false,
        "LOAD_CONST 0 ('a')\n"
        "LOAD_NAME 0 (x)\n"
        "LOAD_CONST 1 ('>')\n"
        "LOAD_NAME 1 (w)\n"
        "FORMAT_VALUE 0\n"
        "LOAD_CONST 2 ('')\n"
        "BUILD_STRING 3\n"
        "FORMAT_VALUE 6 (repr, with format)\n"
        "LOAD_CONST 3 ('b')\n"
        "LOAD_NAME 2 (y)\n"
        "FORMAT_VALUE 0\n"
        "BUILD_STRING 4\n"
        "STORE_NAME 3 (s)\n"
        "LOAD_CONST 4 (None)\n"
        "RETURN_VALUE\n");
}

/* chained comparison with DUP_TOP/ROT_THREE, short-circuit with JUMP_IF_*_OR_POP, conditional expression */
static void test_conditions(void **state)
{
    (void)state;
    check_ops(
        "v = a < b < c\n"
        "w = a and b or c\n"
        "z = a if not b else c\n",
        "<module>", false,
        "LOAD_NAME 0 (a)\n"
        "LOAD_NAME 1 (b)\n"
        "DUP_TOP\n"
        "ROT_THREE\n"
        "COMPARE_OP 0 (<)\n"
        "JUMP_IF_FALSE_OR_POP 9 (to 9)\n"
        "LOAD_NAME 2 (c)\n"
        "COMPARE_OP 0 (<)\n"
        "JUMP 11 (to 11)\n"
        "ROT_TWO\n"
        "POP_TOP\n"
        "STORE_NAME 3 (v)\n"
        "LOAD_NAME 0 (a)\n"
        "JUMP_IF_FALSE_OR_POP 15 (to 15)\n"
        "LOAD_NAME 1 (b)\n"
        "JUMP_IF_TRUE_OR_POP 17 (to 17)\n"
        "LOAD_NAME 2 (c)\n"
        "STORE_NAME 4 (w)\n"
        "LOAD_NAME 1 (b)\n"
        "POP_JUMP_IF_TRUE 22 (to 22)\n"
        "LOAD_NAME 0 (a)\n"
        "JUMP 23 (to 23)\n"
        "LOAD_NAME 2 (c)\n"
        "STORE_NAME 5 (z)\n"
        "LOAD_CONST 0 (None)\n"
        "RETURN_VALUE\n");
}

/* assert is always compiled (no -O): LOAD_ASSERTION_ERROR and the message */
static void test_assert_statement(void **state)
{
    (void)state;
    check_ops(
        "assert x > 0, \"neg\"\n",
        "<module>", false,
        "LOAD_NAME 0 (x)\n"
        "LOAD_CONST 0 (0)\n"
        "COMPARE_OP 4 (>)\n"
        "POP_JUMP_IF_TRUE 8 (to 8)\n"
        "LOAD_ASSERTION_ERROR\n"
        "LOAD_CONST 1 ('neg')\n"
        "CALL_FUNCTION 1\n"
        "RAISE_VARARGS 1\n"
        "LOAD_CONST 2 (None)\n"
        "RETURN_VALUE\n");
}

/* defaults tuple, keyword-only defaults dict, decorators applied innermost first */
static void test_function_defaults(void **state)
{
    (void)state;
    check_ops(
        "@d1\n"
        "@d2.x\n"
        "def f(a, b=1, *args, k, m=2, **kw):\n"
        "    pass\n",
        "<module>", false,
        "LOAD_NAME 0 (d1)\n"
        "LOAD_NAME 1 (d2)\n"
        "LOAD_ATTR 2 (x)\n"
        "LOAD_CONST 0 (1)\n"
        "BUILD_TUPLE 1\n"
        "LOAD_CONST 1 ('m')\n"
        "LOAD_CONST 2 (2)\n"
        "BUILD_MAP 1\n"
        "LOAD_CONST 3 (<code object f, line 1>)\n"
        "LOAD_CONST 4 ('f')\n"
        "MAKE_FUNCTION 3 (defaults kwdefaults)\n"
        "CALL_FUNCTION 1\n"
        "CALL_FUNCTION 1\n"
        "STORE_NAME 3 (f)\n"
        "LOAD_CONST 5 (None)\n"
        "RETURN_VALUE\n");
}

/* a lambda returns its body; a generator function starts with GEN_START */
static void test_lambda_and_generator(void **state)
{
    (void)state;
    check_ops(
        "f = lambda x, y=1: x + y\n"
        "def g():\n"
        "    v = yield 1\n"
        "    yield from v\n",
        "g", false,
        "GEN_START 0 (generator)\n"
        "LOAD_CONST 1 (1)\n"
        "YIELD_VALUE\n"
        "STORE_FAST 0 (v)\n"
        "LOAD_FAST 0 (v)\n"
        "GET_YIELD_FROM_ITER\n"
        "LOAD_CONST 0 (None)\n"
        "YIELD_FROM\n"
        "POP_TOP\n"
        "LOAD_CONST 0 (None)\n"
        "RETURN_VALUE\n");
}

/* module-level names use the NAME opcodes */
static void test_main_guard(void **state)
{
    (void)state;
    check_ops(
        "if __name__ == \"__main__\":\n"
        "    main()\n",
        "<module>", false,
        "LOAD_NAME 0 (__name__)\n"
        "LOAD_CONST 0 ('__main__')\n"
        "COMPARE_OP 2 (==)\n"
        "POP_JUMP_IF_FALSE 7 (to 7)\n"
        "LOAD_NAME 1 (main)\n"
        "CALL_FUNCTION 0\n"
        "POP_TOP\n"
        "LOAD_CONST 1 (None)\n"
        "RETURN_VALUE\n");
}

/* a global declaration makes the function (and the module) use the GLOBAL opcodes */
static void test_global_and_nonlocal_names(void **state)
{
    (void)state;
    check_ops(
        "def f():\n"
        "    global counter\n"
        "    counter += 1\n"
        "    return len(counter)\n",
        "f", false,
        "LOAD_GLOBAL 0 (counter)\n"
        "LOAD_CONST 1 (1)\n"
        "BINARY_OP 16 (+=)\n"
        "STORE_GLOBAL 0 (counter)\n"
        "LOAD_GLOBAL 1 (len)\n"
        "LOAD_GLOBAL 0 (counter)\n"
        "CALL_FUNCTION 1\n"
        "RETURN_VALUE\n");
}

/* LOAD_METHOD and CALL_METHOD are located at the attribute line (CPython 3.11) */
static void test_method_call_on_later_line_positions(void **state)
{
    (void)state;
    check_ops(
        "result = (obj\n"
        "          .method(arg))\n",
        "<module>", true,
        "1\tLOAD_NAME 0 (obj)\n"
        "2\tLOAD_METHOD 1 (method)\n"
        "2\tLOAD_NAME 2 (arg)\n"
        "2\tCALL_METHOD 1\n"
        "1\tSTORE_NAME 3 (result)\n"
        "1\tLOAD_CONST 0 (None)\n"
        "1\tRETURN_VALUE\n");
}

/* the implicit `del e` at the end of a handler is located at the last line of the handler */
static void test_except_cleanup_positions(void **state)
{
    (void)state;
    check_ops(
        "try:\n"
        "    work()\n"
        "except RuntimeError as e:\n"
        "    print(e)\n"
        "    print(\"done\")\n"
        "after()\n",
        "<module>", true,
        "1\tSETUP_FINALLY 6 (to 6)\n"
        "2\tLOAD_NAME 0 (work)\n"
        "2\tCALL_FUNCTION 0\n"
        "2\tPOP_TOP\n"
        "2\tPOP_BLOCK\n"
        "2\tJUMP 30 (to 30)\n"
        "3\tDUP_TOP\n"
        "3\tLOAD_NAME 1 (RuntimeError)\n"
        "3\tJUMP_IF_NOT_EXC_MATCH 29 (to 29)\n"
        "3\tSTORE_NAME 2 (e)\n"
        "3\tSETUP_FINALLY 25 (to 25)\n"
        "4\tLOAD_NAME 3 (print)\n"
        "4\tLOAD_NAME 2 (e)\n"
        "4\tCALL_FUNCTION 1\n"
        "4\tPOP_TOP\n"
        "5\tLOAD_NAME 3 (print)\n"
        "5\tLOAD_CONST 0 ('done')\n"
        "5\tCALL_FUNCTION 1\n"
        "5\tPOP_TOP\n"
        "5\tPOP_BLOCK\n"
        "5\tPOP_EXCEPT\n"
        "5\tLOAD_CONST 1 (None)\n"
        "5\tSTORE_NAME 2 (e)\n"
        "5\tDELETE_NAME 2 (e)\n"
        "5\tJUMP 30 (to 30)\n"
        "5\tLOAD_CONST 1 (None)\n"
        "5\tSTORE_NAME 2 (e)\n"
        "5\tDELETE_NAME 2 (e)\n"
        "5\tRERAISE\n"
        "5\tRERAISE\n"
        "6\tLOAD_NAME 4 (after)\n"
        "6\tCALL_FUNCTION 0\n"
        "6\tPOP_TOP\n"
        "6\tLOAD_CONST 1 (None)\n"
        "6\tRETURN_VALUE\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_try_except_else_finally),
        cmocka_unit_test(test_bare_except_and_reraise),
        cmocka_unit_test(test_with_items_and_return),
        cmocka_unit_test(test_break_continue_through_finally),
        cmocka_unit_test(test_return_from_named_handler),
        cmocka_unit_test(test_return_in_finally_protected_loop),
        cmocka_unit_test(test_list_comprehension_call),
        cmocka_unit_test(test_list_comprehension_body),
        cmocka_unit_test(test_generator_expression),
        cmocka_unit_test(test_dict_comprehension),
        cmocka_unit_test(test_closure_cells),
        cmocka_unit_test(test_closure_frees),
        cmocka_unit_test(test_class_with_super_body),
        cmocka_unit_test(test_class_with_super_method),
        cmocka_unit_test(test_class_statement),
        cmocka_unit_test(test_async_with_for_await),
        cmocka_unit_test(test_calls),
        cmocka_unit_test(test_assignments),
        cmocka_unit_test(test_imports),
        cmocka_unit_test(test_fstring),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_assert_statement),
        cmocka_unit_test(test_function_defaults),
        cmocka_unit_test(test_lambda_and_generator),
        cmocka_unit_test(test_main_guard),
        cmocka_unit_test(test_global_and_nonlocal_names),
        cmocka_unit_test(test_method_call_on_later_line_positions),
        cmocka_unit_test(test_except_cleanup_positions),
    };
    return cmocka_run_group_tests(tests, compiler_test_setup, NULL);
}
