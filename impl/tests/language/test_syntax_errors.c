/* SyntaxError messages, types and positions: each expectation is what
 * CPython 3.12 reports running the same source as a file (recorded with
 * python3.12; astdump_vs_cpython.sh re-checks them live), and the report
 * printed the way CPython prints an uncaught SyntaxError. */
#include <stdio.h>

#include "front_test_util.h"

typedef struct ErrorCase {
    const char *source;
    SyntaxErrorType type;
    const char *msg;
    int lineno, offset, end_lineno, end_offset;
} ErrorCase;

static const ErrorCase cases[] = {
    {"x = (1,\n",
     SYNTAX_ERROR_SYNTAX, "'(' was never closed", 1, 5, 1, 0},
    {"x = )\n",
     SYNTAX_ERROR_SYNTAX, "unmatched ')'", 1, 5, 1, 5},
    {"x = (1,\n2]\n",
     SYNTAX_ERROR_SYNTAX, "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 2, 2, 2},
    {"if x\n  pass\n",
     SYNTAX_ERROR_SYNTAX, "expected ':'", 1, 5, 1, 6},
    {"if x:\npass\n",
     SYNTAX_ERROR_INDENTATION, "expected an indented block after 'if' statement on line 1", 2, 1, 2, 5},
    {"  x = 1\n",
     SYNTAX_ERROR_INDENTATION, "unexpected indent", 1, 2, 1, -1},
    {"if x:\n    a\n  b\n",
     SYNTAX_ERROR_INDENTATION, "unindent does not match any outer indentation level", 3, 4, 3, -1},
    {"x = 'abc\n",
     SYNTAX_ERROR_SYNTAX, "unterminated string literal (detected at line 1)", 1, 5, 1, 5},
    {"x = \"\"\"abc\n\n",
     SYNTAX_ERROR_SYNTAX, "unterminated triple-quoted string literal (detected at line 2)", 1, 5, 1, 5},
    {"f() = 1\n",
     SYNTAX_ERROR_SYNTAX, "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1, 1, 4},
    {"1 = x\n",
     SYNTAX_ERROR_SYNTAX, "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 1, 2},
    {"True = 1\n",
     SYNTAX_ERROR_SYNTAX, "cannot assign to True", 1, 1, 1, 5},
    {"del f()\n",
     SYNTAX_ERROR_SYNTAX, "cannot delete function call", 1, 5, 1, 8},
    {"for f() in x:\n  pass\n",
     SYNTAX_ERROR_SYNTAX, "cannot assign to function call", 1, 5, 1, 8},
    {"with a as f():\n  pass\n",
     SYNTAX_ERROR_SYNTAX, "cannot assign to function call", 1, 11, 1, 14},
    {"def f(x=1, y): pass\n",
     SYNTAX_ERROR_SYNTAX, "parameter without a default follows parameter with a default", 1, 12, 1, 13},
    {"f(a=1, b)\n",
     SYNTAX_ERROR_SYNTAX, "positional argument follows keyword argument", 1, 9, 1, 10},
    {"f(**a, *b)\n",
     SYNTAX_ERROR_SYNTAX, "iterable argument unpacking follows keyword argument unpacking", 1, 8, 1, 9},
    {"print \"x\"\n",
     SYNTAX_ERROR_SYNTAX, "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 1, 10},
    {"0777\n",
     SYNTAX_ERROR_SYNTAX, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 1, 1, 2},
    {"1_\n",
     SYNTAX_ERROR_SYNTAX, "invalid decimal literal", 1, 2, 1, 2},
    {"x = 0b12\n",
     SYNTAX_ERROR_SYNTAX, "invalid digit '2' in binary literal", 1, 8, 1, 8},
    {"x = 0x\n",
     SYNTAX_ERROR_SYNTAX, "invalid hexadecimal literal", 1, 6, 1, 6},
    {"f\"{}\"\n",
     SYNTAX_ERROR_SYNTAX, "f-string: valid expression required before '}'", 1, 4, 1, 5},
    {"f\"{x\"\n",
     SYNTAX_ERROR_SYNTAX, "f-string: expecting '}'", 1, 5, 1, 5},
    {"f\"}\"\n",
     SYNTAX_ERROR_SYNTAX, "f-string: single '}' is not allowed", 1, 3, 1, 3},
    {"f\"{x!z}\"\n",
     SYNTAX_ERROR_SYNTAX, "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'", 1, 6, 1, 7},
    {"f\"{lambda: 1}\"\n",
     SYNTAX_ERROR_SYNTAX, "f-string: lambda expressions are not allowed without parentheses", 1, 4, 1, 11},
    {"x = (1 2)\n",
     SYNTAX_ERROR_SYNTAX, "invalid syntax. Perhaps you forgot a comma?", 1, 6, 1, 9},
    {"f(x for x in y, 1)\n",
     SYNTAX_ERROR_SYNTAX, "Generator expression must be parenthesized", 1, 3, 1, 15},
    {"f(a=1 for a in b)\n",
     SYNTAX_ERROR_SYNTAX, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 3, 1, 5},
    {"if x = 1:\n  pass\n",
     SYNTAX_ERROR_SYNTAX, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4, 1, 9},
    {"if 1:\n        a\n\tb\n",
     SYNTAX_ERROR_TAB, "inconsistent use of tabs and spaces in indentation", 3, 1, 3, 0},
    {"try:\n  pass\n",
     SYNTAX_ERROR_SYNTAX, "expected 'except' or 'finally' block", 2, 7, 2, -1},
    {"(a, b) += 1\n",
     SYNTAX_ERROR_SYNTAX, "'tuple' is an illegal expression for augmented assignment", 1, 1, 1, 7},
    {"x = 1 if y\n",
     SYNTAX_ERROR_SYNTAX, "expected 'else' after 'if' expression", 1, 5, 1, 11},
    {"def f(*): pass\n",
     SYNTAX_ERROR_SYNTAX, "named arguments must follow bare *", 1, 7, 1, 8},
    {"x = 'a' b'b'\n",
     SYNTAX_ERROR_SYNTAX, "cannot mix bytes and nonbytes literals", 1, 13, 1, 14},
    {"b'\xc3""\xa9""'\n",
     SYNTAX_ERROR_SYNTAX, "bytes can only contain ASCII literal characters", 1, 1, 1, 6},
    {"'\\x1'\n",
     SYNTAX_ERROR_SYNTAX, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 1, 1, 6},
    {"b'\\x1'\n",
     SYNTAX_ERROR_SYNTAX, "(value error) invalid \\x escape at position 0", 1, 1, 1, 7},
    {"x = 1 \\ 2\n",
     SYNTAX_ERROR_SYNTAX, "unexpected character after line continuation character", 1, 8, 1, 0},
    {"x = \\\n",
     SYNTAX_ERROR_SYNTAX, "unexpected EOF while parsing", 1, 6, 1, -1},
    {"x = (\na b\n",
     SYNTAX_ERROR_SYNTAX, "'(' was never closed", 1, 5, 1, 0},
    {"a b\nx = 'unterminated\n",
     SYNTAX_ERROR_SYNTAX, "unterminated string literal (detected at line 2)", 2, 5, 2, 5},
    {"{a:}\n",
     SYNTAX_ERROR_SYNTAX, "expression expected after dictionary key and ':'", 1, 3, 1, 4},
    {"a, b: int\n",
     SYNTAX_ERROR_SYNTAX, "only single target (not tuple) can be annotated", 1, 1, 1, 2},
    {"[a, b for a, b in c]\n",
     SYNTAX_ERROR_SYNTAX, "did you forget parentheses around the comprehension target?", 1, 2, 1, 6},
    {"x = '\xc3""\xa9""' + 1_\n",
     SYNTAX_ERROR_SYNTAX, "invalid decimal literal", 1, 12, 1, 12},
    {"x = '\xc3""\xa9""' 1\n",
     SYNTAX_ERROR_SYNTAX, "invalid syntax", 1, 10, 1, 11},
    {"def f((a)): pass\n",
     SYNTAX_ERROR_SYNTAX, "Function parameters cannot be parenthesized", 1, 7, 1, 10},
    {"x = \xe2""\x82""\xac""\n",
     SYNTAX_ERROR_SYNTAX, "invalid character '€' (U+20AC)", 1, 5, 1, 5},
    {"x = \x01""\n",
     SYNTAX_ERROR_SYNTAX, "invalid non-printable character U+0001", 1, 5, 1, 5},
    {"try:\n  pass\nexcept A, B:\n  pass\n",
     SYNTAX_ERROR_SYNTAX, "multiple exception types must be parenthesized", 3, 8, 3, 12},
    {"class A:\n",
     SYNTAX_ERROR_INDENTATION, "expected an indented block after class definition on line 1", 1, 9, 1, -1},
};

static void test_messages_and_positions(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ErrorCase *c = &cases[i];
        assert_syntax_error(c->source, c->type, c->msg, c->lineno, c->offset, c->end_lineno,
                            c->end_offset);
    }
}

static void test_too_many_parentheses(void **state) {
    (void)state;
    char source[600];
    memcpy(source, "x = ", 4);
    memset(source + 4, '(', 250);
    memset(source + 254, ')', 250);
    memcpy(source + 504, "\n", 2);
    assert_syntax_error(source, SYNTAX_ERROR_SYNTAX, "too many nested parentheses", 1, 205, 1, 205);
}

static void test_first_error_wins_unless_the_tokenizer_fails_later(void **state) {
    (void)state;
    /* a tokenizer error anywhere after the parser's error replaces it */
    assert_syntax_error("a b\nx = 'oops\n", SYNTAX_ERROR_SYNTAX,
                        "unterminated string literal (detected at line 2)", 2, 5, 2, 5);
    /* an unclosed bracket only when it opened before the failing line */
    assert_syntax_error("a b\nx = (\n", SYNTAX_ERROR_SYNTAX, "invalid syntax", 1, 3, 1, 4);
    assert_syntax_error("x = (\na b\n", SYNTAX_ERROR_SYNTAX, "'(' was never closed", 1, 5, 1, 0);
}

static char *report_of(const char *source) {
    AstArena *arena;
    SyntaxErrorInfo error;
    assert_null(parse_text(source, &arena, &error));
    arena_free(arena);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    syntax_error_print(&error, out);
    fclose(out);
    syntax_error_clear(&error);
    return text;
}

static void assert_report(const char *source, const char *expected) {
    char *report = report_of(source);
    assert_string_equal(report, expected);
    free(report);
}

static void test_report_format(void **state) {
    (void)state;
    assert_report("if True:\n    x = (1 +* 2)\n",
                  "  File \"test.py\", line 2\n"
                  "    x = (1 +* 2)\n"
                  "            ^\n"
                  "SyntaxError: invalid syntax\n");
    assert_report("x = (1,\n",
                  "  File \"test.py\", line 1\n"
                  "    x = (1,\n"
                  "        ^\n"
                  "SyntaxError: '(' was never closed\n");
    assert_report("print \"hello\"\n",
                  "  File \"test.py\", line 1\n"
                  "    print \"hello\"\n"
                  "    ^^^^^^^^^^^^^\n"
                  "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n");
    assert_report("if x:\n    a\n  b\n",
                  "  File \"test.py\", line 3\n"
                  "    b\n"
                  "     ^\n"
                  "IndentationError: unindent does not match any outer indentation level\n");
    assert_report("x = 1 \\ 2\n",
                  "  File \"test.py\", line 1\n"
                  "    x = 1 \\ 2\n"
                  "           ^\n"
                  "SyntaxError: unexpected character after line continuation character\n");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_messages_and_positions),
        cmocka_unit_test(test_too_many_parentheses),
        cmocka_unit_test(test_first_error_wins_unless_the_tokenizer_fails_later),
        cmocka_unit_test(test_report_format),
    };
    return cmocka_run_group_tests_name("front_syntax_errors", tests, NULL, NULL);
}
