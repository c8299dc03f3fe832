/* match.h: every matcher passing and failing, warnings matched one to one,
 * outcome checks, and the exact mismatch lines people read in reports. */
#include "unit.h"

#include "match.h"

/* ---- building expectations by hand ---- */

static matcher make_matcher(matcher_kind kind, const char *text, const char *const *lines)
{
    matcher m;
    memset(&m, 0, sizeof m);
    m.kind = kind;
    m.text = text ? xstrdup(text) : NULL;
    for (size_t i = 0; lines && lines[i]; i++)
        sl_push(&m.lines, lines[i]);
    m.line = 12;
    m.col = 7;
    return m;
}

static void add(matcher_set *s, matcher m)
{
    s->items = xrealloc(s->items, (s->n + 1) * sizeof *s->items);
    s->items[s->n++] = m;
}

static void set_free(matcher_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->items[i].text);
        sl_free(&s->items[i].lines);
    }
    free(s->items);
    s->items = NULL;
    s->n = 0;
}

#define LINES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Runs one matcher on stdout text; returns the mismatch lines in mm. */
static bool check1(matcher m, const char *text, strlist *mm)
{
    matcher_set s = {0};
    add(&s, m);
    bool ok = match_output(&s, "stdout", text, mm);
    set_free(&s);
    return ok;
}

static void passes(matcher m, const char *text)
{
    strlist mm = {0};
    bool ok = check1(m, text, &mm);
    if (!ok || mm.n) {
        print_error("expected a match on [%s], got:\n", text);
        for (size_t i = 0; i < mm.n; i++)
            print_error("  %s\n", mm.items[i]);
    }
    sl_free(&mm);
    if (!ok)
        fail();
}

/* warn_spec with copies that warns_free can release */
static warn_spec W(const char *category, const char *message, const char *message_re, int line)
{
    warn_spec w;
    w.category = xstrdup(category);
    w.message = message ? xstrdup(message) : NULL;
    w.message_re = message_re ? xstrdup(message_re) : NULL;
    w.line = line;
    return w;
}

static void expect_warns(expectation *e, const warn_spec *ws, size_t n)
{
    e->has_warns = true;
    e->nwarns = n;
    e->warns = xcalloc(n, sizeof *ws);
    memcpy(e->warns, ws, n * sizeof *ws);
}

static void warns_free(expectation *e)
{
    for (size_t i = 0; i < e->nwarns; i++) {
        free(e->warns[i].category);
        free(e->warns[i].message);
        free(e->warns[i].message_re);
    }
    free(e->warns);
    e->warns = NULL;
    e->nwarns = 0;
}

static expectation expect_outcome(outcome_kind k)
{
    expectation e;
    memset(&e, 0, sizeof e);
    e.python = "*";
    e.outcome = k;
    return e;
}

static observed seen(outcome_kind k, const char *out, const char *err)
{
    observed o;
    memset(&o, 0, sizeof o);
    o.kind = k;
    o.out_text = (char *)out;
    o.err_text = (char *)err;
    return o;
}

/* ---- stdout / stderr matchers ---- */

static void exact_lines_pass_with_or_without_final_newline(void **state)
{
    (void)state;
    passes(make_matcher(MATCH_EXACT_LINES, NULL, LINES("a", "b")), "a\nb\n");
    passes(make_matcher(MATCH_EXACT_LINES, NULL, LINES("a", "b")), "a\nb");
    passes(make_matcher(MATCH_EXACT_LINES, NULL, LINES("a", "", "b")), "a\n\nb\n");
    passes(make_matcher(MATCH_EXACT_LINES, NULL, LINES(NULL)), "");
}

static void exact_lines_report_the_first_differing_line(void **state)
{
    (void)state;
    strlist mm = {0};
    assert_false(check1(make_matcher(MATCH_EXACT_LINES, NULL, LINES("a", "b", "c")),
                        "a\nx\ny\n", &mm));
    assert_lines(&mm, "stdout line 2: expected \"b\", got \"x\"");
    sl_free(&mm);
}

static void exact_lines_report_missing_and_extra_lines(void **state)
{
    (void)state;
    strlist mm = {0};
    assert_false(check1(make_matcher(MATCH_EXACT_LINES, NULL, LINES("a", "b")), "a\n", &mm));
    assert_lines(&mm, "stdout: 1 lines, expected 2 (first missing: \"b\")");
    sl_free(&mm);
    assert_false(check1(make_matcher(MATCH_EXACT_LINES, NULL, LINES("a", "b")), "a\nb\nc\nd\n",
                        &mm));
    assert_lines(&mm, "stdout: 4 lines, expected 2 (first extra: \"c\")");
    sl_free(&mm);
    /* a trailing empty line is a line */
    assert_false(check1(make_matcher(MATCH_EXACT_LINES, NULL, LINES("a")), "a\n\n", &mm));
    assert_lines(&mm, "stdout: 2 lines, expected 1 (first extra: \"\")");
    sl_free(&mm);
}

static void exact_text_compares_every_byte(void **state)
{
    (void)state;
    passes(make_matcher(MATCH_EXACT_TEXT, "a\nb\n", NULL), "a\nb\n");
    strlist mm = {0};
    assert_false(check1(make_matcher(MATCH_EXACT_TEXT, "a\nb\n", NULL), "a\nb", &mm));
    /* the message names the line of the matcher in the case file */
    assert_lines(&mm, "stdout: the text differs from exact (line 12)");
    sl_free(&mm);
}

static void unordered_is_a_multiset_of_lines(void **state)
{
    (void)state;
    passes(make_matcher(MATCH_UNORDERED, NULL, LINES("job 0", "job 1", "job 0")),
           "job 1\njob 0\njob 0\n");
    strlist mm = {0};
    assert_false(check1(make_matcher(MATCH_UNORDERED, NULL, LINES("a", "a")), "a\n", &mm));
    assert_lines(&mm, "stdout: missing line \"a\"");
    sl_free(&mm);
    assert_false(check1(make_matcher(MATCH_UNORDERED, NULL, LINES("a")), "a\na\nb\n", &mm));
    assert_lines(&mm, "stdout: unexpected line \"a\"", "stdout: unexpected line \"b\"");
    sl_free(&mm);
    assert_false(check1(make_matcher(MATCH_UNORDERED, NULL, LINES("x")), "y\n", &mm));
    assert_lines(&mm, "stdout: missing line \"x\"", "stdout: unexpected line \"y\"");
    sl_free(&mm);
}

static void contains_allows_other_lines(void **state)
{
    (void)state;
    passes(make_matcher(MATCH_CONTAINS, NULL, LINES("b", "d")), "a\nb\nc\nd\n");
    strlist mm = {0};
    assert_false(check1(make_matcher(MATCH_CONTAINS, NULL, LINES("b", "z")), "a\nb\n", &mm));
    assert_lines(&mm, "stdout: missing line \"z\"");
    sl_free(&mm);
    /* whole lines only, and each output line counts once */
    assert_false(check1(make_matcher(MATCH_CONTAINS, NULL, LINES("job", "a", "a")),
                        "job 1\na\n", &mm));
    assert_lines(&mm, "stdout: missing line \"job\"", "stdout: missing line \"a\"");
    sl_free(&mm);
}

static void absent_lines_must_not_occur(void **state)
{
    (void)state;
    passes(make_matcher(MATCH_ABSENT, NULL, LINES("never", "job")), "job 1\nx\n");
    strlist mm = {0};
    assert_false(check1(make_matcher(MATCH_ABSENT, NULL, LINES("x", "never", "y")),
                        "x\ny\n", &mm));
    assert_lines(&mm, "stdout: line \"x\" must not occur", "stdout: line \"y\" must not occur");
    sl_free(&mm);
}

static void regex_searches_anywhere_in_multiline_mode(void **state)
{
    (void)state;
    passes(make_matcher(MATCH_REGEX, "^job \\d$", NULL), "start\njob 3\nend\n");
    passes(make_matcher(MATCH_REGEX, "ob", NULL), "job 3\n");
    passes(make_matcher(MATCH_REGEX, "<Task pending name='Task-\\d+'", NULL),
           "<Task pending name='Task-2' coro=<f() running at /x.py:3>>\n");
    strlist mm = {0};
    assert_false(check1(make_matcher(MATCH_REGEX, "^job \\d$", NULL), "job 33\n", &mm));
    assert_lines(&mm, "stdout: no match for regex /^job \\d$/");
    sl_free(&mm);
}

static void order_compares_first_occurrences(void **state)
{
    (void)state;
    passes(make_matcher(MATCH_ORDER, NULL, LINES("Hello World!", "Foo!")),
           "Hello World!\nbar\nFoo!\n");
    passes(make_matcher(MATCH_ORDER, NULL, LINES("a", "b", "c", "d")), "c\na\nd\nb\n");
    strlist mm = {0};
    assert_false(check1(make_matcher(MATCH_ORDER, NULL, LINES("b", "a")), "a\nb\na\n", &mm));
    assert_lines(&mm, "stdout: \"b\" should come before \"a\"");
    sl_free(&mm);
    assert_false(check1(make_matcher(MATCH_ORDER, NULL, LINES("a", "z", "q", "a")), "a\n", &mm));
    assert_lines(&mm, "stdout: order needs both \"a\" and \"z\"",
                 "stdout: order needs both \"q\" and \"a\"");
    sl_free(&mm);
}

static void empty_means_no_byte_at_all(void **state)
{
    (void)state;
    passes(make_matcher(MATCH_EMPTY, NULL, NULL), "");
    strlist mm = {0};
    assert_false(check1(make_matcher(MATCH_EMPTY, NULL, NULL), "x\ny\n", &mm));
    assert_lines(&mm, "stdout: expected no output, got 2 lines");
    sl_free(&mm);
    /* a lone newline is output too */
    assert_false(check1(make_matcher(MATCH_EMPTY, NULL, NULL), "\n", &mm));
    assert_lines(&mm, "stdout: expected no output, got 1 lines");
    sl_free(&mm);
}

static void every_matcher_of_a_set_is_checked(void **state)
{
    (void)state;
    matcher_set s = {0};
    add(&s, make_matcher(MATCH_CONTAINS, NULL, LINES("a")));
    add(&s, make_matcher(MATCH_ABSENT, NULL, LINES("b")));
    add(&s, make_matcher(MATCH_REGEX, "^c", NULL));
    strlist mm = {0};
    assert_false(match_output(&s, "stderr", "b\n", &mm));
    assert_lines(&mm, "stderr: missing line \"a\"", "stderr: line \"b\" must not occur",
                 "stderr: no match for regex /^c/");
    sl_free(&mm);
    assert_true(match_output(&s, "stderr", "a\nc\n", &mm));
    assert_int_equal(mm.n, 0);
    set_free(&s);
    /* no matchers: anything goes */
    assert_true(match_output(&s, "stdout", "whatever\n", &mm));
}

static void long_lines_are_cut_in_messages(void **state)
{
    (void)state;
    char want[201];
    memset(want, 'w', 200);
    want[200] = '\0';
    strlist mm = {0};
    assert_false(check1(make_matcher(MATCH_CONTAINS, NULL, LINES(want)), "", &mm));
    char *expected = xasprintf("stdout: missing line \"%.117s...\"", want);
    assert_lines(&mm, expected);
    free(expected);
    sl_free(&mm);
}

/* ---- warnings ---- */

static const char NEVER_AWAITED[] =
    "/tmp/cases/x.py:5: RuntimeWarning: coroutine 'a' was never awaited\n"
    "  a()\n"
    "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n"
    "sys:1: RuntimeWarning: coroutine 'b' was never awaited\n";

static void warns_unchecked_when_not_declared(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    strlist mm = {0};
    assert_true(match_warnings(&e, NEVER_AWAITED, "cases/x.py", &mm));
    assert_int_equal(mm.n, 0);
}

static void empty_warns_means_no_warning_line(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    e.has_warns = true;
    strlist mm = {0};
    assert_true(match_warnings(&e, "plain stderr text\n", "x.py", &mm));
    assert_false(match_warnings(&e, NEVER_AWAITED, "x.py", &mm));
    assert_lines(&mm,
                 "warns: unexpected warning at line 5: RuntimeWarning: coroutine 'a' was never "
                 "awaited",
                 "warns: unexpected warning at line 1: RuntimeWarning: coroutine 'b' was never "
                 "awaited");
    sl_free(&mm);
}

static void warnings_match_in_any_order(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    warn_spec ws[] = {W("RuntimeWarning", "coroutine 'b' was never awaited", NULL, 0),
                      W("RuntimeWarning", "coroutine 'a' was never awaited", NULL, 0)};
    expect_warns(&e, ws, 2);
    strlist mm = {0};
    assert_true(match_warnings(&e, NEVER_AWAITED, "x.py", &mm));
    assert_int_equal(mm.n, 0);
    warns_free(&e);
}

static void warnings_match_one_to_one(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    warn_spec two[] = {W("RuntimeWarning", "coroutine 'a' was never awaited", NULL, 0),
                       W("RuntimeWarning", "coroutine 'a' was never awaited", NULL, 0)};
    expect_warns(&e, two, 2);
    strlist mm = {0};
    /* one printed warning cannot satisfy two declared ones */
    assert_false(match_warnings(&e, "x.py:5: RuntimeWarning: coroutine 'a' was never awaited\n",
                                "x.py", &mm));
    assert_lines(&mm, "warns: missing RuntimeWarning: coroutine 'a' was never awaited");
    sl_free(&mm);
    warns_free(&e);

    warn_spec one[] = {W("RuntimeWarning", "coroutine 'a' was never awaited", NULL, 0)};
    expect_warns(&e, one, 1);
    assert_false(match_warnings(&e,
                                "x.py:5: RuntimeWarning: coroutine 'a' was never awaited\n"
                                "x.py:9: RuntimeWarning: coroutine 'a' was never awaited\n",
                                "x.py", &mm));
    assert_lines(&mm, "warns: unexpected warning at line 9: RuntimeWarning: coroutine 'a' was "
                      "never awaited");
    sl_free(&mm);
    warns_free(&e);
}

static void broad_regex_does_not_steal_a_specific_warning(void **state)
{
    (void)state;
    /* a greedy first-fit would give 'a' to the regex and leave the exact one unmatched */
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    warn_spec ws[] = {W("RuntimeWarning", NULL, "coroutine '.' was never awaited", 0),
                      W("RuntimeWarning", "coroutine 'a' was never awaited", NULL, 0)};
    expect_warns(&e, ws, 2);
    strlist mm = {0};
    assert_true(match_warnings(&e, NEVER_AWAITED, "x.py", &mm));
    assert_int_equal(mm.n, 0);
    warns_free(&e);
}

static void warning_message_re_must_match_the_whole_message(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    warn_spec ws[] = {W("RuntimeWarning", NULL, "never awaited", 0)};
    expect_warns(&e, ws, 1);
    strlist mm = {0};
    assert_false(match_warnings(&e, "x.py:5: RuntimeWarning: coroutine 'a' was never awaited\n",
                                "x.py", &mm));
    assert_lines(&mm, "warns: missing RuntimeWarning: never awaited",
                 "warns: unexpected warning at line 5: RuntimeWarning: coroutine 'a' was never "
                 "awaited");
    sl_free(&mm);
    warns_free(&e);
}

static void warning_category_must_be_equal(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    warn_spec ws[] = {W("DeprecationWarning", "m", NULL, 0)};
    expect_warns(&e, ws, 1);
    strlist mm = {0};
    assert_false(match_warnings(&e, "x.py:3: UserWarning: m\n", "x.py", &mm));
    assert_lines(&mm, "warns: missing DeprecationWarning: m",
                 "warns: unexpected warning at line 3: UserWarning: m");
    sl_free(&mm);
    warns_free(&e);
}

static void warning_line_checks_number_and_case_file(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    warn_spec ws[] = {W("RuntimeWarning", "coroutine 'a' was never awaited", NULL, 5)};
    expect_warns(&e, ws, 1);
    strlist mm = {0};
    /* the target may run the case from another directory: the file name decides */
    assert_true(match_warnings(&e, "/tmp/run/x.py:5: RuntimeWarning: coroutine 'a' was never "
                                   "awaited\n",
                               "cases/lang/x.py", &mm));
    assert_int_equal(mm.n, 0);
    assert_false(match_warnings(&e, "/tmp/run/x.py:6: RuntimeWarning: coroutine 'a' was never "
                                    "awaited\n",
                                "cases/lang/x.py", &mm));
    assert_lines(&mm,
                 "warns: missing RuntimeWarning: coroutine 'a' was never awaited (at the "
                 "declared line)",
                 "warns: unexpected warning at line 6: RuntimeWarning: coroutine 'a' was never "
                 "awaited");
    sl_free(&mm);
    /* same number, other file: a library's line 5 is not the case's */
    assert_false(match_warnings(&e, "/usr/lib/python3.11/asyncio/base_events.py:5: "
                                    "RuntimeWarning: coroutine 'a' was never awaited\n",
                                "cases/lang/x.py", &mm));
    assert_int_equal(mm.n, 2);
    sl_free(&mm);
    /* without a case path only the number is compared */
    assert_true(match_warnings(&e, "elsewhere.py:5: RuntimeWarning: coroutine 'a' was never "
                                   "awaited\n",
                               NULL, &mm));
    warns_free(&e);
}

static void shutdown_warning_at_sys_1_has_no_case_line(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    warn_spec ws[] = {W("RuntimeWarning", "coroutine 'b' was never awaited", NULL, 1)};
    expect_warns(&e, ws, 1);
    strlist mm = {0};
    assert_false(match_warnings(&e, "sys:1: RuntimeWarning: coroutine 'b' was never awaited\n",
                                "cases/x.py", &mm));
    assert_int_equal(mm.n, 2);
    sl_free(&mm);
    warns_free(&e);
    /* without line: the sys:1 form matches on category and message */
    warn_spec any[] = {W("RuntimeWarning", "coroutine 'b' was never awaited", NULL, 0)};
    expect_warns(&e, any, 1);
    assert_true(match_warnings(&e, "sys:1: RuntimeWarning: coroutine 'b' was never awaited\n",
                               "cases/x.py", &mm));
    assert_true(match_warnings(&e, "<sys>:0: RuntimeWarning: coroutine 'b' was never awaited\n",
                               "cases/x.py", &mm));
    assert_int_equal(mm.n, 0);
    warns_free(&e);
}

/* ---- outcomes ---- */

static void outcome_kind_mismatch(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_RAISES);
    e.exc_type = "TypeError";
    e.exc_message = "An asyncio.Future, a coroutine or an awaitable is required";
    observed o = seen(OUTCOME_HANGS, "", "");
    o.duration = 1.0;
    strlist mm = {0};
    assert_false(match_expectation(&e, &o, "x.py", &mm));
    assert_lines(&mm, "outcome: expected raises TypeError: An asyncio.Future, a coroutine or an "
                      "awaitable is required, got hangs (killed after 1.0 s)");
    sl_free(&mm);
}

static void outcome_mismatch_still_checks_output(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    add(&e.out, make_matcher(MATCH_EXACT_LINES, NULL, LINES("a")));
    observed o = seen(OUTCOME_EXITS, "b\n", "");
    o.exit_code = 2;
    strlist mm = {0};
    assert_false(match_expectation(&e, &o, "x.py", &mm));
    assert_lines(&mm, "outcome: expected completes, got exits with status 2 (no traceback)",
                 "stdout line 1: expected \"a\", got \"b\"");
    sl_free(&mm);
    set_free(&e.out);
}

static void matching_outcome_and_output_pass(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_HANGS);
    e.hang_after = 1.0;
    add(&e.out, make_matcher(MATCH_UNORDERED, NULL, LINES("job 0 started", "job 1 started")));
    add(&e.err, make_matcher(MATCH_EMPTY, NULL, NULL));
    e.has_warns = true;
    observed o = seen(OUTCOME_HANGS, "job 1 started\njob 0 started\n", "");
    strlist mm = {0};
    assert_true(match_expectation(&e, &o, "x.py", &mm));
    assert_int_equal(mm.n, 0);
    set_free(&e.out);
    set_free(&e.err);
}

static void exception_type_mismatch(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_RAISES);
    e.exc_type = "TypeError";
    observed o = seen(OUTCOME_RAISES, "", "");
    o.exc_type = "ValueError";
    o.exc_message = "anything";
    strlist mm = {0};
    assert_false(match_expectation(&e, &o, "x.py", &mm));
    assert_lines(&mm, "exception type: expected TypeError, got ValueError");
    sl_free(&mm);
}

static void exception_types_compare_after_normalising(void **state)
{
    (void)state;
    static const char *const same[][2] = {
        {"asyncio.TimeoutError", "asyncio.exceptions.TimeoutError"},
        {"asyncio.CancelledError", "asyncio.exceptions.CancelledError"},
        {"asyncio.exceptions.CancelledError", "asyncio.CancelledError"},
        {"concurrent.futures.CancelledError", "concurrent.futures._base.CancelledError"},
        {"asyncio.InvalidStateError", "_asyncio.InvalidStateError"},
        {"MyError", "__main__.MyError"},
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        expectation e = expect_outcome(OUTCOME_RAISES);
        e.exc_type = (char *)same[i][0];
        observed o = seen(OUTCOME_RAISES, "", "");
        o.exc_type = (char *)same[i][1];
        o.exc_message = "";
        strlist mm = {0};
        if (!match_expectation(&e, &o, "x.py", &mm)) {
            print_error("%s should match printed %s\n", same[i][0], same[i][1]);
            fail();
        }
    }
    /* a bare name is only the builtin: on 3.8-3.10 asyncio's own class is printed */
    expectation e = expect_outcome(OUTCOME_RAISES);
    e.exc_type = "TimeoutError";
    observed o = seen(OUTCOME_RAISES, "", "");
    o.exc_type = "asyncio.exceptions.TimeoutError";
    o.exc_message = "";
    strlist mm = {0};
    assert_false(match_expectation(&e, &o, "x.py", &mm));
    assert_lines(&mm, "exception type: expected TimeoutError, got asyncio.exceptions.TimeoutError");
    sl_free(&mm);
}

static void exception_message_mismatch(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_RAISES);
    e.exc_type = "RuntimeError";
    e.exc_message = "Event loop is closed";
    observed o = seen(OUTCOME_RAISES, "", "");
    o.exc_type = "RuntimeError";
    o.exc_message = "Event loop is running";
    strlist mm = {0};
    assert_false(match_expectation(&e, &o, "x.py", &mm));
    assert_lines(&mm, "exception message: expected \"Event loop is closed\", got \"Event loop is "
                      "running\"");
    sl_free(&mm);
    /* "" expects a message-less exception line */
    e.exc_message = "";
    assert_false(match_expectation(&e, &o, "x.py", &mm));
    sl_free(&mm);
    o.exc_message = "";
    assert_true(match_expectation(&e, &o, "x.py", &mm));
}

static void exception_message_re_must_match_the_whole_message(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_RAISES);
    e.exc_type = "AttributeError";
    e.exc_message_re = "'Task' object has no attribute '_condition'";
    observed o = seen(OUTCOME_RAISES, "", "");
    o.exc_type = "AttributeError";
    o.exc_message = "'Task' object has no attribute '_condition'";
    strlist mm = {0};
    assert_true(match_expectation(&e, &o, "x.py", &mm));
    e.exc_message_re = "no attribute";
    assert_false(match_expectation(&e, &o, "x.py", &mm));
    assert_lines(&mm, "exception message: /no attribute/ does not match \"'Task' object has no "
                      "attribute '_condition'\"");
    sl_free(&mm);
    e.exc_message_re = ".*no attribute.*";
    assert_true(match_expectation(&e, &o, "x.py", &mm));
    assert_int_equal(mm.n, 0);
}

static void exit_status_mismatch(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_EXITS);
    e.exit_code = 3;
    observed o = seen(OUTCOME_EXITS, "", "");
    o.exit_code = 4;
    strlist mm = {0};
    assert_false(match_expectation(&e, &o, "x.py", &mm));
    assert_lines(&mm, "exit status: expected 3, got 4");
    sl_free(&mm);
    o.exit_code = 3;
    assert_true(match_expectation(&e, &o, "x.py", &mm));
}

static void error_outcome_never_matches_and_skips_output_checks(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    add(&e.out, make_matcher(MATCH_EXACT_LINES, NULL, LINES("a")));
    observed o = seen(OUTCOME_ERROR, "", "");
    o.error = "cannot run python3.99";
    strlist mm = {0};
    assert_false(match_expectation(&e, &o, "x.py", &mm));
    assert_lines(&mm, "outcome: expected completes, got error: cannot run python3.99");
    sl_free(&mm);
    set_free(&e.out);
}

static void warnings_are_checked_by_match_expectation(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    warn_spec ws[] = {W("RuntimeWarning", "coroutine 'a' was never awaited", NULL, 5)};
    expect_warns(&e, ws, 1);
    observed o = seen(OUTCOME_COMPLETES, "", NEVER_AWAITED);
    strlist mm = {0};
    assert_false(match_expectation(&e, &o, "cases/x.py", &mm));
    /* 'a' at x.py:5 is declared; 'b' at shutdown is not */
    assert_lines(&mm, "warns: unexpected warning at line 1: RuntimeWarning: coroutine 'b' was "
                      "never awaited");
    sl_free(&mm);
    warns_free(&e);
}

/* ---- descriptions ---- */

static void describe_observed_each_outcome(void **state)
{
    (void)state;
    struct {
        observed o;
        const char *want;
    } cases[] = {
        {seen(OUTCOME_COMPLETES, "", ""), "completes (exit 0)"},
        {seen(OUTCOME_RAISES, "", ""), "raises ValueError: boom"},
        {seen(OUTCOME_RAISES, "", ""), "raises asyncio.exceptions.CancelledError"},
        {seen(OUTCOME_HANGS, "", ""), "hangs (killed after 1.5 s)"},
        {seen(OUTCOME_EXITS, "", ""), "exits with status 3 (no traceback)"},
        {seen(OUTCOME_SIGNAL, "", ""), "killed by signal 11"},
        {seen(OUTCOME_ERROR, "", ""), "error: spawn failed"},
        {seen(OUTCOME_ERROR, "", ""), "error: cannot run"},
    };
    cases[1].o.exc_type = "ValueError";
    cases[1].o.exc_message = "boom";
    cases[2].o.exc_type = "asyncio.exceptions.CancelledError";
    cases[2].o.exc_message = "";
    cases[3].o.duration = 1.5;
    cases[4].o.exit_code = 3;
    cases[5].o.signal = 11;
    cases[6].o.error = "spawn failed";
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = describe_observed(&cases[i].o);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
}

static void describe_expected_each_outcome(void **state)
{
    (void)state;
    expectation e = expect_outcome(OUTCOME_COMPLETES);
    char *s = describe_expected(&e);
    assert_string_equal(s, "completes");
    free(s);
    e = expect_outcome(OUTCOME_RAISES);
    e.exc_type = "TypeError";
    s = describe_expected(&e);
    assert_string_equal(s, "raises TypeError");
    free(s);
    e.exc_message = "boom";
    s = describe_expected(&e);
    assert_string_equal(s, "raises TypeError: boom");
    free(s);
    e.exc_message = NULL;
    e.exc_message_re = "bo+m";
    s = describe_expected(&e);
    assert_string_equal(s, "raises TypeError: /bo+m/");
    free(s);
    e = expect_outcome(OUTCOME_HANGS);
    e.hang_after = 1.5;
    s = describe_expected(&e);
    assert_string_equal(s, "hangs (still running after 1.5 s)");
    free(s);
    e = expect_outcome(OUTCOME_EXITS);
    e.exit_code = 3;
    s = describe_expected(&e);
    assert_string_equal(s, "exits with status 3");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_lines_pass_with_or_without_final_newline),
        cmocka_unit_test(exact_lines_report_the_first_differing_line),
        cmocka_unit_test(exact_lines_report_missing_and_extra_lines),
        cmocka_unit_test(exact_text_compares_every_byte),
        cmocka_unit_test(unordered_is_a_multiset_of_lines),
        cmocka_unit_test(contains_allows_other_lines),
        cmocka_unit_test(absent_lines_must_not_occur),
        cmocka_unit_test(regex_searches_anywhere_in_multiline_mode),
        cmocka_unit_test(order_compares_first_occurrences),
        cmocka_unit_test(empty_means_no_byte_at_all),
        cmocka_unit_test(every_matcher_of_a_set_is_checked),
        cmocka_unit_test(long_lines_are_cut_in_messages),
        cmocka_unit_test(warns_unchecked_when_not_declared),
        cmocka_unit_test(empty_warns_means_no_warning_line),
        cmocka_unit_test(warnings_match_in_any_order),
        cmocka_unit_test(warnings_match_one_to_one),
        cmocka_unit_test(broad_regex_does_not_steal_a_specific_warning),
        cmocka_unit_test(warning_message_re_must_match_the_whole_message),
        cmocka_unit_test(warning_category_must_be_equal),
        cmocka_unit_test(warning_line_checks_number_and_case_file),
        cmocka_unit_test(shutdown_warning_at_sys_1_has_no_case_line),
        cmocka_unit_test(outcome_kind_mismatch),
        cmocka_unit_test(outcome_mismatch_still_checks_output),
        cmocka_unit_test(matching_outcome_and_output_pass),
        cmocka_unit_test(exception_type_mismatch),
        cmocka_unit_test(exception_types_compare_after_normalising),
        cmocka_unit_test(exception_message_mismatch),
        cmocka_unit_test(exception_message_re_must_match_the_whole_message),
        cmocka_unit_test(exit_status_mismatch),
        cmocka_unit_test(error_outcome_never_matches_and_skips_output_checks),
        cmocka_unit_test(warnings_are_checked_by_match_expectation),
        cmocka_unit_test(describe_observed_each_outcome),
        cmocka_unit_test(describe_expected_each_outcome),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
