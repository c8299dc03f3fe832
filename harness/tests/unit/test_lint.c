/* pylex.h and lint.h: the tokenizer and the case-language checks (L1-L11 of
 * spec/case-language.md), with a spec_index filled by hand. */
#include "unit.h"

#include "lint.h"
#include "pylex.h"

/* The lint tables as spec/case-language.md has them. */
static int setup_index(void **state)
{
    spec_index *si = xcalloc(1, sizeof *si);
    static const char *const modules[] = {"asyncio", "concurrent.futures", "threading", "time",
                                          "sys", "random", "warnings", "os", "gc", "functools"};
    static const char *const names[] = {"eval", "exec", "compile", "__import__", "globals",
                                        "locals"};
    for (size_t i = 0; i < sizeof modules / sizeof modules[0]; i++)
        sl_push(&si->allowed_modules, modules[i]);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        sl_push(&si->forbidden_names, names[i]);
    si->has_tables = true;
    *state = si;
    return 0;
}

static int teardown_index(void **state)
{
    spec_index_free(*state);
    free(*state);
    return 0;
}

/* Lints src as c.py; the diagnostics must be exactly want (NULL-terminated). */
static void lint_gives_impl(const spec_index *si, const char *src, const char *const *want,
                            const char *file, int line)
{
    diagnostics d = {0};
    bool ok = lint_case_source("c.py", src, strlen(src), si, &d);
    bool same = ok == (want[0] == NULL);
    size_t n = 0;
    while (want[n])
        n++;
    same = same && d.messages.n == n;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(d.messages.items[i], want[i]) == 0;
    if (!same) {
        print_error("%s:%d: lint returned %s; expected:\n", file, line, ok ? "true" : "false");
        for (size_t i = 0; i < n; i++)
            print_error("    %s\n", want[i]);
        print_error("  got:\n");
        for (size_t i = 0; i < d.messages.n; i++)
            print_error("    %s\n", d.messages.items[i]);
    }
    diag_free(&d);
    if (!same)
        fail();
}
#define lint_gives(src, ...)                                                                    \
    lint_gives_impl(*state, (src), (const char *const[]){__VA_ARGS__, NULL}, __FILE__, __LINE__)
#define lint_clean(src) lint_gives_impl(*state, (src), (const char *const[]){NULL}, __FILE__, __LINE__)

#define OUTSIDE " is outside the case language"

/* ---- pylex ---- */

static void tokens_carry_kind_position_and_line_start(void **state)
{
    (void)state;
    static const char src[] = "async def f(x):\n    return x ** 2  # square\n";
    token_list tl;
    pylex(src, strlen(src), 1, &tl);
    assert_null(tl.error);
    static const struct {
        tok_kind kind;
        const char *text;
        int line, col;
        bool line_start;
        int indent;
    } want[] = {
        {TOK_NAME, "async", 1, 1, true, 0},  {TOK_NAME, "def", 1, 7, false, 0},
        {TOK_NAME, "f", 1, 11, false, 0},    {TOK_OP, "(", 1, 12, false, 0},
        {TOK_NAME, "x", 1, 13, false, 0},    {TOK_OP, ")", 1, 14, false, 0},
        {TOK_OP, ":", 1, 15, false, 0},      {TOK_NEWLINE, "\n", 1, 16, false, 0},
        {TOK_NAME, "return", 2, 5, true, 4}, {TOK_NAME, "x", 2, 12, false, 4},
        {TOK_OP, "**", 2, 14, false, 4},     {TOK_NUMBER, "2", 2, 17, false, 4},
        {TOK_NEWLINE, "\n", 2, 28, false, 4}, {TOK_END, "", 3, 1, false, 0},
    };
    assert_int_equal(tl.n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < tl.n; i++) {
        const token *t = &tl.toks[i];
        if (t->kind != want[i].kind || !tok_is(t, want[i].text) || t->line != want[i].line ||
            t->col != want[i].col || t->line_start != want[i].line_start ||
            t->indent != want[i].indent) {
            print_error("token %zu: got kind %d [%.*s] at %d:%d start=%d indent=%d\n", i,
                        (int)t->kind, (int)t->len, t->start, t->line, t->col, t->line_start,
                        t->indent);
            fail();
        }
    }
    token_list_free(&tl);
}

static void first_line_offsets_line_numbers(void **state)
{
    (void)state;
    token_list tl;
    pylex("x\n", 2, 40, &tl);
    assert_int_equal(tl.toks[0].line, 40);
    token_list_free(&tl);
}

static void strings_with_prefixes_escapes_and_triple_quotes_are_one_token(void **state)
{
    (void)state;
    static const char src[] = "a = rb'\\x00' + f\"{x!r:>10}\" + 'it\\'s'\n"
                              "b = \"\"\"one\n"
                              "two \"quoted\" \"\"\"\n"
                              "c = 1\n";
    token_list tl;
    pylex(src, strlen(src), 1, &tl);
    assert_null(tl.error);
    assert_int_equal(tl.toks[2].kind, TOK_STRING);
    assert_true(tok_is(&tl.toks[2], "rb'\\x00'"));
    assert_int_equal(tl.toks[4].kind, TOK_STRING);
    assert_true(tok_is(&tl.toks[4], "f\"{x!r:>10}\""));
    assert_int_equal(tl.toks[6].kind, TOK_STRING);
    assert_true(tok_is(&tl.toks[6], "'it\\'s'"));
    /* b = """...""" spans two lines; c is then on line 4 */
    assert_true(tok_is(&tl.toks[8], "b"));
    assert_int_equal(tl.toks[10].kind, TOK_STRING);
    assert_int_equal(tl.toks[10].line, 2);
    assert_true(tok_is(&tl.toks[12], "c"));
    assert_int_equal(tl.toks[12].line, 4);
    assert_int_equal(tl.toks[12].col, 1);
    assert_true(tl.toks[12].line_start);
    token_list_free(&tl);
}

static void brackets_and_backslashes_continue_the_logical_line(void **state)
{
    (void)state;
    static const char src[] = "f(1,\n  2)\nx = 1 + \\\n    3\ny\n";
    token_list tl;
    pylex(src, strlen(src), 1, &tl);
    size_t newlines = 0;
    for (size_t i = 0; i < tl.n; i++) {
        const token *t = &tl.toks[i];
        if (t->kind == TOK_NEWLINE)
            newlines++;
        /* only f, x and y start logical lines */
        if (t->line_start && !tok_is(t, "f") && !tok_is(t, "x") && !tok_is(t, "y")) {
            print_error("[%.*s] at %d:%d starts a line\n", (int)t->len, t->start, t->line,
                        t->col);
            fail();
        }
    }
    assert_int_equal(newlines, 3);
    const token *y = &tl.toks[tl.n - 3];
    assert_true(tok_is(y, "y"));
    assert_int_equal(y->line, 5);
    assert_true(y->line_start);
    token_list_free(&tl);
}

static void operators_and_numbers(void **state)
{
    (void)state;
    static const char src[] = "a := b ** c //= d ... -> e >>= 1e-5 0x1F .5 1_000\n";
    static const char *const want[] = {"a",   ":=", "b",  "**",   "c",   "//=", "d",
                                       "...", "->", "e",  ">>=",  "1e-5", "0x1F", ".5",
                                       "1_000"};
    token_list tl;
    pylex(src, strlen(src), 1, &tl);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!tok_is(&tl.toks[i], want[i])) {
            print_error("token %zu: [%.*s], expected [%s]\n", i, (int)tl.toks[i].len,
                        tl.toks[i].start, want[i]);
            fail();
        }
    assert_int_equal(tl.toks[11].kind, TOK_NUMBER);
    assert_int_equal(tl.toks[13].kind, TOK_NUMBER);
    token_list_free(&tl);
}

static void tab_in_indentation_is_flagged_on_the_token(void **state)
{
    (void)state;
    token_list tl;
    pylex("if x:\n\ty\n", strlen("if x:\n\ty\n"), 1, &tl);
    assert_true(tok_is(&tl.toks[4], "y"));
    assert_true(tl.toks[4].tab_indent);
    assert_false(tl.toks[0].tab_indent);
    token_list_free(&tl);
}

static void unterminated_string_stops_the_lexer_with_its_start(void **state)
{
    (void)state;
    token_list tl;
    static const char src[] = "a = 1\nb = f'open\nc = 2\n";
    pylex(src, strlen(src), 1, &tl);
    assert_string_equal(tl.error, "unterminated string literal");
    assert_int_equal(tl.error_line, 2);
    assert_int_equal(tl.error_col, 5);
    token_list_free(&tl);
}

/* ---- lint ---- */

static void realistic_case_is_clean(void **state)
{
    lint_clean("# ---\n"
               "# title: eval and import in the header comment do not count\n"
               "# ---\n"
               "import asyncio\n"
               "import concurrent.futures\n"
               "from concurrent.futures import ThreadPoolExecutor, wait\n"
               "from asyncio import (sleep,\n"
               "                     gather)\n"
               "\n"
               "\n"
               "class Boom(Exception):\n"
               "    def __init__(self, match):\n"
               "        super().__init__(match)\n"
               "        self.match = match\n"
               "\n"
               "\n"
               "counter = 0\n"
               "\n"
               "\n"
               "def bump():\n"
               "    global counter\n"
               "    counter += 1\n"
               "\n"
               "\n"
               "async def main():\n"
               "    with ThreadPoolExecutor(max_workers=2) as pool:\n"
               "        fs = [pool.submit(bump) for _ in range(2)]\n"
               "        wait(fs)\n"
               "    await sleep(0.01)\n"
               "    print(f\"{counter!r:>4}\", 'tab\\there', flush=True)\n"
               "\n"
               "\n"
               "asyncio.run(main())\n");
}

static void disallowed_import(void **state)
{
    lint_gives("import logging\n",
               "c.py:1:8: module 'logging' is outside the case language (allowed: see "
               "spec/case-language.md, Lint tables)");
    /* each module of an import list is checked, at its own column */
    lint_gives("import asyncio, traceback as tb, time\n",
               "c.py:1:17: module 'traceback'" OUTSIDE " (allowed: see spec/case-language.md, "
               "Lint tables)");
    lint_gives("from collections import deque\n",
               "c.py:1:6: module 'collections'" OUTSIDE " (allowed: see spec/case-language.md, "
               "Lint tables)");
    /* imports inside functions count too */
    lint_gives("def f():\n    import itertools\n",
               "c.py:2:12: module 'itertools'" OUTSIDE " (allowed: see spec/case-language.md, "
               "Lint tables)");
}

static void dotted_imports_use_the_full_name(void **state)
{
    lint_clean("import concurrent.futures\nfrom concurrent.futures import Future\n");
    /* the parent package alone, or a private submodule, is not in the table */
    lint_gives("import concurrent\n",
               "c.py:1:8: module 'concurrent'" OUTSIDE " (allowed: see spec/case-language.md, "
               "Lint tables)");
    lint_gives("from concurrent.futures.thread import ThreadPoolExecutor\n",
               "c.py:1:6: module 'concurrent.futures.thread'" OUTSIDE " (allowed: see "
               "spec/case-language.md, Lint tables)");
    lint_gives("import asyncio.tasks\n",
               "c.py:1:8: module 'asyncio.tasks'" OUTSIDE " (allowed: see "
               "spec/case-language.md, Lint tables)");
}

static void star_import(void **state)
{
    lint_gives("from asyncio import *\n", "c.py:1:21: star-imports are outside the case language");
    lint_gives("from logging import *\n",
               "c.py:1:6: module 'logging'" OUTSIDE " (allowed: see spec/case-language.md, "
               "Lint tables)",
               "c.py:1:21: star-imports are outside the case language");
}

static void forbidden_names(void **state)
{
    lint_gives("x = eval('1 + 1')\n", "c.py:1:5: 'eval'" OUTSIDE);
    lint_gives("print(globals(), locals())\n", "c.py:1:7: 'globals'" OUTSIDE,
               "c.py:1:18: 'locals'" OUTSIDE);
    lint_gives("def f(src):\n    exec(compile(src, 'x', 'exec'))\n",
               "c.py:2:5: 'exec'" OUTSIDE, "c.py:2:10: 'compile'" OUTSIDE);
    lint_gives("m = __import__('os')\n", "c.py:1:5: '__import__'" OUTSIDE);
}

static void forbidden_names_after_a_dot_are_attributes(void **state)
{
    lint_clean("obj.locals\nself.exec()\npattern . compile('x')\nevaluate = 1\n");
}

static void forbidden_words_in_strings_and_comments_do_not_count(void **state)
{
    lint_clean("print('eval exec import logging := match x:')  # eval(x); import logging\n"
               "doc = \"\"\"\n"
               "import logging\n"
               "global counter\n"
               "class A(B, C):\n"
               "match x:\n"
               "\"\"\"\n"
               "print(f\"{'except*'}\")\n");
}

static void walrus(void **state)
{
    lint_gives("if (n := len(xs)) > 1:\n    pass\n",
               "c.py:1:7: the walrus operator ':='" OUTSIDE);
    lint_clean("d = {'a': 1}\nf = lambda x: x\n");
}

static void except_star(void **state)
{
    lint_gives("try:\n    pass\nexcept* ValueError:\n    pass\n",
               "c.py:3:1: except*" OUTSIDE);
    lint_gives("try:\n    pass\nexcept *ValueError:\n    pass\n",
               "c.py:3:1: except*" OUTSIDE);
    lint_clean("try:\n    pass\nexcept (ValueError, TypeError):\n    pass\n");
}

static void match_statement(void **state)
{
    lint_gives("match command:\n    case 1:\n        pass\n",
               "c.py:1:1: match statements are outside the case language");
    lint_gives("def f(x):\n    match x.kind:\n        case _:\n            pass\n",
               "c.py:2:5: match statements are outside the case language");
}

static void variable_named_match_is_not_a_match_statement(void **state)
{
    lint_clean("match = find(x)\n"
               "match.group(1)\n"
               "match(1)\n"
               "match[0] = 2\n"
               "match: int = 3\n"
               "if match:\n"
               "    print(match)\n");
}

static void module_level_global(void **state)
{
    lint_gives("global counter\n", "c.py:1:1: 'global' at module level" OUTSIDE);
    lint_clean("def f():\n    global counter\n    counter = 1\n");
}

static void nested_or_indented_class(void **state)
{
    lint_gives("def f():\n    class A:\n        pass\n",
               "c.py:2:5: class statements belong at module level in the case language");
    lint_gives("class A:\n    class B:\n        pass\n",
               "c.py:2:5: class statements belong at module level in the case language");
    lint_gives("if True:\n    class C(Exception):\n        pass\n",
               "c.py:2:5: class statements belong at module level in the case language");
}

static void metaclass_keyword(void **state)
{
    lint_gives("class A(metaclass=Meta):\n    pass\n", "c.py:1:9: metaclass=" OUTSIDE);
    /* a base plus a keyword is two items: both rules fire (L8 and L10) */
    lint_gives("class A(B, metaclass=M):\n    pass\n", "c.py:1:12: metaclass=" OUTSIDE,
               "c.py:1:1: a class with more than one base" OUTSIDE);
}

static void two_bases(void **state)
{
    lint_gives("class A(B, C):\n    pass\n", "c.py:1:1: a class with more than one base" OUTSIDE);
    lint_gives("class A(B, C, D):\n    pass\n",
               "c.py:1:1: a class with more than one base" OUTSIDE);
}

static void single_base_forms_are_allowed(void **state)
{
    lint_clean("class A:\n    pass\n"
               "class B():\n    pass\n"
               "class C(Exception):\n    pass\n"
               "class D(B,):\n    pass\n"
               "class E(Base[K, V]):\n    pass\n"
               "class F(mod.Base):\n    pass\n");
}

static void tab_indentation(void **state)
{
    lint_gives("def f():\n\treturn 1\n",
               "c.py:2:1: indentation uses a tab; the case language indents with spaces only");
    lint_gives("def f():\n    \treturn 1\n",
               "c.py:2:1: indentation uses a tab; the case language indents with spaces only");
    /* tabs elsewhere are fine */
    lint_clean("x = '\t'\ny = 1\t# comment\n");
}

static void unterminated_string_is_reported_with_its_position(void **state)
{
    lint_gives("x = 1\nprint('abc)\n", "c.py:2:7: unterminated string literal");
    lint_gives("s = \"\"\"never closed\n\nimport logging\n",
               "c.py:1:5: unterminated string literal");
    lint_gives("b = rb'\n", "c.py:1:5: unterminated string literal");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokens_carry_kind_position_and_line_start),
        cmocka_unit_test(first_line_offsets_line_numbers),
        cmocka_unit_test(strings_with_prefixes_escapes_and_triple_quotes_are_one_token),
        cmocka_unit_test(brackets_and_backslashes_continue_the_logical_line),
        cmocka_unit_test(operators_and_numbers),
        cmocka_unit_test(tab_in_indentation_is_flagged_on_the_token),
        cmocka_unit_test(unterminated_string_stops_the_lexer_with_its_start),
        cmocka_unit_test(realistic_case_is_clean),
        cmocka_unit_test(disallowed_import),
        cmocka_unit_test(dotted_imports_use_the_full_name),
        cmocka_unit_test(star_import),
        cmocka_unit_test(forbidden_names),
        cmocka_unit_test(forbidden_names_after_a_dot_are_attributes),
        cmocka_unit_test(forbidden_words_in_strings_and_comments_do_not_count),
        cmocka_unit_test(walrus),
        cmocka_unit_test(except_star),
        cmocka_unit_test(match_statement),
        cmocka_unit_test(variable_named_match_is_not_a_match_statement),
        cmocka_unit_test(module_level_global),
        cmocka_unit_test(nested_or_indented_class),
        cmocka_unit_test(metaclass_keyword),
        cmocka_unit_test(two_bases),
        cmocka_unit_test(single_base_forms_are_allowed),
        cmocka_unit_test(tab_indentation),
        cmocka_unit_test(unterminated_string_is_reported_with_its_position),
    };
    /* one group, one index shared by the lint tests */
    return cmocka_run_group_tests(tests, setup_index, teardown_index);
}
