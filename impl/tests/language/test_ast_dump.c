/* The AST dump against texts printed by CPython 3.12's
 * ast.dump(ast.parse(source), include_attributes=True), and the value reprs
 * the dump relies on. */
#include <math.h>

#include "front_test_util.h"
#include "pyrepr.h"

static void test_dumps(void **state) {
    (void)state;
    assert_dump("a + b * c\n",
        "Module(body=[Expr(value=BinOp(left=Name(id='a', ctx=Load(), lineno=1, col_offset=0, "
        "end_lineno=1, end_col_offset=1), op=Add(), right=BinOp(left=Name(id='b', ctx=Load(), "
        "lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), op=Mult(), right=Name(id='c', "
        "ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, "
        "col_offset=4, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, "
        "end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)], "
        "type_ignores=[])");
    assert_dump("x = f\"{a!r:>{w}}\"\n",
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, "
        "end_lineno=1, end_col_offset=1)], value=JoinedStr(values=[FormattedValue(value="
        "Name(id='a', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), "
        "conversion=114, format_spec=JoinedStr(values=[Constant(value='>', lineno=1, "
        "col_offset=11, end_lineno=1, end_col_offset=12), FormattedValue(value=Name(id='w', "
        "ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), conversion=-1, "
        "lineno=1, col_offset=12, end_lineno=1, end_col_offset=15), Constant(value='', lineno=1, "
        "col_offset=15, end_lineno=1, end_col_offset=15)], lineno=1, col_offset=10, "
        "end_lineno=1, end_col_offset=15), lineno=1, col_offset=6, end_lineno=1, "
        "end_col_offset=16)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=17), "
        "lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[])");
    assert_dump("del a[1:2], b.c\n",
        "Module(body=[Delete(targets=[Subscript(value=Name(id='a', ctx=Load(), lineno=1, "
        "col_offset=4, end_lineno=1, end_col_offset=5), slice=Slice(lower=Constant(value=1, "
        "lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), upper=Constant(value=2, "
        "lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=6, "
        "end_lineno=1, end_col_offset=9), ctx=Del(), lineno=1, col_offset=4, end_lineno=1, "
        "end_col_offset=10), Attribute(value=Name(id='b', ctx=Load(), lineno=1, col_offset=12, "
        "end_lineno=1, end_col_offset=13), attr='c', ctx=Del(), lineno=1, col_offset=12, "
        "end_lineno=1, end_col_offset=15)], lineno=1, col_offset=0, end_lineno=1, "
        "end_col_offset=15)], type_ignores=[])");
    assert_dump("async def f():\n    async for x in y: await x\n",
        "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], "
        "kwonlyargs=[], kw_defaults=[], defaults=[]), body=[AsyncFor(target=Name(id='x', "
        "ctx=Store(), lineno=2, col_offset=14, end_lineno=2, end_col_offset=15), iter=Name("
        "id='y', ctx=Load(), lineno=2, col_offset=19, end_lineno=2, end_col_offset=20), "
        "body=[Expr(value=Await(value=Name(id='x', ctx=Load(), lineno=2, col_offset=28, "
        "end_lineno=2, end_col_offset=29), lineno=2, col_offset=22, end_lineno=2, "
        "end_col_offset=29), lineno=2, col_offset=22, end_lineno=2, end_col_offset=29)], "
        "orelse=[], lineno=2, col_offset=4, end_lineno=2, end_col_offset=29)], "
        "decorator_list=[], type_params=[], lineno=1, col_offset=0, end_lineno=2, "
        "end_col_offset=29)], type_ignores=[])");
    assert_dump("lambda *a, k=1, **kw: 0\n",
        "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[], vararg=arg("
        "arg='a', lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), kwonlyargs=[arg("
        "arg='k', lineno=1, col_offset=11, end_lineno=1, end_col_offset=12)], kw_defaults=["
        "Constant(value=1, lineno=1, col_offset=13, end_lineno=1, end_col_offset=14)], "
        "kwarg=arg(arg='kw', lineno=1, col_offset=18, end_lineno=1, end_col_offset=20), "
        "defaults=[]), body=Constant(value=0, lineno=1, col_offset=22, end_lineno=1, "
        "end_col_offset=23), lineno=1, col_offset=0, end_lineno=1, end_col_offset=23), "
        "lineno=1, col_offset=0, end_lineno=1, end_col_offset=23)], type_ignores=[])");
    assert_dump("x: int = 1\n",
        "Module(body=[AnnAssign(target=Name(id='x', ctx=Store(), lineno=1, col_offset=0, "
        "end_lineno=1, end_col_offset=1), annotation=Name(id='int', ctx=Load(), lineno=1, "
        "col_offset=3, end_lineno=1, end_col_offset=6), value=Constant(value=1, lineno=1, "
        "col_offset=9, end_lineno=1, end_col_offset=10), simple=1, lineno=1, col_offset=0, "
        "end_lineno=1, end_col_offset=10)], type_ignores=[])");
    assert_dump("from .m import a as b, c\n",
        "Module(body=[ImportFrom(module='m', names=[alias(name='a', asname='b', lineno=1, "
        "col_offset=15, end_lineno=1, end_col_offset=21), alias(name='c', lineno=1, "
        "col_offset=23, end_lineno=1, end_col_offset=24)], level=1, lineno=1, col_offset=0, "
        "end_lineno=1, end_col_offset=24)], type_ignores=[])");
    assert_dump("try:\n    pass\nexcept E as e:\n    pass\nfinally:\n    pass\n",
        "Module(body=[Try(body=[Pass(lineno=2, col_offset=4, end_lineno=2, end_col_offset=8)], "
        "handlers=[ExceptHandler(type=Name(id='E', ctx=Load(), lineno=3, col_offset=7, "
        "end_lineno=3, end_col_offset=8), name='e', body=[Pass(lineno=4, col_offset=4, "
        "end_lineno=4, end_col_offset=8)], lineno=3, col_offset=0, end_lineno=4, "
        "end_col_offset=8)], orelse=[], finalbody=[Pass(lineno=6, col_offset=4, end_lineno=6, "
        "end_col_offset=8)], lineno=1, col_offset=0, end_lineno=6, end_col_offset=8)], "
        "type_ignores=[])");
}

static char *take(TextBuffer *buffer) {
    assert_false(buffer->failed);
    char *text = buffer->data;
    *buffer = (TextBuffer){0};
    return text;
}

static void assert_float_repr(double value, const char *expected) {
    TextBuffer buffer = {0};
    repr_float(&buffer, value);
    char *text = take(&buffer);
    assert_string_equal(text, expected);
    free(text);
}

static void test_float_repr(void **state) {
    (void)state;
    assert_float_repr(0.1, "0.1");
    assert_float_repr(1e16, "1e+16");
    assert_float_repr(1e-5, "1e-05");
    assert_float_repr(1.5e300, "1.5e+300");
    assert_float_repr(HUGE_VAL, "inf");
    assert_float_repr(123456789.123456789, "123456789.12345679");
    assert_float_repr(100.0, "100.0");
    assert_float_repr(1e15, "1000000000000000.0");
    assert_float_repr(5e-324, "5e-324");
    assert_float_repr(0.0001, "0.0001");
    assert_float_repr(1.7976931348623157e308, "1.7976931348623157e+308");
    assert_float_repr(0.1 + 0.2, "0.30000000000000004");
}

static void test_int_repr(void **state) {
    (void)state;
    TextBuffer buffer = {0};
    repr_int_digits(&buffer, "fffffffffffffffffffffffffffffffff", 16);
    text_append_str(&buffer, " ");
    repr_int_digits(&buffer, "777777777777777777777777", 8);
    text_append_str(&buffer, " ");
    repr_int_digits(&buffer, "0", 2);
    char *text = take(&buffer);
    assert_string_equal(text, "5444517870735015415413993718908291383295 "
                              "4722366482869645213695 0");
    free(text);
}

static void test_str_and_bytes_repr(void **state) {
    (void)state;
    static const char text_value[] = "it's \"q\" \\ \t\n\r\0\x7f\xc2\x80\xc2\xa0\xc3\xa9"
                                     "\xe2\x98\x83\xf0\x9f\x98\x80\xed\xa0\x80";
    TextBuffer buffer = {0};
    repr_str(&buffer, text_value, sizeof text_value - 1);
    text_append_str(&buffer, " ");
    repr_bytes(&buffer, "\0'\"\\ \x7f\x80" "abc", 10);
    text_append_str(&buffer, " ");
    repr_str(&buffer, "it's", 4);
    text_append_str(&buffer, " ");
    repr_bytes(&buffer, "it's", 4);
    char *text = take(&buffer);
    assert_string_equal(text,
                        "'it\\'s \"q\" \\\\ \\t\\n\\r\\x00\\x7f\\x80\\xa0\xc3\xa9\xe2\x98\x83"
                        "\xf0\x9f\x98\x80\\ud800' b'\\x00\\'\"\\\\ \\x7f\\x80abc' \"it's\" b\"it's\"");
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dumps),
        cmocka_unit_test(test_float_repr),
        cmocka_unit_test(test_int_repr),
        cmocka_unit_test(test_str_and_bytes_repr),
    };
    return cmocka_run_group_tests_name("front_ast_dump", tests, NULL, NULL);
}
