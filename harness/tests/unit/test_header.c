/* header.h: the case header parser, on in-memory case files. Every error
 * is checked with its exact file:line:col, since authors jump to it. */
#include "unit.h"

#include "header.h"

/* A header is "# ---", YAML behind "# ", "# ---". Line numbers in the
 * comments below are file lines; YAML column c is file column c + 2. */
#define OPEN "# ---\n"
#define CLOSE "# ---\nimport asyncio\n"
/* lines 2-4 */
#define TOP                                                                                     \
    "# title: A title\n"                                                                        \
    "# clauses: [interop.wait.1]\n"                                                             \
    "# source: \"asyncio-guide: Tasks\"\n"
/* lines 5-6 after TOP */
#define EXPECT_COMPLETES                                                                        \
    "# expect:\n"                                                                               \
    "#   - completes: true\n"

static bool parse(const char *text, case_t *c, diagnostics *d)
{
    return header_parse("t.py", "area/t", text, strlen(text), c, d);
}

/* Parsing fails with exactly one diagnostic, at `where`, containing `what`. */
static void expect_error_impl(const char *text, const char *where, const char *what,
                              const char *file, int line)
{
    case_t c;
    diagnostics d = {0};
    bool ok = parse(text, &c, &d);
    bool good = !ok && d.messages.n == 1 && str_starts_with(d.messages.items[0], where) &&
                strstr(d.messages.items[0] + strlen(where), what) != NULL;
    if (!good) {
        print_error("%s:%d: expected one error \"%s%s...\", parse %s with %zu diagnostics:\n",
                    file, line, where, what, ok ? "succeeded" : "failed", d.messages.n);
        for (size_t i = 0; i < d.messages.n; i++)
            print_error("  %s\n", d.messages.items[i]);
    }
    if (ok)
        case_free(&c);
    diag_free(&d);
    if (!good)
        fail();
}
#define expect_error(text, where, what) expect_error_impl((text), (where), (what), __FILE__, __LINE__)

/* Parses a header that must be valid; the caller frees c. */
static void parse_ok_impl(const char *text, case_t *c, const char *file, int line)
{
    diagnostics d = {0};
    bool ok = parse(text, c, &d);
    if (!ok || d.messages.n) {
        print_error("%s:%d: expected a valid header, got:\n", file, line);
        for (size_t i = 0; i < d.messages.n; i++)
            print_error("  %s\n", d.messages.items[i]);
    }
    diag_free(&d);
    if (!ok)
        fail();
}
#define parse_ok(text, c) parse_ok_impl((text), (c), __FILE__, __LINE__)

/* ---- valid headers ---- */

static const char FULL[] =
    OPEN                                                                          /* 1 */
    "# title: asyncio.wait() awaited on thread-pool futures\n"                    /* 2 */
    "# clauses: [interop.wait.1, interop.wait-hang.2]\n"                          /* 3 */
    "# source: \"futures-not-compatible: concurrent.futures.Future and asyncio.wait()\"\n"
    "# flags: [threads, slow]\n"                                                  /* 5 */
    "# timeout: 2.5\n"                                                            /* 6 */
    "#\n"                                                                         /* 7 */
    "# expect:\n"                                                                 /* 8 */
    "#   - python: \"<3.9\"\n"                                                    /* 9 */
    "#     raises: {type: TypeError, message: \"An asyncio.Future is required\"}\n"
    "#     stdout: {exact: [a, b], unordered: [x, y], contains: [c], absent: [d]}\n" /* 11 */
    "#     stderr: {regex: \"^job \\\\d$\", order: [[a, b], [c, d]]}\n"           /* 12 */
    "#   - python: \">=3.9,<3.11\"\n"                                             /* 13 */
    "#     raises: {type: asyncio.exceptions.TimeoutError, message_re: \"time.*\"}\n"
    "#     warns:\n"                                                              /* 15 */
    "#       - {category: RuntimeWarning, message: \"coroutine 'f' was never awaited\", line: 30}\n"
    "#       - {category: DeprecationWarning, message_re: \"There is no .*\"}\n"  /* 17 */
    "#   - python: \"==3.11\"\n"                                                  /* 18 */
    "#     hangs: {after: 1.5}\n"                                                 /* 19 */
    "#     warns: []\n"                                                           /* 20 */
    "#   - python: \"3.12\"\n"                                                    /* 21 */
    "#     exits: {code: 3}\n"                                                    /* 22 */
    "#     stdout: {empty: true}\n"                                               /* 23 */
    "#     stderr:\n"                                                             /* 24 */
    "#       exact: |\n"                                                          /* 25 */
    "#         first\n"                                                           /* 26 */
    "#         second\n"                                                          /* 27 */
    "#   - completes: true\n"                                                     /* 28 */
    "# ---\n"                                                                     /* 29 */
    "import asyncio\n";

static void full_header_top_level_keys(void **state)
{
    (void)state;
    case_t c;
    parse_ok(FULL, &c);
    assert_string_equal(c.path, "t.py");
    assert_string_equal(c.id, "area/t");
    assert_string_equal(c.title, "asyncio.wait() awaited on thread-pool futures");
    assert_lines(&c.clauses, "interop.wait.1", "interop.wait-hang.2");
    assert_string_equal(c.source,
                        "futures-not-compatible: concurrent.futures.Future and asyncio.wait()");
    assert_lines(&c.flags, "threads", "slow");
    assert_true(c.timeout == 2.5);
    assert_int_equal(c.nexpect, 5);
    assert_int_equal(c.header_end_line, 29);
    case_free(&c);
}

static void full_header_raises_with_message_and_matchers(void **state)
{
    (void)state;
    case_t c;
    parse_ok(FULL, &c);
    const expectation *e = &c.expect[0];
    assert_int_equal(e->line, 9);
    assert_string_equal(e->python, "<3.9");
    assert_int_equal(e->range.n, 1);
    assert_int_equal(e->range.specs[0].op, OP_LT);
    assert_int_equal(e->outcome, OUTCOME_RAISES);
    assert_string_equal(e->exc_type, "TypeError");
    assert_string_equal(e->exc_message, "An asyncio.Future is required");
    assert_null(e->exc_message_re);
    assert_false(e->has_warns);

    assert_int_equal(e->out.n, 4);
    assert_int_equal(e->out.items[0].kind, MATCH_EXACT_LINES);
    assert_lines(&e->out.items[0].lines, "a", "b");
    /* matchers remember where they are declared: the value's position */
    assert_int_equal(e->out.items[0].line, 11);
    assert_int_equal(e->out.items[0].col, 23);
    assert_int_equal(e->out.items[1].kind, MATCH_UNORDERED);
    assert_lines(&e->out.items[1].lines, "x", "y");
    assert_int_equal(e->out.items[2].kind, MATCH_CONTAINS);
    assert_lines(&e->out.items[2].lines, "c");
    assert_int_equal(e->out.items[3].kind, MATCH_ABSENT);
    assert_lines(&e->out.items[3].lines, "d");

    assert_int_equal(e->err.n, 2);
    assert_int_equal(e->err.items[0].kind, MATCH_REGEX);
    assert_string_equal(e->err.items[0].text, "^job \\d$");
    assert_int_equal(e->err.items[1].kind, MATCH_ORDER);
    /* order pairs are flattened: items[2k] comes before items[2k+1] */
    assert_lines(&e->err.items[1].lines, "a", "b", "c", "d");
    case_free(&c);
}

static void full_header_raises_with_message_re_and_warns(void **state)
{
    (void)state;
    case_t c;
    parse_ok(FULL, &c);
    const expectation *e = &c.expect[1];
    assert_int_equal(e->line, 13);
    assert_string_equal(e->python, ">=3.9,<3.11");
    assert_int_equal(e->range.n, 2);
    assert_int_equal(e->outcome, OUTCOME_RAISES);
    assert_string_equal(e->exc_type, "asyncio.exceptions.TimeoutError");
    assert_null(e->exc_message);
    assert_string_equal(e->exc_message_re, "time.*");
    assert_true(e->has_warns);
    assert_int_equal(e->nwarns, 2);
    assert_string_equal(e->warns[0].category, "RuntimeWarning");
    assert_string_equal(e->warns[0].message, "coroutine 'f' was never awaited");
    assert_null(e->warns[0].message_re);
    assert_int_equal(e->warns[0].line, 30);
    assert_string_equal(e->warns[1].category, "DeprecationWarning");
    assert_null(e->warns[1].message);
    assert_string_equal(e->warns[1].message_re, "There is no .*");
    assert_int_equal(e->warns[1].line, 0);
    case_free(&c);
}

static void full_header_hangs_with_empty_warns(void **state)
{
    (void)state;
    case_t c;
    parse_ok(FULL, &c);
    const expectation *e = &c.expect[2];
    assert_int_equal(e->outcome, OUTCOME_HANGS);
    assert_true(e->hang_after == 1.5);
    /* warns: [] is "no warning at all", unlike an omitted warns */
    assert_true(e->has_warns);
    assert_int_equal(e->nwarns, 0);
    case_free(&c);
}

static void full_header_exits_with_empty_and_block_exact(void **state)
{
    (void)state;
    case_t c;
    parse_ok(FULL, &c);
    const expectation *e = &c.expect[3];
    assert_string_equal(e->python, "3.12");
    assert_int_equal(e->range.specs[0].op, OP_EQ);
    assert_int_equal(e->outcome, OUTCOME_EXITS);
    assert_int_equal(e->exit_code, 3);
    assert_int_equal(e->out.n, 1);
    assert_int_equal(e->out.items[0].kind, MATCH_EMPTY);
    assert_int_equal(e->err.n, 1);
    assert_int_equal(e->err.items[0].kind, MATCH_EXACT_TEXT);
    /* a literal block keeps its newlines once the "# " is stripped */
    assert_string_equal(e->err.items[0].text, "first\nsecond\n");
    case_free(&c);
}

static void full_header_entry_without_python_holds_everywhere(void **state)
{
    (void)state;
    case_t c;
    parse_ok(FULL, &c);
    const expectation *e = &c.expect[4];
    assert_int_equal(e->line, 28);
    assert_string_equal(e->python, "*");
    assert_int_equal(e->range.n, 0);
    assert_int_equal(e->outcome, OUTCOME_COMPLETES);
    case_free(&c);
}

static void first_entry_whose_range_holds_applies(void **state)
{
    (void)state;
    case_t c;
    parse_ok(FULL, &c);
    assert_ptr_equal(case_expectation_for(&c, (pyversion){3, 8}), &c.expect[0]);
    assert_ptr_equal(case_expectation_for(&c, (pyversion){3, 9}), &c.expect[1]);
    assert_ptr_equal(case_expectation_for(&c, (pyversion){3, 10}), &c.expect[1]);
    assert_ptr_equal(case_expectation_for(&c, (pyversion){3, 11}), &c.expect[2]);
    assert_ptr_equal(case_expectation_for(&c, (pyversion){3, 12}), &c.expect[3]);
    assert_ptr_equal(case_expectation_for(&c, (pyversion){3, 13}), &c.expect[4]);
    case_free(&c);
}

static void version_outside_every_range_has_no_expectation(void **state)
{
    (void)state;
    case_t c;
    parse_ok(OPEN TOP "# expect:\n#   - python: \">=3.11\"\n#     completes: true\n" CLOSE, &c);
    assert_null(case_expectation_for(&c, (pyversion){3, 10}));
    assert_non_null(case_expectation_for(&c, (pyversion){3, 11}));
    case_free(&c);
}

static void minimal_header_gets_default_timeout_and_no_flags(void **state)
{
    (void)state;
    case_t c;
    parse_ok(OPEN TOP EXPECT_COMPLETES CLOSE, &c);
    assert_true(c.timeout == CASE_DEFAULT_TIMEOUT);
    assert_int_equal(c.flags.n, 0);
    assert_int_equal(c.nexpect, 1);
    assert_int_equal(c.expect[0].out.n, 0);
    assert_false(c.expect[0].has_warns);
    assert_int_equal(c.header_end_line, 7);
    case_free(&c);
}

static void raises_without_message_leaves_message_unchecked(void **state)
{
    (void)state;
    case_t c;
    parse_ok(OPEN TOP "# expect:\n#   - raises: {type: concurrent.futures._base.CancelledError}\n"
             CLOSE, &c);
    assert_string_equal(c.expect[0].exc_type, "concurrent.futures._base.CancelledError");
    assert_null(c.expect[0].exc_message);
    assert_null(c.expect[0].exc_message_re);
    case_free(&c);
}

static void empty_message_is_kept_as_empty_string(void **state)
{
    (void)state;
    case_t c;
    parse_ok(OPEN TOP "# expect:\n#   - raises: {type: asyncio.CancelledError, message: \"\"}\n"
             CLOSE, &c);
    assert_string_equal(c.expect[0].exc_message, "");
    case_free(&c);
}

static void fences_may_carry_trailing_blanks_and_crlf(void **state)
{
    (void)state;
    case_t c;
    parse_ok("# ---  \r\n# title: T\r\n# clauses: [a.b.1]\r\n# source: \"cpython-docs: x\"\r\n"
             "# expect:\r\n#   - completes: true\r\n# ---\t\r\nimport sys\r\n",
             &c);
    assert_string_equal(c.title, "T");
    assert_int_equal(c.header_end_line, 7);
    case_free(&c);
}

static void each_source_prefix_is_accepted(void **state)
{
    (void)state;
    for (int i = 0; header_source_prefixes[i]; i++) {
        char *text = xasprintf(OPEN "# title: T\n# clauses: [a.b.1]\n# source: \"%s S\"\n"
                               EXPECT_COMPLETES CLOSE, header_source_prefixes[i]);
        case_t c;
        parse_ok(text, &c);
        case_free(&c);
        free(text);
    }
}

static void clause_ids_need_three_lowercase_parts(void **state)
{
    (void)state;
    assert_true(clause_id_valid("interop.wait.1"));
    assert_true(clause_id_valid("aio.task-name.12"));
    assert_true(clause_id_valid("lang.exc.1.2"));
    assert_false(clause_id_valid("interop.wait"));
    assert_false(clause_id_valid("Interop.wait.1"));
    assert_false(clause_id_valid("interop..1"));
    assert_false(clause_id_valid("interop.wait."));
    assert_false(clause_id_valid(".wait.1"));
    assert_false(clause_id_valid("interop.wait 1.2"));
    assert_false(clause_id_valid(""));
}

/* ---- fences and YAML ---- */

static void missing_opening_fence(void **state)
{
    (void)state;
    expect_error("import asyncio\n", "t.py:1:1: ", "must start with a '# ---' line");
    /* the fence must be the very first line */
    expect_error("\n" OPEN TOP EXPECT_COMPLETES CLOSE, "t.py:1:1: ", "'# ---'");
    expect_error("", "t.py:1:1: ", "'# ---'");
}

static void header_line_without_hash_space_prefix(void **state)
{
    (void)state;
    expect_error(OPEN "# title: T\n#clauses: [a.b.1]\n" CLOSE, "t.py:3:1: ",
                 "header line must be '#' or start with '# '");
    /* code before the closing fence is the same mistake */
    expect_error(OPEN "# title: T\nimport asyncio\n", "t.py:3:1: ",
                 "header line must be '#' or start with '# '");
    expect_error(OPEN "# title: T\n\n" CLOSE, "t.py:3:1: ", "header line must be");
}

static void missing_closing_fence(void **state)
{
    (void)state;
    expect_error(OPEN "# title: T\n# clauses: [a.b.1]\n", "t.py:3:1: ",
                 "the header opened at line 1 has no closing '# ---' line");
    expect_error(OPEN "# title: T", "t.py:2:1: ", "no closing '# ---' line");
}

static void yaml_syntax_error_points_into_the_file(void **state)
{
    (void)state;
    /* "title: a: b": the second ':' is YAML column 8, file column 11 */
    expect_error(OPEN "# title: a: b\n" CLOSE, "t.py:2:11: ",
                 "YAML syntax error: mapping values are not allowed");
    /* an unclosed list is noticed where the YAML ends: the closing fence */
    expect_error(OPEN TOP "# expect: [\n" CLOSE, "t.py:6:3: ",
                 "YAML syntax error: did not find expected node content while parsing a flow "
                 "node");
    /* a tab is not YAML indentation: reported at the tab, column 3 */
    expect_error(OPEN TOP "# expect:\n# \t- completes: true\n" CLOSE, "t.py:6:3: ",
                 "YAML syntax error: found character that cannot start any token");
}

static void empty_header(void **state)
{
    (void)state;
    expect_error(OPEN CLOSE, "t.py:2:1: ", "empty");
    expect_error(OPEN "#\n#\n" CLOSE, "t.py:2:1: ", "empty");
}

static void header_that_is_not_a_mapping(void **state)
{
    (void)state;
    expect_error(OPEN "# - title\n" CLOSE, "t.py:2:3: ", "the header must be a mapping");
}

static void header_with_nul_byte(void **state)
{
    (void)state;
    static const char text[] = OPEN TOP EXPECT_COMPLETES CLOSE "x = '\0'\n";
    case_t c;
    diagnostics d = {0};
    assert_false(header_parse("t.py", "t", text, sizeof text - 1, &c, &d));
    assert_int_equal(d.messages.n, 1);
    assert_string_equal(d.messages.items[0],
                        "t.py:1:1: the file contains NUL bytes; a case is Python source text");
    diag_free(&d);
}

/* ---- top-level keys ---- */

static void unknown_top_level_key(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# color: red\n" EXPECT_COMPLETES CLOSE, "t.py:5:3: ",
                 "unknown key 'color' in the header (expected one of: title, clauses, source, "
                 "flags, timeout, expect)");
}

static void duplicate_top_level_key(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# title: Again\n" EXPECT_COMPLETES CLOSE, "t.py:5:3: ",
                 "duplicate key 'title' in the header (first at line 2)");
}

static void missing_title(void **state)
{
    (void)state;
    /* missing keys are reported at the header's first key */
    expect_error(OPEN "# clauses: [a.b.1]\n# source: \"cpython-docs: x\"\n" EXPECT_COMPLETES CLOSE,
                 "t.py:2:3: ", "missing title");
}

static void empty_title(void **state)
{
    (void)state;
    expect_error(OPEN "# title: \"\"\n# clauses: [a.b.1]\n# source: \"cpython-docs: x\"\n"
                 EXPECT_COMPLETES CLOSE, "t.py:2:10: ", "title is empty");
}

static void missing_clauses(void **state)
{
    (void)state;
    expect_error(OPEN "# title: T\n# source: \"cpython-docs: x\"\n" EXPECT_COMPLETES CLOSE,
                 "t.py:2:3: ", "missing clauses");
}

static void clauses_not_a_list_or_empty(void **state)
{
    (void)state;
    expect_error(OPEN "# title: T\n# clauses: a.b.1\n# source: \"cpython-docs: x\"\n"
                 EXPECT_COMPLETES CLOSE, "t.py:3:12: ", "clauses must be a list, not a scalar");
    expect_error(OPEN "# title: T\n# clauses: []\n# source: \"cpython-docs: x\"\n"
                 EXPECT_COMPLETES CLOSE, "t.py:3:12: ", "clauses is empty");
}

static void bad_clause_id(void **state)
{
    (void)state;
    /* the offending item, not the list: B of Bad.Id is file column 29 */
    expect_error(OPEN "# title: T\n# clauses: [interop.wait.1, Bad.Id]\n"
                 "# source: \"cpython-docs: x\"\n" EXPECT_COMPLETES CLOSE,
                 "t.py:3:29: ", "'Bad.Id' is not a clause id (area.topic.n, lowercase)");
}

static void missing_source(void **state)
{
    (void)state;
    expect_error(OPEN "# title: T\n# clauses: [a.b.1]\n" EXPECT_COMPLETES CLOSE, "t.py:2:3: ",
                 "missing source");
}

static void bad_source_prefix(void **state)
{
    (void)state;
    expect_error(OPEN "# title: T\n# clauses: [a.b.1]\n# source: \"python-docs: asyncio\"\n"
                 EXPECT_COMPLETES CLOSE, "t.py:4:11: ",
                 "source must start with futures-not-compatible:, asyncio-guide: or "
                 "cpython-docs:");
    /* a prefix alone names no section */
    expect_error(OPEN "# title: T\n# clauses: [a.b.1]\n# source: \"asyncio-guide:\"\n"
                 EXPECT_COMPLETES CLOSE, "t.py:4:11: ", "source must start with");
}

static void unknown_flag(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# flags: [threads, gpu]\n" EXPECT_COMPLETES CLOSE, "t.py:5:20: ",
                 "unknown flag 'gpu' (expected threads, processes or slow)");
}

static void flags_not_a_list(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# flags: threads\n" EXPECT_COMPLETES CLOSE, "t.py:5:10: ",
                 "flags must be a list, not a scalar");
}

static void bad_timeout(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# timeout: soon\n" EXPECT_COMPLETES CLOSE, "t.py:5:12: ",
                 "timeout must be a non-negative number of seconds, not 'soon'");
    expect_error(OPEN TOP "# timeout: -1\n" EXPECT_COMPLETES CLOSE, "t.py:5:12: ",
                 "timeout must be a non-negative number of seconds, not '-1'");
    expect_error(OPEN TOP "# timeout: 0\n" EXPECT_COMPLETES CLOSE, "t.py:5:12: ",
                 "timeout must be more than 0 and at most 600 seconds");
    expect_error(OPEN TOP "# timeout: 601\n" EXPECT_COMPLETES CLOSE, "t.py:5:12: ",
                 "at most 600 seconds");
    expect_error(OPEN TOP "# timeout: [1]\n" EXPECT_COMPLETES CLOSE, "t.py:5:12: ",
                 "timeout must be a string, not a list");
}

static void missing_expect(void **state)
{
    (void)state;
    expect_error(OPEN TOP CLOSE, "t.py:2:3: ", "missing expect");
}

static void empty_expect(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect: []\n" CLOSE, "t.py:5:11: ", "expect is empty");
}

static void expect_not_a_list(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect: {completes: true}\n" CLOSE, "t.py:5:11: ",
                 "expect must be a list of entries");
    expect_error(OPEN TOP "# expect:\n#   - completes\n" CLOSE, "t.py:6:7: ",
                 "each expect entry must be a mapping, not a scalar");
}

/* ---- expect entries ---- */

static void unknown_key_in_expect_entry(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     stdin: x\n" CLOSE,
                 "t.py:7:7: ", "unknown key 'stdin' in an expect entry");
}

static void duplicate_key_in_expect_entry(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     completes: true\n" CLOSE,
                 "t.py:7:7: ", "duplicate key 'completes' in an expect entry (first at line 6)");
}

static void two_outcomes_in_one_entry(void **state)
{
    (void)state;
    /* reported at the second outcome's value */
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     raises: {type: TypeError}\n"
                 CLOSE, "t.py:7:15: ", "an expect entry declares exactly one outcome");
}

static void entry_without_outcome(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - stdout: {empty: true}\n" CLOSE, "t.py:6:7: ",
                 "an expect entry needs an outcome: completes, raises, hangs or exits");
}

static void completes_false(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - completes: false\n" CLOSE, "t.py:6:18: ",
                 "completes: false says nothing");
    expect_error(OPEN TOP "# expect:\n#   - completes: maybe\n" CLOSE, "t.py:6:18: ",
                 "completes must be true or false, not 'maybe'");
}

static void raises_not_a_mapping(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - raises: TypeError\n" CLOSE, "t.py:6:15: ",
                 "raises must be a mapping, not a scalar");
}

static void raises_without_type(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - raises: {message: boom}\n" CLOSE, "t.py:6:15: ",
                 "raises needs a type");
}

static void raises_with_unknown_key(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - raises: {type: E, text: boom}\n" CLOSE,
                 "t.py:6:25: ", "unknown key 'text' in raises");
}

static void invalid_exception_type_name(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - raises: {type: 1Error}\n" CLOSE, "t.py:6:22: ",
                 "'1Error' is not an exception type name");
    expect_error(OPEN TOP "# expect:\n#   - raises: {type: asyncio..TimeoutError}\n" CLOSE,
                 "t.py:6:22: ", "is not an exception type name");
    expect_error(OPEN TOP "# expect:\n#   - raises: {type: \"Type Error\"}\n" CLOSE,
                 "t.py:6:22: ", "is not an exception type name");
    expect_error(OPEN TOP "# expect:\n#   - raises: {type: asyncio.}\n" CLOSE, "t.py:6:22: ",
                 "is not an exception type name");
}

static void message_and_message_re_together(void **state)
{
    (void)state;
    /* at message_re, the key that is one too many */
    expect_error(OPEN TOP "# expect:\n#   - raises: {type: E, message: a, message_re: a}\n" CLOSE,
                 "t.py:6:49: ", "give message or message_re, not both");
}

static void invalid_regex(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - raises: {type: E, message_re: \"(a\"}\n" CLOSE,
                 "t.py:6:37: ", "invalid regular expression at offset 2: missing closing "
                                "parenthesis");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     stdout: {regex: \"[a\"}\n"
                 CLOSE, "t.py:7:23: ", "invalid regular expression at offset 2");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n"
                 "#     warns: [{category: RuntimeWarning, message_re: \"*\"}]\n" CLOSE,
                 "t.py:7:54: ", "invalid regular expression at offset 0");
}

static void hangs_without_after(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - hangs: {}\n" CLOSE, "t.py:6:14: ",
                 "hangs needs after");
}

static void hangs_after_out_of_range(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - hangs: {after: 0}\n" CLOSE, "t.py:6:22: ",
                 "after must be more than 0 and at most 60 seconds");
    expect_error(OPEN TOP "# expect:\n#   - hangs: {after: 61}\n" CLOSE, "t.py:6:22: ",
                 "at most 60 seconds");
    expect_error(OPEN TOP "# expect:\n#   - hangs: {after: long}\n" CLOSE, "t.py:6:22: ",
                 "after must be a non-negative number of seconds, not 'long'");
}

static void exits_with_code_zero(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - exits: {code: 0}\n" CLOSE, "t.py:6:21: ",
                 "exit status 0 is the outcome 'completes: true'");
}

static void exits_with_bad_code(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - exits: {}\n" CLOSE, "t.py:6:14: ",
                 "exits needs code");
    expect_error(OPEN TOP "# expect:\n#   - exits: {code: 256}\n" CLOSE, "t.py:6:21: ",
                 "code must be an integer from 0 to 255, not '256'");
    expect_error(OPEN TOP "# expect:\n#   - exits: {code: 1.5}\n" CLOSE, "t.py:6:21: ",
                 "code must be an integer from 0 to 255");
}

static void bad_python_range_points_at_the_problem(void **state)
{
    (void)state;
    /* `#   - python: ">=3.x"`: the quote is column 15, "3.x" starts at 18 */
    expect_error(OPEN TOP "# expect:\n#   - python: \">=3.x\"\n#     completes: true\n" CLOSE,
                 "t.py:6:18: ", "python: expected a version such as 3.11 after the operator");
    /* a plain scalar starts at its first character: "<3.9 3.10" fails at the blank's end */
    expect_error(OPEN TOP "# expect:\n#   - python: <3.9 3.10\n#     completes: true\n" CLOSE,
                 "t.py:6:20: ", "python: expected ','");
    expect_error(OPEN TOP "# expect:\n#   - python: \"\"\n#     completes: true\n" CLOSE,
                 "t.py:6:16: ", "python: empty version range");
}

static void unreachable_entry(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n"
                 "#   - python: \"<3.11\"\n#     completes: true\n"
                 "#   - python: \"<3.10\"\n#     completes: true\n" CLOSE,
                 "t.py:8:7: ", "this entry never applies: python \"<3.10\" is covered by "
                               "earlier entries");
    /* nothing can follow an entry for every version */
    expect_error(OPEN TOP "# expect:\n"
                 "#   - completes: true\n"
                 "#   - python: \">=3.12\"\n#     completes: true\n" CLOSE,
                 "t.py:7:7: ", "this entry never applies");
    /* two ranges together can cover a third */
    expect_error(OPEN TOP "# expect:\n"
                 "#   - python: \"<3.10\"\n#     completes: true\n"
                 "#   - python: \">=3.11\"\n#     completes: true\n"
                 "#   - python: \"!=3.10\"\n#     completes: true\n" CLOSE,
                 "t.py:10:7: ", "this entry never applies");
}

static void bad_matcher_maps(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     stdout: [a]\n" CLOSE,
                 "t.py:7:15: ", "stdout must be a mapping of matchers");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     stdout: {equals: [a]}\n"
                 CLOSE, "t.py:7:16: ", "unknown key 'equals' in stdout");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     stderr: {unordered: a}\n"
                 CLOSE, "t.py:7:27: ", "unordered must be a list, not a scalar");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     stdout: {empty: false}\n"
                 CLOSE, "t.py:7:23: ", "empty: false says nothing");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     stdout: {order: [a]}\n"
                 CLOSE, "t.py:7:24: ", "an order pair must be a list, not a scalar");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     stdout: {order: [[a, b, c]]}\n"
                 CLOSE, "t.py:7:24: ", "an order pair has exactly two lines, not 3");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     stdout: {order: a}\n"
                 CLOSE, "t.py:7:23: ", "order must be a list of [first, second] pairs");
}

static void warns_not_a_list(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n"
                 "#     warns: {category: RuntimeWarning, message: m}\n" CLOSE,
                 "t.py:7:14: ", "warns must be a list of {category, message} (or [] for none)");
}

static void bad_warning_entries(void **state)
{
    (void)state;
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     warns: [RuntimeWarning]\n"
                 CLOSE, "t.py:7:15: ", "a warning must be a mapping");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n#     warns: [{message: m}]\n" CLOSE,
                 "t.py:7:15: ", "a warning needs a category");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n"
                 "#     warns: [{category: Runtime Warning, message: m}]\n" CLOSE,
                 "t.py:7:26: ", "'Runtime Warning' is not a warning category name");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n"
                 "#     warns: [{category: RuntimeWarning}]\n" CLOSE,
                 "t.py:7:15: ", "a warning needs a message or a message_re");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n"
                 "#     warns: [{category: W, message: m, message_re: m}]\n" CLOSE,
                 "t.py:7:53: ", "give message or message_re, not both");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n"
                 "#     warns: [{category: W, message: m, line: 0}]\n" CLOSE,
                 "t.py:7:47: ", "line numbers start at 1");
    expect_error(OPEN TOP "# expect:\n#   - completes: true\n"
                 "#     warns: [{category: W, message: m, where: 3}]\n" CLOSE,
                 "t.py:7:41: ", "unknown key 'where' in a warning");
}

static void several_errors_are_all_reported(void **state)
{
    (void)state;
    case_t c;
    diagnostics d = {0};
    assert_false(parse(OPEN "# title: T\n# clauses: [Bad]\n# source: nowhere\n"
                            "# flags: [gpu]\n# expect:\n#   - completes: false\n" CLOSE,
                       &c, &d));
    assert_int_equal(d.messages.n, 4);
    assert_true(str_starts_with(d.messages.items[0], "t.py:3:13: 'Bad' is not a clause id"));
    assert_true(str_starts_with(d.messages.items[1], "t.py:4:11: source must start"));
    assert_true(str_starts_with(d.messages.items[2], "t.py:5:11: unknown flag 'gpu'"));
    assert_true(str_starts_with(d.messages.items[3], "t.py:7:18: completes: false"));
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_header_top_level_keys),
        cmocka_unit_test(full_header_raises_with_message_and_matchers),
        cmocka_unit_test(full_header_raises_with_message_re_and_warns),
        cmocka_unit_test(full_header_hangs_with_empty_warns),
        cmocka_unit_test(full_header_exits_with_empty_and_block_exact),
        cmocka_unit_test(full_header_entry_without_python_holds_everywhere),
        cmocka_unit_test(first_entry_whose_range_holds_applies),
        cmocka_unit_test(version_outside_every_range_has_no_expectation),
        cmocka_unit_test(minimal_header_gets_default_timeout_and_no_flags),
        cmocka_unit_test(raises_without_message_leaves_message_unchecked),
        cmocka_unit_test(empty_message_is_kept_as_empty_string),
        cmocka_unit_test(fences_may_carry_trailing_blanks_and_crlf),
        cmocka_unit_test(each_source_prefix_is_accepted),
        cmocka_unit_test(clause_ids_need_three_lowercase_parts),
        cmocka_unit_test(missing_opening_fence),
        cmocka_unit_test(header_line_without_hash_space_prefix),
        cmocka_unit_test(missing_closing_fence),
        cmocka_unit_test(yaml_syntax_error_points_into_the_file),
        cmocka_unit_test(empty_header),
        cmocka_unit_test(header_that_is_not_a_mapping),
        cmocka_unit_test(header_with_nul_byte),
        cmocka_unit_test(unknown_top_level_key),
        cmocka_unit_test(duplicate_top_level_key),
        cmocka_unit_test(missing_title),
        cmocka_unit_test(empty_title),
        cmocka_unit_test(missing_clauses),
        cmocka_unit_test(clauses_not_a_list_or_empty),
        cmocka_unit_test(bad_clause_id),
        cmocka_unit_test(missing_source),
        cmocka_unit_test(bad_source_prefix),
        cmocka_unit_test(unknown_flag),
        cmocka_unit_test(flags_not_a_list),
        cmocka_unit_test(bad_timeout),
        cmocka_unit_test(missing_expect),
        cmocka_unit_test(empty_expect),
        cmocka_unit_test(expect_not_a_list),
        cmocka_unit_test(unknown_key_in_expect_entry),
        cmocka_unit_test(duplicate_key_in_expect_entry),
        cmocka_unit_test(two_outcomes_in_one_entry),
        cmocka_unit_test(entry_without_outcome),
        cmocka_unit_test(completes_false),
        cmocka_unit_test(raises_not_a_mapping),
        cmocka_unit_test(raises_without_type),
        cmocka_unit_test(raises_with_unknown_key),
        cmocka_unit_test(invalid_exception_type_name),
        cmocka_unit_test(message_and_message_re_together),
        cmocka_unit_test(invalid_regex),
        cmocka_unit_test(hangs_without_after),
        cmocka_unit_test(hangs_after_out_of_range),
        cmocka_unit_test(exits_with_code_zero),
        cmocka_unit_test(exits_with_bad_code),
        cmocka_unit_test(bad_python_range_points_at_the_problem),
        cmocka_unit_test(unreachable_entry),
        cmocka_unit_test(bad_matcher_maps),
        cmocka_unit_test(warns_not_a_list),
        cmocka_unit_test(bad_warning_entries),
        cmocka_unit_test(several_errors_are_all_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
