/* Unit tests of the tokenizer: token kinds and CPython's positions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lexer.h"
#include "source.h"

typedef struct Lexed {
    char *text;
    LexResult result;
} Lexed;

static Lexed lex(const char *source) {
    Lexed lexed;
    int len;
    SyntaxErrorInfo error = {0};
    assert_true(source_prepare(source, strlen(source), "t.py", &lexed.text, &len, &error));
    assert_true(lexer_tokenize(lexed.text, len, &lexed.result));
    return lexed;
}

static void lexed_free(Lexed *lexed) {
    lex_result_free(&lexed->result);
    free(lexed->text);
}

static void assert_types(const Lexed *lexed, const TokenType *types, int count) {
    for (int i = 0; i < count && i < lexed->result.count; i++) {
        if (lexed->result.tokens[i].type != types[i]) {
            fail_msg("token %d: %s, expected %s", i, token_type_name(lexed->result.tokens[i].type),
                     token_type_name(types[i]));
        }
    }
    assert_int_equal(lexed->result.count, count);
}

static void assert_span(const LexToken *token, int lineno, int col, int end_lineno, int end_col) {
    assert_int_equal(token->lineno, lineno);
    assert_int_equal(token->col, col);
    assert_int_equal(token->end_lineno, end_lineno);
    assert_int_equal(token->end_col, end_col);
}

static void test_simple_statement(void **state) {
    (void)state;
    Lexed lexed = lex("x = 1 + foo\n");
    static const TokenType types[] = {TOK_NAME, TOK_EQUAL, TOK_NUMBER, TOK_PLUS, TOK_NAME,
                                      TOK_NEWLINE, TOK_ENDMARKER};
    assert_types(&lexed, types, 7);
    assert_span(&lexed.result.tokens[4], 1, 8, 1, 11);
    assert_span(&lexed.result.tokens[5], 1, 11, 1, 12);
    lexed_free(&lexed);
}

static void test_indentation(void **state) {
    (void)state;
    Lexed lexed = lex("if x:\n    a\n\n    # comment\n    b\nc\n");
    static const TokenType types[] = {
        TOK_IF, TOK_NAME, TOK_COLON, TOK_NEWLINE, TOK_INDENT, TOK_NAME, TOK_NEWLINE,
        TOK_NAME, TOK_NEWLINE, TOK_DEDENT, TOK_NAME, TOK_NEWLINE, TOK_ENDMARKER};
    assert_types(&lexed, types, 13);
    /* layout tokens have no column; errors at them use the cursor */
    assert_int_equal(lexed.result.tokens[4].col, -1);
    assert_int_equal(lexed.result.tokens[4].cursor_col, 4);
    assert_int_equal(lexed.result.tokens[7].lineno, 5);
    lexed_free(&lexed);
}

static void test_dedents_at_end_of_file(void **state) {
    (void)state;
    Lexed lexed = lex("def f():\n    if x:\n        pass");
    const LexResult *r = &lexed.result;
    assert_int_equal(r->tokens[r->count - 1].type, TOK_ENDMARKER);
    assert_int_equal(r->tokens[r->count - 2].type, TOK_DEDENT);
    assert_int_equal(r->tokens[r->count - 3].type, TOK_DEDENT);
    /* the missing final newline is supplied */
    assert_int_equal(r->tokens[r->count - 4].type, TOK_NEWLINE);
    assert_int_equal(r->tokens[r->count - 1].cursor_col, 13);
    lexed_free(&lexed);
}

static void test_brackets_join_lines(void **state) {
    (void)state;
    Lexed lexed = lex("f(a,\n  b)\nx = 1 + \\\n    2\n");
    static const TokenType types[] = {TOK_NAME, TOK_LPAR, TOK_NAME, TOK_COMMA, TOK_NAME,
                                      TOK_RPAR, TOK_NEWLINE, TOK_NAME, TOK_EQUAL, TOK_NUMBER,
                                      TOK_PLUS, TOK_NUMBER, TOK_NEWLINE, TOK_ENDMARKER};
    assert_types(&lexed, types, 14);
    assert_int_equal(lexed.result.tokens[2].level, 1);
    assert_span(&lexed.result.tokens[11], 4, 4, 4, 5);
    lexed_free(&lexed);
}

static void test_numbers(void **state) {
    (void)state;
    Lexed lexed = lex("0x1F 1_000 1.5e-3 .5 5. 0o17 0b1_0 00 1if 1else 2\n");
    static const TokenType types[] = {TOK_NUMBER, TOK_NUMBER, TOK_NUMBER, TOK_NUMBER,
                                      TOK_NUMBER, TOK_NUMBER, TOK_NUMBER, TOK_NUMBER,
                                      TOK_NUMBER, TOK_IF, TOK_NUMBER, TOK_ELSE, TOK_NUMBER,
                                      TOK_NEWLINE, TOK_ENDMARKER};
    assert_types(&lexed, types, 15);
    assert_span(&lexed.result.tokens[2], 1, 11, 1, 17);
    assert_span(&lexed.result.tokens[4], 1, 21, 1, 23);
    lexed_free(&lexed);
}

static void test_strings_and_prefixes(void **state) {
    (void)state;
    Lexed lexed = lex("rb'a' Br\"b\" u'c' '''x\ny''' bad'q'\n");
    static const TokenType types[] = {TOK_STRING, TOK_STRING, TOK_STRING, TOK_STRING,
                                      TOK_NAME, TOK_STRING, TOK_NEWLINE, TOK_ENDMARKER};
    assert_types(&lexed, types, 8);
    assert_span(&lexed.result.tokens[3], 1, 17, 2, 4);
    lexed_free(&lexed);
}

static void test_fstring_tokens(void **state) {
    (void)state;
    Lexed lexed = lex("f\"a{x!r:>{w}}b\"\n");
    static const TokenType types[] = {
        TOK_FSTRING_START, TOK_FSTRING_MIDDLE, TOK_LBRACE, TOK_NAME, TOK_EXCLAMATION,
        TOK_NAME, TOK_COLON, TOK_FSTRING_MIDDLE, TOK_LBRACE, TOK_NAME, TOK_RBRACE,
        TOK_FSTRING_MIDDLE, TOK_RBRACE, TOK_FSTRING_MIDDLE, TOK_FSTRING_END, TOK_NEWLINE,
        TOK_ENDMARKER};
    assert_types(&lexed, types, 17);
    /* the format spec ends with an empty middle, as in CPython 3.12 */
    assert_span(&lexed.result.tokens[11], 1, 12, 1, 12);
    lexed_free(&lexed);
}

static void test_fstring_nested_brackets_and_quotes(void **state) {
    (void)state;
    /* ':' inside brackets is no format spec; nested strings reuse quotes */
    Lexed lexed = lex("f'{a[1:2]}{\"s\"}{{x}}'\n");
    static const TokenType types[] = {
        TOK_FSTRING_START, TOK_LBRACE, TOK_NAME, TOK_LSQB, TOK_NUMBER, TOK_COLON, TOK_NUMBER,
        TOK_RSQB, TOK_RBRACE, TOK_LBRACE, TOK_STRING, TOK_RBRACE, TOK_FSTRING_MIDDLE,
        TOK_FSTRING_END, TOK_NEWLINE, TOK_ENDMARKER};
    assert_types(&lexed, types, 16);
    lexed_free(&lexed);
}

static void test_keywords_and_soft_keywords(void **state) {
    (void)state;
    Lexed lexed = lex("async await match case _ type not in is\n");
    static const TokenType types[] = {TOK_ASYNC, TOK_AWAIT, TOK_NAME, TOK_NAME, TOK_NAME,
                                      TOK_NAME, TOK_NOT, TOK_IN, TOK_IS, TOK_NEWLINE,
                                      TOK_ENDMARKER};
    assert_types(&lexed, types, 11);
    lexed_free(&lexed);
}

static void test_operators(void **state) {
    (void)state;
    Lexed lexed = lex("a **= b // c -> d ... e := f != g $\n");
    static const TokenType types[] = {
        TOK_NAME, TOK_DOUBLESTAREQUAL, TOK_NAME, TOK_DOUBLESLASH, TOK_NAME, TOK_RARROW,
        TOK_NAME, TOK_ELLIPSIS, TOK_NAME, TOK_COLONEQUAL, TOK_NAME, TOK_NOTEQUAL, TOK_NAME,
        TOK_OP, TOK_NEWLINE, TOK_ENDMARKER};
    assert_types(&lexed, types, 16);
    lexed_free(&lexed);
}

static void test_crlf_and_bom(void **state) {
    (void)state;
    Lexed lexed = lex("\xEF\xBB\xBFx = 1\r\ny = 2\rz");
    static const TokenType types[] = {TOK_NAME, TOK_EQUAL, TOK_NUMBER, TOK_NEWLINE,
                                      TOK_NAME, TOK_EQUAL, TOK_NUMBER, TOK_NEWLINE,
                                      TOK_NAME, TOK_NEWLINE, TOK_ENDMARKER};
    assert_types(&lexed, types, 11);
    assert_span(&lexed.result.tokens[8], 3, 0, 3, 1);
    lexed_free(&lexed);
}

static void test_errors_end_the_tokens(void **state) {
    (void)state;
    Lexed lexed = lex("x = 'abc\ny = 1\n");
    const LexResult *r = &lexed.result;
    assert_int_equal(r->tokens[r->count - 1].type, TOK_ERRORTOKEN);
    assert_int_equal(r->error_kind, LEX_ERROR_RAISED);
    assert_string_equal(r->error.msg, "unterminated string literal (detected at line 1)");
    assert_int_equal(r->error.offset, 5);
    lexed_free(&lexed);

    lexed = lex("x = (1,\n  2\n");
    assert_int_equal(lexed.result.error_kind, LEX_ERROR_UNCLOSED);
    assert_string_equal(lexed.result.error.msg, "'(' was never closed");
    assert_int_equal(lexed.result.unclosed_lineno, 1);
    lexed_free(&lexed);

    lexed = lex("if 1:\n        a\n\tb\n");
    assert_int_equal(lexed.result.error.type, SYNTAX_ERROR_TAB);
    lexed_free(&lexed);
}

static void test_source_checks(void **state) {
    (void)state;
    char *text;
    int len;
    SyntaxErrorInfo error = {0};
    assert_false(source_prepare("x = 1\ny = '\0'\n", 13, "n.py", &text, &len, &error));
    assert_string_equal(error.msg, "source code cannot contain null bytes");
    assert_int_equal(error.lineno, 2);
    syntax_error_clear(&error);
    assert_false(source_prepare("x = '\xff'\n", 8, "u.py", &text, &len, &error));
    assert_non_null(strstr(error.msg, "Non-UTF-8 code starting with '\\xff' in file u.py on line 1"));
    syntax_error_clear(&error);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_statement),
        cmocka_unit_test(test_indentation),
        cmocka_unit_test(test_dedents_at_end_of_file),
        cmocka_unit_test(test_brackets_join_lines),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_strings_and_prefixes),
        cmocka_unit_test(test_fstring_tokens),
        cmocka_unit_test(test_fstring_nested_brackets_and_quotes),
        cmocka_unit_test(test_keywords_and_soft_keywords),
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_errors_end_the_tokens),
        cmocka_unit_test(test_source_checks),
    };
    return cmocka_run_group_tests_name("front_lexer", tests, NULL, NULL);
}
