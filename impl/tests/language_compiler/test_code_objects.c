/* What the code objects carry besides their instructions: names and
 * qualified names as CPython computes them, first lines, argument counts,
 * flags, the layout of locals, cells and frees, cell2arg, constants and
 * the maximum stack depth. */
#include "compiler_test_util.h"

static RCode *code_named(RCode *module, const char *qualname)
{
    RCode *co = find_code(module, qualname);
    if (!co)
        fail_msg("no code object %s", qualname);
    return co;
}

static void test_qualified_names(void **state)
{
    (void)state;
    RCode *m = compile_text("def f():\n"
                            "    def g():\n"
                            "        return [x for x in ()]\n"
                            "    return lambda: (y for y in ())\n"
                            "class C:\n"
                            "    h = lambda self: 1\n"
                            "    async def m(self):\n"
                            "        pass\n"
                            "def outer():\n"
                            "    global gl\n"
                            "    def gl():\n"
                            "        pass\n");
    assert_string_equal(r_str_utf8(m->qualname), "<module>");
    assert_string_equal(r_str_utf8(m->name), "<module>");
    const char *names[] = {"f", "f.<locals>.g", "f.<locals>.g.<locals>.<listcomp>",
                           "f.<locals>.<lambda>", "f.<locals>.<lambda>.<locals>.<genexpr>",
                           "C", "C.<lambda>", "C.m", "outer", "gl"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        code_named(m, names[i]);
    assert_string_equal(r_str_utf8(code_named(m, "C.<lambda>")->name), "<lambda>");
    assert_string_equal(r_str_utf8(code_named(m, "f.<locals>.g.<locals>.<listcomp>")->name),
                        "<listcomp>");
    R_DECREF(m);
}

static void test_first_lines(void **state)
{
    (void)state;
    RCode *m = compile_text("x = 1\n"
                            "\n"
                            "@decorator\n"
                            "def f():\n"
                            "    pass\n"
                            "class C:\n"
                            "    pass\n");
    assert_int_equal(m->firstlineno, 1);
    assert_int_equal(code_named(m, "f")->firstlineno, 3); /* the first decorator's line */
    assert_int_equal(code_named(m, "C")->firstlineno, 6);
    R_DECREF(m);
}

static void test_arguments_and_flags(void **state)
{
    (void)state;
    RCode *m = compile_text("def f(a, b=1, *args, k, m=2, **kw):\n"
                            "    def g():\n"
                            "        return a\n"
                            "    return g\n"
                            "def gen():\n"
                            "    yield\n"
                            "async def coro():\n"
                            "    pass\n"
                            "async def agen():\n"
                            "    yield\n");
    RCode *f = code_named(m, "f");
    assert_int_equal(f->argcount, 2);
    assert_int_equal(f->kwonlyargcount, 2);
    assert_int_equal(f->flags, R_CO_OPTIMIZED | R_CO_NEWLOCALS | R_CO_VARARGS | R_CO_VARKEYWORDS);
    /* locals: a b k m args kw g; the cell a starts from argument 0 */
    assert_int_equal(f->nlocals, 7);
    assert_int_equal(f->ncells, 1);
    assert_int_equal(f->nfrees, 0);
    assert_string_equal(r_str_utf8(R_TUPLE_GET(f->localsplusnames, 2)), "k");
    assert_string_equal(r_str_utf8(R_TUPLE_GET(f->localsplusnames, 4)), "args");
    assert_string_equal(r_str_utf8(R_TUPLE_GET(f->localsplusnames, 7)), "a");
    assert_non_null(f->cell2arg);
    assert_int_equal(f->cell2arg[0], 0);
    RCode *g = code_named(m, "f.<locals>.g");
    assert_int_equal(g->flags, R_CO_OPTIMIZED | R_CO_NEWLOCALS | R_CO_NESTED);
    assert_int_equal(g->nfrees, 1);
    assert_null(g->cell2arg);
    assert_true(code_named(m, "gen")->flags & R_CO_GENERATOR);
    assert_true(code_named(m, "coro")->flags & R_CO_COROUTINE);
    assert_true(code_named(m, "agen")->flags & R_CO_ASYNC_GENERATOR);
    assert_int_equal(m->flags, 0);
    R_DECREF(m);
}

static void test_constants(void **state)
{
    (void)state;
    RCode *m = compile_text("def f():\n"
                            "    return (1, 1.0, True, 'a', b'a', 1, None, (1, 'a'))\n");
    RCode *f = code_named(m, "f");
    /* None first (where CPython keeps the docstring), then the folded tuple */
    assert_int_equal(R_TUPLE_SIZE(f->consts), 2);
    assert_true(R_TUPLE_GET(f->consts, 0) == R_NONE);
    RObject *t = R_TUPLE_GET(f->consts, 1);
    assert_true(R_TUPLE_CHECK(t));
    assert_int_equal(R_TUPLE_SIZE(t), 8);
    R_DECREF(m);
    /* equal constants of one type are merged, 1 and 1.0 and True are not */
    m = compile_text("x = [1, 1.0, True, 1, 'a', 'a', y]\n");
    assert_int_equal(R_TUPLE_SIZE(m->consts), 5); /* 1 1.0 True 'a' None */
    R_DECREF(m);
}

static void test_stack_sizes(void **state)
{
    (void)state;
    RCode *m = compile_text("def f(a, b, c):\n"
                            "    return a + (b * (c - (a / b)))\n"
                            "def g():\n"
                            "    try:\n"
                            "        pass\n"
                            "    except E as e:\n"
                            "        pass\n"
                            "def h(x):\n"
                            "    with x:\n"
                            "        pass\n"
                            "def empty():\n"
                            "    pass\n");
    assert_int_equal(code_named(m, "f")->stacksize, 5);
    /* the handler starts with prev exc, and DUP_TOP + the type on top */
    assert_int_equal(code_named(m, "g")->stacksize, 4);
    /* exit prev exc and WITH_EXCEPT_START's result */
    assert_int_equal(code_named(m, "h")->stacksize, 4);
    assert_int_equal(code_named(m, "empty")->stacksize, 1);
    R_DECREF(m);
}

static void test_every_instruction_has_a_position(void **state)
{
    (void)state;
    RCode *m = compile_text("def f(x):\n"
                            "    for i in x:\n"
                            "        if i:\n"
                            "            return i\n"
                            "    return None\n");
    RCode *f = code_named(m, "f");
    for (size_t i = 0; i < f->ncode; i++) {
        assert_true(f->positions[i].line >= 1);
        assert_true(f->positions[i].line <= 5);
    }
    R_DECREF(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qualified_names),
        cmocka_unit_test(test_first_lines),
        cmocka_unit_test(test_arguments_and_flags),
        cmocka_unit_test(test_constants),
        cmocka_unit_test(test_stack_sizes),
        cmocka_unit_test(test_every_instruction_has_a_position),
    };
    return cmocka_run_group_tests(tests, compiler_test_setup, NULL);
}
