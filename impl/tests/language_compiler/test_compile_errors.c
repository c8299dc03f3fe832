/* The SyntaxErrors found after parsing, with CPython 3.11's messages and
 * positions (line, 1-based offset): the symbol table's (global, nonlocal,
 * duplicate parameters, yield in a comprehension) and the compiler's
 * (return, await, break, continue, starred targets, async statements). */
#include "compiler_test_util.h"

static void test_return_outside_function(void **state)
{
    (void)state;
    check_syntax_error("return 1\n", "'return' outside function", 1, 1);
    check_syntax_error("class C:\n    return 1\n", "'return' outside function", 2, 5);
}

static void test_await_outside_async_function(void **state)
{
    (void)state;
    check_syntax_error("await x\n", "'await' outside function", 1, 1);
    check_syntax_error("def f():\n    await x\n", "'await' outside async function", 2, 5);
    check_syntax_error("def f():\n    return lambda: await x\n", "'await' outside async function",
                       2, 20);
}

static void test_break_and_continue_outside_loop(void **state)
{
    (void)state;
    check_syntax_error("x = 1\nbreak\n", "'break' outside loop", 2, 1);
    /* a loop around a def does not contain its body */
    check_syntax_error("while x:\n    def f():\n        continue\n",
                       "'continue' not properly in loop", 3, 9);
}

static void test_nonlocal_errors(void **state)
{
    (void)state;
    check_syntax_error("nonlocal x\n", "nonlocal declaration not allowed at module level", 1, 1);
    check_syntax_error("def f():\n    nonlocal x\n", "no binding for nonlocal 'x' found", 2, 5);
    /* a class body binds nothing its nested scopes see */
    check_syntax_error("x = 1\nclass C:\n    nonlocal x\n", "no binding for nonlocal 'x' found", 3,
                       5);
    /* comprehension variables are local to the comprehension */
    check_syntax_error("def f():\n    x = [1 for y in range(3)]\n    nonlocal y\n",
                       "no binding for nonlocal 'y' found", 3, 5);
    check_syntax_error("def f(x):\n    nonlocal x\n", "name 'x' is parameter and nonlocal", 2, 5);
}

static void test_global_errors(void **state)
{
    (void)state;
    check_syntax_error("def f():\n    x = 1\n    global x\n",
                       "name 'x' is assigned to before global declaration", 3, 5);
    check_syntax_error("def f():\n    print(x)\n    global x\n",
                       "name 'x' is used prior to global declaration", 3, 5);
    check_syntax_error("def f(x):\n    global x\n", "name 'x' is parameter and global", 2, 5);
    /* reported at the first of the two directives */
    check_syntax_error("def g():\n    x = 1\n    def f():\n        global x\n        nonlocal x\n",
                       "name 'x' is nonlocal and global", 4, 9);
}

static void test_duplicate_argument(void **state)
{
    (void)state;
    check_syntax_error("def f(a, b, a):\n    pass\n",
                       "duplicate argument 'a' in function definition", 1, 13);
}

static void test_starred_targets(void **state)
{
    (void)state;
    check_syntax_error("x, *y, *z = t\n", "multiple starred expressions in assignment", 1, 1);
    check_syntax_error("*a = t\n", "starred assignment target must be in a list or tuple", 1, 1);
}

static void test_async_statements_outside_async_function(void **state)
{
    (void)state;
    check_syntax_error("def f():\n    async with a:\n        pass\n",
                       "'async with' outside async function", 2, 5);
    check_syntax_error("def f():\n    async for a in b:\n        pass\n",
                       "'async for' outside async function", 2, 5);
    check_syntax_error("def f():\n    return [x async for x in y]\n",
                       "asynchronous comprehension outside of an asynchronous function", 2, 12);
}

static void test_generators_and_coroutines(void **state)
{
    (void)state;
    check_syntax_error("async def f():\n    yield 1\n    return 2\n",
                       "'return' with value in async generator", 3, 5);
    check_syntax_error("async def f():\n    yield from x\n", "'yield from' inside async function",
                       2, 5);
    check_syntax_error("yield 1\n", "'yield' outside function", 1, 1);
    check_syntax_error("class C:\n    x = yield 1\n", "'yield' outside function", 2, 9);
    check_syntax_error("def f():\n    return [(yield x) for x in y]\n",
                       "'yield' inside list comprehension", 2, 14);
    check_syntax_error("def f():\n    return ((yield x) for x in y)\n",
                       "'yield' inside generator expression", 2, 14);
}

static void test_calls_and_imports(void **state)
{
    (void)state;
    check_syntax_error("f(a=1, b=2, a=3)\n", "keyword argument repeated: a", 1, 13);
    check_syntax_error("def f():\n    from m import *\n", "import * only allowed at module level",
                       2, 19);
}

/* errors found in code that is never emitted (`if 0:`) are still errors */
static void test_errors_in_dead_code(void **state)
{
    (void)state;
    check_syntax_error("if 0:\n    break\n", "'break' outside loop", 2, 5);
    /* and a loop that never runs still contains its break */
    RCode *co = compile_text("while 0:\n    break\n");
    R_DECREF(co);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_return_outside_function),
        cmocka_unit_test(test_await_outside_async_function),
        cmocka_unit_test(test_break_and_continue_outside_loop),
        cmocka_unit_test(test_nonlocal_errors),
        cmocka_unit_test(test_global_errors),
        cmocka_unit_test(test_duplicate_argument),
        cmocka_unit_test(test_starred_targets),
        cmocka_unit_test(test_async_statements_outside_async_function),
        cmocka_unit_test(test_generators_and_coroutines),
        cmocka_unit_test(test_calls_and_imports),
        cmocka_unit_test(test_errors_in_dead_code),
    };
    return cmocka_run_group_tests(tests, compiler_test_setup, NULL);
}
