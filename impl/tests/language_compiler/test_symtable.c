/* Scopes as CPython's symtable computes them: locals, explicit and
 * implicit globals, free variables and the cells that provide them,
 * comprehension scopes with their `.0` argument, the implicit __class__
 * cell of zero-argument super(), generator and coroutine detection, and
 * private name mangling. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "parser.h"
#include "symtable.h"

typedef struct Table {
    AstArena *arena;
    AstModule *mod;
    SymTable *st;
} Table;

static Table build(const char *source)
{
    Table t;
    SyntaxErrorInfo error;
    t.arena = arena_new();
    assert_non_null(t.arena);
    t.mod = parse_module(t.arena, source, strlen(source), "test.py", &error);
    if (!t.mod)
        fail_msg("parse error: %s", error.msg);
    CompileSource src = {"test.py", source, strlen(source)};
    t.st = symtable_build(t.mod, &src, &error);
    if (!t.st)
        fail_msg("symtable error: %s", error.msg);
    return t;
}

static void release(Table *t)
{
    symtable_free(t->st);
    arena_free(t->arena);
}

/* The scope opened by the index-th statement of the module. */
static SymEntry *child_of_stmt(Table *t, int index)
{
    SymEntry *ste = symtable_child(t->st->top, t->mod->body.items[index]);
    assert_non_null(ste);
    return ste;
}

static void test_module_names(void **state)
{
    (void)state;
    Table t = build("import a.b\nx = 1\nprint(x)\n");
    SymEntry *top = t.st->top;
    assert_int_equal(top->type, SYM_BLOCK_MODULE);
    assert_int_equal(symtable_scope(top, "a"), SYM_LOCAL);
    assert_true(symtable_flags(top, "a") & SYM_DEF_IMPORT);
    assert_int_equal(symtable_scope(top, "x"), SYM_LOCAL);
    assert_int_equal(symtable_scope(top, "print"), SYM_GLOBAL_IMPLICIT);
    release(&t);
}

static void test_function_locals_and_globals(void **state)
{
    (void)state;
    Table t = build("g = 0\n"
                    "def f(a, *args, k, **kw):\n"
                    "    global g\n"
                    "    g = a\n"
                    "    y = len(args)\n");
    SymEntry *f = child_of_stmt(&t, 1);
    assert_int_equal(symtable_scope(f, "a"), SYM_LOCAL);
    assert_int_equal(symtable_scope(f, "y"), SYM_LOCAL);
    assert_int_equal(symtable_scope(f, "g"), SYM_GLOBAL_EXPLICIT);
    assert_int_equal(symtable_scope(f, "len"), SYM_GLOBAL_IMPLICIT);
    /* parameters in order: positional, keyword-only, *args, **kwargs */
    assert_int_equal(f->params.count, 4);
    assert_string_equal(f->params.keys[0], "a");
    assert_string_equal(f->params.keys[1], "k");
    assert_string_equal(f->params.keys[2], "args");
    assert_string_equal(f->params.keys[3], "kw");
    assert_true(f->varargs && f->varkeywords);
    /* the module learns that g is declared global */
    assert_int_equal(symtable_scope(t.st->top, "g"), SYM_GLOBAL_EXPLICIT);
    release(&t);
}

static void test_cells_and_frees(void **state)
{
    (void)state;
    Table t = build("def outer(a):\n"
                    "    b = 1\n"
                    "    def middle():\n"
                    "        def inner():\n"
                    "            nonlocal b\n"
                    "            b = a\n"
                    "        return inner\n"
                    "    return middle\n");
    SymEntry *outer = child_of_stmt(&t, 0);
    assert_int_equal(symtable_scope(outer, "a"), SYM_CELL);
    assert_int_equal(symtable_scope(outer, "b"), SYM_CELL);
    assert_int_equal(symtable_scope(outer, "middle"), SYM_LOCAL);
    SymEntry *middle = outer->children[0];
    /* middle uses neither, but passes both through to inner */
    assert_int_equal(symtable_scope(middle, "a"), SYM_FREE);
    assert_int_equal(symtable_scope(middle, "b"), SYM_FREE);
    assert_true(middle->child_free);
    SymEntry *inner = middle->children[0];
    assert_int_equal(symtable_scope(inner, "a"), SYM_FREE);
    assert_int_equal(symtable_scope(inner, "b"), SYM_FREE);
    assert_true(inner->nested && inner->free);
    release(&t);
}

static void test_class_scope_is_not_enclosing(void **state)
{
    (void)state;
    Table t = build("class C:\n"
                    "    x = 1\n"
                    "    def m(self):\n"
                    "        return x\n");
    SymEntry *c = child_of_stmt(&t, 0);
    assert_int_equal(c->type, SYM_BLOCK_CLASS);
    assert_int_equal(symtable_scope(c, "x"), SYM_LOCAL);
    assert_false(c->needs_class_closure);
    SymEntry *m = c->children[0];
    assert_int_equal(symtable_scope(m, "x"), SYM_GLOBAL_IMPLICIT);
    release(&t);
}

static void test_super_uses_class_cell(void **state)
{
    (void)state;
    Table t = build("class C(B):\n"
                    "    def m(self):\n"
                    "        return [super().m() for _ in ()]\n");
    SymEntry *c = child_of_stmt(&t, 0);
    assert_true(c->needs_class_closure);
    SymEntry *m = c->children[0];
    assert_int_equal(symtable_scope(m, "__class__"), SYM_FREE);
    assert_int_equal(symtable_scope(m, "super"), SYM_SCOPE_NONE);
    SymEntry *comp = m->children[0];
    assert_int_equal(symtable_scope(comp, "__class__"), SYM_FREE);
    assert_int_equal(symtable_scope(comp, "super"), SYM_GLOBAL_IMPLICIT);
    release(&t);
}

static void test_comprehension_scope(void **state)
{
    (void)state;
    Table t = build("def f(n):\n"
                    "    return [x + n for x in range(n) if x]\n");
    SymEntry *f = child_of_stmt(&t, 0);
    /* the outermost iterable is evaluated in f: range is used there */
    assert_int_equal(symtable_scope(f, "range"), SYM_GLOBAL_IMPLICIT);
    assert_int_equal(symtable_scope(f, "n"), SYM_CELL);
    assert_int_equal(symtable_scope(f, "x"), SYM_SCOPE_NONE);
    SymEntry *comp = f->children[0];
    assert_true(comp->comprehension);
    assert_string_equal(comp->name, "listcomp");
    assert_int_equal(comp->params.count, 1);
    assert_string_equal(comp->params.keys[0], ".0");
    assert_int_equal(symtable_scope(comp, "x"), SYM_LOCAL);
    assert_true(symtable_flags(comp, "x") & SYM_DEF_COMP_ITER);
    assert_int_equal(symtable_scope(comp, "n"), SYM_FREE);
    release(&t);
}

static void test_generators_and_coroutines(void **state)
{
    (void)state;
    Table t = build("def g():\n    yield 1\n"
                    "async def c():\n    await x\n"
                    "async def ag():\n    yield 1\n"
                    "async def ac():\n    return [y async for y in z]\n"
                    "def ge():\n    return (y for y in z)\n");
    SymEntry *g = child_of_stmt(&t, 0), *c = child_of_stmt(&t, 1), *ag = child_of_stmt(&t, 2),
             *ac = child_of_stmt(&t, 3), *ge = child_of_stmt(&t, 4);
    assert_true(g->generator && !g->coroutine);
    assert_true(!c->generator && c->coroutine);
    assert_true(ag->generator && ag->coroutine);
    assert_true(ac->coroutine && !ac->generator);
    assert_true(ac->children[0]->coroutine && !ac->children[0]->generator);
    assert_false(ge->generator);
    assert_true(ge->children[0]->generator);
    release(&t);
}

static void test_private_names_are_mangled(void **state)
{
    (void)state;
    Table t = build("class _Ham:\n"
                    "    def m(self, __a):\n"
                    "        self.__spam = __a\n"
                    "        return __dunder__\n");
    SymEntry *m = child_of_stmt(&t, 0)->children[0];
    assert_int_equal(symtable_scope(m, "_Ham__a"), SYM_LOCAL);
    assert_int_equal(symtable_scope(m, "__a"), SYM_SCOPE_NONE);
    assert_int_equal(symtable_scope(m, "__dunder__"), SYM_GLOBAL_IMPLICIT);
    AstArena *arena = arena_new();
    assert_string_equal(symtable_mangle(arena, "_Ham", "__spam"), "_Ham__spam");
    assert_string_equal(symtable_mangle(arena, "__", "__spam"), "__spam");
    assert_string_equal(symtable_mangle(arena, "Ham", "__init__"), "__init__");
    assert_string_equal(symtable_mangle(arena, "Ham", "_x"), "_x");
    assert_string_equal(symtable_mangle(arena, NULL, "__x"), "__x");
    arena_free(arena);
    release(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_module_names),
        cmocka_unit_test(test_function_locals_and_globals),
        cmocka_unit_test(test_cells_and_frees),
        cmocka_unit_test(test_class_scope_is_not_enclosing),
        cmocka_unit_test(test_super_uses_class_cell),
        cmocka_unit_test(test_comprehension_scope),
        cmocka_unit_test(test_generators_and_coroutines),
        cmocka_unit_test(test_private_names_are_mangled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
