/* Unit tests of the parser: tree shapes, decoded constants, contexts, and
 * robustness on hostile input (no crash, no leak: run under ASan). */
#include "front_test_util.h"

#include <math.h>

#include "ast.h"

static AstModule *parse_ok(const char *source, AstArena **arena) {
    SyntaxErrorInfo error;
    AstModule *module = parse_text(source, arena, &error);
    if (!module) {
        fail_msg("%s: %s", source, error.msg);
    }
    return module;
}

static AstExpr *first_expr(AstModule *module) {
    assert_true(module->body.len >= 1);
    AstStmt *stmt = module->body.items[0];
    if (stmt->kind == STMT_Expr) {
        return stmt->v.Expr.value;
    }
    assert_int_equal(stmt->kind, STMT_Assign);
    return stmt->v.Assign.value;
}

static void test_precedence(void **state) {
    (void)state;
    AstArena *arena;
    AstExpr *e = first_expr(parse_ok("a or b and not c < d | e ^ f & g << h + i * -j ** k\n", &arena));
    assert_int_equal(e->kind, EXPR_BoolOp);
    assert_int_equal(e->v.BoolOp.op, AST_Or);
    AstExpr *and = e->v.BoolOp.values.items[1];
    assert_int_equal(and->v.BoolOp.op, AST_And);
    AstExpr *not = and->v.BoolOp.values.items[1];
    assert_int_equal(not->v.UnaryOp.op, AST_Not);
    AstExpr *cmp = not->v.UnaryOp.operand;
    assert_int_equal(cmp->kind, EXPR_Compare);
    AstExpr *bit_or = cmp->v.Compare.comparators.items[0];
    assert_int_equal(bit_or->v.BinOp.op, AST_BitOr);
    AstExpr *xor = bit_or->v.BinOp.right;
    assert_int_equal(xor->v.BinOp.op, AST_BitXor);
    AstExpr *band = xor->v.BinOp.right;
    assert_int_equal(band->v.BinOp.op, AST_BitAnd);
    AstExpr *shift = band->v.BinOp.right;
    assert_int_equal(shift->v.BinOp.op, AST_LShift);
    AstExpr *sum = shift->v.BinOp.right;
    assert_int_equal(sum->v.BinOp.op, AST_Add);
    AstExpr *term = sum->v.BinOp.right;
    assert_int_equal(term->v.BinOp.op, AST_Mult);
    AstExpr *neg = term->v.BinOp.right;
    assert_int_equal(neg->v.UnaryOp.op, AST_USub);
    assert_int_equal(neg->v.UnaryOp.operand->v.BinOp.op, AST_Pow);
    arena_free(arena);
}

static void test_chained_comparison(void **state) {
    (void)state;
    AstArena *arena;
    AstExpr *e = first_expr(parse_ok("a < b not in c is not d\n", &arena));
    assert_int_equal(e->v.Compare.ops.len, 3);
    assert_int_equal(e->v.Compare.ops.items[0], AST_Lt);
    assert_int_equal(e->v.Compare.ops.items[1], AST_NotIn);
    assert_int_equal(e->v.Compare.ops.items[2], AST_IsNot);
    arena_free(arena);
}

static void test_int_constants(void **state) {
    (void)state;
    AstArena *arena;
    AstModule *module = parse_ok("0x00_fF\n0o17\n0b101\n1_000\n0\n"
                                 "123456789012345678901234567890\n", &arena);
    const char *digits[] = {"ff", "17", "101", "1000", "0", "123456789012345678901234567890"};
    const int bases[] = {16, 8, 2, 10, 10, 10};
    for (int i = 0; i < 6; i++) {
        AstConstant *c = &module->body.items[i]->v.Expr.value->v.Constant.value;
        assert_int_equal(c->kind, AST_CONST_INT);
        assert_string_equal(c->int_digits, digits[i]);
        assert_int_equal(c->int_base, bases[i]);
    }
    int64_t value;
    assert_true(ast_constant_int_to_int64(&module->body.items[0]->v.Expr.value->v.Constant.value, &value));
    assert_int_equal(value, 255);
    assert_false(ast_constant_int_to_int64(&module->body.items[5]->v.Expr.value->v.Constant.value, &value));
    arena_free(arena);
}

static void test_float_constants(void **state) {
    (void)state;
    AstArena *arena;
    AstModule *module = parse_ok("1.5\n.5e1_0\n1e999\n1_0.2_5\n", &arena);
    const double expected[] = {1.5, .5e10, HUGE_VAL, 10.25};
    for (int i = 0; i < 4; i++) {
        AstConstant *c = &module->body.items[i]->v.Expr.value->v.Constant.value;
        assert_int_equal(c->kind, AST_CONST_FLOAT);
        assert_true(c->float_value == expected[i]);
    }
    arena_free(arena);
}

static void assert_str_constant(const char *source, AstConstantKind kind, const char *bytes,
                                size_t size) {
    AstArena *arena;
    AstExpr *e = first_expr(parse_ok(source, &arena));
    assert_int_equal(e->kind, EXPR_Constant);
    assert_int_equal(e->v.Constant.value.kind, kind);
    assert_int_equal(e->v.Constant.value.size, size);
    assert_memory_equal(e->v.Constant.value.bytes, bytes, size);
    arena_free(arena);
}

static void test_string_constants(void **state) {
    (void)state;
    assert_str_constant("'a\\tb\\n\\x41\\u00e9\\U0001F600\\101\\0'\n", AST_CONST_STR,
                        "a\tb\nA\xc3\xa9\xf0\x9f\x98\x80" "A\0", 13);
    assert_str_constant("'line\\\ncontinued'\n", AST_CONST_STR, "linecontinued", 13);
    assert_str_constant("r'\\n' '\\q'\n", AST_CONST_STR, "\\n\\q", 4);
    assert_str_constant("b'\\xff\\x00' rb'\\n'\n", AST_CONST_BYTES, "\xff\0\\n", 4);
    assert_str_constant("'''a\nb'''\n", AST_CONST_STR, "a\nb", 3);
    assert_str_constant("'\\ud800'\n", AST_CONST_STR, "\xed\xa0\x80", 3);
    AstArena *arena;
    AstExpr *e = first_expr(parse_ok("u'a' 'b'\n", &arena));
    assert_string_equal(e->v.Constant.kind, "u");
    arena_free(arena);
}

static void test_fstring_structure(void **state) {
    (void)state;
    AstArena *arena;
    AstExpr *e = first_expr(parse_ok("f'a{x!r:>{w}}b' 'c'\n", &arena));
    assert_int_equal(e->kind, EXPR_JoinedStr);
    assert_int_equal(e->v.JoinedStr.values.len, 3);
    AstExpr *field = e->v.JoinedStr.values.items[1];
    assert_int_equal(field->kind, EXPR_FormattedValue);
    assert_int_equal(field->v.FormattedValue.conversion, 'r');
    AstExpr *spec = field->v.FormattedValue.format_spec;
    assert_int_equal(spec->kind, EXPR_JoinedStr);
    assert_int_equal(spec->v.JoinedStr.values.items[1]->kind, EXPR_FormattedValue);
    AstExpr *tail = e->v.JoinedStr.values.items[2];
    assert_int_equal(tail->v.Constant.value.size, 2); /* "bc": implicit concatenation */
    arena_free(arena);
}

static void test_contexts(void **state) {
    (void)state;
    AstArena *arena;
    AstModule *module = parse_ok("a, [b.c, *d[0]] = e\ndel f, g[1]\nfor h, i in j: pass\n", &arena);
    AstExpr *target = module->body.items[0]->v.Assign.targets.items[0];
    assert_int_equal(target->v.Tuple.ctx, AST_Store);
    AstExpr *list = target->v.Tuple.elts.items[1];
    assert_int_equal(list->v.List.ctx, AST_Store);
    assert_int_equal(list->v.List.elts.items[0]->v.Attribute.ctx, AST_Store);
    AstExpr *starred = list->v.List.elts.items[1];
    assert_int_equal(starred->v.Starred.ctx, AST_Store);
    assert_int_equal(starred->v.Starred.value->v.Subscript.ctx, AST_Store);
    /* the subscripted value itself is still read */
    assert_int_equal(starred->v.Starred.value->v.Subscript.value->v.Name.ctx, AST_Load);
    AstStmt *del = module->body.items[1];
    assert_int_equal(del->v.Delete.targets.len, 2);
    assert_int_equal(del->v.Delete.targets.items[1]->v.Subscript.ctx, AST_Del);
    AstExpr *loop_target = module->body.items[2]->v.For.target;
    assert_int_equal(loop_target->v.Tuple.ctx, AST_Store);
    arena_free(arena);
}

static void test_parameters(void **state) {
    (void)state;
    AstArena *arena;
    AstModule *module = parse_ok("def f(a, b=1, /, c=2, *d, e, f=3, **g): pass\n", &arena);
    AstArguments *args = module->body.items[0]->v.FunctionDef.args;
    assert_int_equal(args->posonlyargs.len, 2);
    assert_int_equal(args->args.len, 1);
    assert_int_equal(args->defaults.len, 2);
    assert_string_equal(args->vararg->arg, "d");
    assert_int_equal(args->kwonlyargs.len, 2);
    assert_null(args->kw_defaults.items[0]);
    assert_non_null(args->kw_defaults.items[1]);
    assert_string_equal(args->kwarg->arg, "g");
    arena_free(arena);
}

static void test_call_arguments(void **state) {
    (void)state;
    AstArena *arena;
    AstExpr *call = first_expr(parse_ok("f(a, *b, c=1, *d, **e, g=2)\n", &arena));
    assert_int_equal(call->v.Call.args.len, 3);
    assert_int_equal(call->v.Call.args.items[2]->kind, EXPR_Starred);
    assert_int_equal(call->v.Call.keywords.len, 3);
    assert_null(call->v.Call.keywords.items[1]->arg);
    arena_free(arena);
    call = first_expr(parse_ok("f(x for x in y)\n", &arena));
    AstExpr *gen = call->v.Call.args.items[0];
    assert_int_equal(gen->kind, EXPR_GeneratorExp);
    assert_int_equal(gen->pos.col_offset, 1); /* the call's parentheses */
    assert_int_equal(gen->pos.end_col_offset, 15);
    arena_free(arena);
}

static void test_statements(void **state) {
    (void)state;
    AstArena *arena;
    AstModule *module = parse_ok(
        "@d\nasync def f():\n    async with a as b, c:\n        pass\n"
        "if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n"
        "try:\n    pass\nexcept E as e:\n    pass\nelse:\n    pass\nfinally:\n    pass\n"
        "from ..m import (a as b, c,)\nimport x.y as z\nraise A from B\nassert x, 'm'\n"
        "x += 1\nx: int = 2\nglobal q\n",
        &arena);
    static const AstStmtKind kinds[] = {STMT_AsyncFunctionDef, STMT_If, STMT_Try,
                                        STMT_ImportFrom, STMT_Import, STMT_Raise, STMT_Assert,
                                        STMT_AugAssign, STMT_AnnAssign, STMT_Global};
    assert_int_equal(module->body.len, 10);
    for (int i = 0; i < 10; i++) {
        assert_int_equal(module->body.items[i]->kind, kinds[i]);
    }
    AstStmt *def = module->body.items[0];
    assert_int_equal(def->pos.lineno, 2); /* at `async def`, not at the decorator */
    assert_int_equal(def->v.AsyncFunctionDef.body.items[0]->kind, STMT_AsyncWith);
    AstStmt *elif = module->body.items[1]->v.If.orelse.items[0];
    assert_int_equal(elif->kind, STMT_If);
    assert_int_equal(elif->pos.lineno, 7);
    AstStmt *from = module->body.items[3];
    assert_int_equal(from->v.ImportFrom.level, 2);
    assert_string_equal(from->v.ImportFrom.names.items[0]->asname, "b");
    arena_free(arena);
}

/* A deterministic generator for the robustness tests. */
static uint32_t next_random(uint32_t *seed) {
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

static void parse_and_discard(const char *source, size_t len) {
    AstArena *arena = arena_new();
    SyntaxErrorInfo error;
    AstModule *module = parse_module(arena, source, len, "fuzz.py", &error);
    if (module) {
        char *dump = ast_dump_module(module);
        assert_non_null(dump);
        free(dump);
    } else {
        assert_non_null(error.msg);
        syntax_error_clear(&error);
    }
    arena_free(arena);
}

static const char *const seeds[] = {
    "def f(a, *b, c=1, **d):\n    return [x async for x in y if x] + {k: v for k, v in z}\n",
    "x = f'{a!r:>{w}.{p}f}' 'b' rb'\\x00'\nclass A(B):\n    pass\n",
    "try:\n    with a as (b, c), d:\n        yield from e\nexcept* E:\n    del f[1:2, ...]\n",
    "if (a := b) is not None:\n    lambda *, k=1: k\nelif c:\n    raise D from E\n",
    "@deco\nasync def g():\n    await h(*i, **j)\n    nonlocal q\n    global r\n",
};

static void test_random_bytes_never_crash(void **state) {
    (void)state;
    static const char alphabet[] = "abcxyz019_ \n\t()[]{}:;,.=+-*/%<>!@'\"\\#fbrFBR\x80\xc3\xa9{}";
    uint32_t seed = 12345;
    char buffer[256];
    for (int round = 0; round < 3000; round++) {
        size_t len = next_random(&seed) % sizeof buffer;
        for (size_t i = 0; i < len; i++) {
            buffer[i] = alphabet[next_random(&seed) % (sizeof alphabet - 1)];
        }
        parse_and_discard(buffer, len);
    }
}

static void test_mutated_programs_never_crash(void **state) {
    (void)state;
    uint32_t seed = 777;
    char buffer[512];
    for (int round = 0; round < 4000; round++) {
        const char *seed_text = seeds[next_random(&seed) % (sizeof seeds / sizeof seeds[0])];
        size_t len = strlen(seed_text);
        memcpy(buffer, seed_text, len);
        int edits = 1 + (int)(next_random(&seed) % 4);
        for (int e = 0; e < edits && len > 0; e++) {
            size_t at = next_random(&seed) % len;
            switch (next_random(&seed) % 3) {
            case 0: /* delete */
                memmove(buffer + at, buffer + at + 1, len - at - 1);
                len--;
                break;
            case 1: /* duplicate */
                if (len + 1 < sizeof buffer) {
                    memmove(buffer + at + 1, buffer + at, len - at);
                    len++;
                }
                break;
            default: /* replace with a byte taken elsewhere */
                buffer[at] = seed_text[next_random(&seed) % strlen(seed_text)];
                break;
            }
        }
        parse_and_discard(buffer, len);
    }
}

static void test_deep_nesting_is_an_error(void **state) {
    (void)state;
    size_t n = 100000;
    char *source = malloc(n + 8);
    assert_non_null(source);
    memcpy(source, "x = ", 4);
    memset(source + 4, '-', n);
    memcpy(source + 4 + n, "1\n", 3);
    AstArena *arena = arena_new();
    SyntaxErrorInfo error;
    assert_null(parse_module(arena, source, strlen(source), "deep.py", &error));
    assert_int_equal(error.type, SYNTAX_ERROR_MEMORY);
    assert_string_equal(error.msg, "Parser stack overflowed - Python source too complex to parse");
    syntax_error_clear(&error);
    arena_free(arena);
    memset(source, 'n', n);
    for (size_t i = 0; i + 4 < n; i += 4) {
        memcpy(source + i, "not ", 4);
    }
    memcpy(source + n - (n % 4) - 4, "x\n\0", 3);
    arena = arena_new();
    assert_null(parse_module(arena, source, strlen(source), "deep.py", &error));
    syntax_error_clear(&error);
    arena_free(arena);
    free(source);
}

static void test_empty_and_blank_files(void **state) {
    (void)state;
    assert_dump("", "Module(body=[], type_ignores=[])");
    assert_dump("\n\n   \n# only a comment\n", "Module(body=[], type_ignores=[])");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_chained_comparison),
        cmocka_unit_test(test_int_constants),
        cmocka_unit_test(test_float_constants),
        cmocka_unit_test(test_string_constants),
        cmocka_unit_test(test_fstring_structure),
        cmocka_unit_test(test_contexts),
        cmocka_unit_test(test_parameters),
        cmocka_unit_test(test_call_arguments),
        cmocka_unit_test(test_statements),
        cmocka_unit_test(test_random_bytes_never_crash),
        cmocka_unit_test(test_mutated_programs_never_crash),
        cmocka_unit_test(test_deep_nesting_is_an_error),
        cmocka_unit_test(test_empty_and_blank_files),
    };
    return cmocka_run_group_tests_name("front_parser", tests, NULL, NULL);
}
