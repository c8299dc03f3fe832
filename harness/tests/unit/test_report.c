/* report.h: TAP (checked with prove itself), JUnit (checked with xmllint) and
 * JSON (parsed back with jansson), from jobs judged by the real classifier
 * and matchers. */
#include "unit.h"

#include <jansson.h>
#include <unistd.h>

#include "header.h"
#include "report.h"

#ifndef FSPEC_PROVE
#define FSPEC_PROVE ""
#endif
#ifndef FSPEC_XMLLINT
#define FSPEC_XMLLINT ""
#endif

/* ---- fixture: seven jobs on two targets, one of each verdict kind ---- */

enum { J_PASS, J_FAIL, J_SKIP, J_KNOWN_FAIL, J_KNOWN_PASS, J_BAD_HEADER, J_NOT_RUN, NJOBS };

typedef struct {
    target *cpython, *pypy;
    target *targets[2];
    case_t *cases[NJOBS];
    known_entry known[2];
    job *jobs[NJOBS];
} fixture;

static const char KNOWN_REASON[] = "PyPy: pure-Python Future says 'Result is not ready.'";

/* a stdout that needs every kind of escaping a report does */
static const char NASTY_OUT[] = "say \"hi\" \\ back\n\ttab\x01" "ctl # hash <&> caf\xC3\xA9 "
                                "\xEF\xBF\xBF\n";

static target *make_target(const char *name, int minor)
{
    target *t = xcalloc(1, sizeof *t);
    t->name = xstrdup(name);
    t->file = xasprintf("harness/targets/%s.yaml", name);
    t->executable = xasprintf("/usr/bin/%s", name);
    t->version = (pyversion){3, minor};
    t->installed = true;
    return t;
}

static case_t *make_case(const char *id, const char *expect_yaml)
{
    char *text = xasprintf("# ---\n# title: Title of %s\n# clauses: [aio.test.1, aio.test.2]\n"
                           "# source: \"asyncio-guide: Tasks\"\n# expect:\n%s# ---\n",
                           id, expect_yaml);
    char *path = xasprintf("cases/%s.py", id);
    case_t *c = xcalloc(1, sizeof *c);
    diagnostics d = {0};
    bool ok = header_parse(path, id, text, strlen(text), c, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    free(text);
    free(path);
    assert_true(ok);
    return c;
}

static job *make_job(case_t *c, const char *id, target *t)
{
    job *j = xcalloc(1, sizeof *j);
    j->c = c;
    j->id = xstrdup(id);
    j->path = xasprintf("cases/%s.py", id);
    j->t = t;
    if (c)
        j->e = case_expectation_for(c, t->version);
    return j;
}

static void ran(job *j, int status, const char *out, const char *err)
{
    j->ran = true;
    j->r.exit_status = status;
    j->r.out = xstrdup(out);
    j->r.out_len = strlen(out);
    j->r.err = xstrdup(err);
    j->r.err_len = strlen(err);
    j->r.duration = 0.25;
}

static int setup_jobs(void **state)
{
    fixture *fx = xcalloc(1, sizeof *fx);
    fx->cpython = make_target("cpython-3.12", 12);
    fx->pypy = make_target("pypy3", 9);
    fx->targets[0] = fx->cpython;
    fx->targets[1] = fx->pypy;
    fx->known[0] = (known_entry){"interop/known-fail", (char *)KNOWN_REASON, 3};
    fx->known[1] = (known_entry){"interop/known-pass", (char *)KNOWN_REASON, 5};

    fx->cases[J_PASS] = make_case("asyncio/pass", "#   - completes: true\n"
                                                  "#     stdout: {exact: [hello]}\n");
    job *j = fx->jobs[J_PASS] = make_job(fx->cases[J_PASS], "asyncio/pass", fx->cpython);
    ran(j, 0, "hello\n", "");

    fx->cases[J_FAIL] = make_case("interop/fail#1",
                                  "#   - raises: {type: TypeError, message: boom}\n");
    j = fx->jobs[J_FAIL] = make_job(fx->cases[J_FAIL], "interop/fail#1", fx->cpython);
    ran(j, 1, NASTY_OUT,
        "Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\n"
        "ValueError: bad \"quoted\"\n");

    fx->cases[J_SKIP] = make_case("asyncio/skip", "#   - python: \"<3.11\"\n"
                                                  "#     completes: true\n");
    j = fx->jobs[J_SKIP] = make_job(fx->cases[J_SKIP], "asyncio/skip", fx->cpython);
    j->skip_reason = xstrdup("no expectation for python 3.12\n(ranges: <3.11) # sic");

    fx->cases[J_KNOWN_FAIL] = make_case("interop/known-fail",
                                        "#   - raises: {type: asyncio.InvalidStateError, "
                                        "message: Result is not set.}\n");
    j = fx->jobs[J_KNOWN_FAIL] = make_job(fx->cases[J_KNOWN_FAIL], "interop/known-fail",
                                          fx->pypy);
    j->known = &fx->known[0];
    ran(j, 1, "", "Traceback (most recent call last):\n"
                  "asyncio.base_futures.InvalidStateError: Result is not ready.\n");

    fx->cases[J_KNOWN_PASS] = make_case("interop/known-pass", "#   - completes: true\n");
    j = fx->jobs[J_KNOWN_PASS] = make_job(fx->cases[J_KNOWN_PASS], "interop/known-pass",
                                          fx->pypy);
    j->known = &fx->known[1];
    ran(j, 0, "", "");

    j = fx->jobs[J_BAD_HEADER] = make_job(NULL, "asyncio/bad-header", fx->cpython);
    j->header_errors = xstrdup("cases/asyncio/bad-header.py:2:3: missing title\n");

    fx->cases[J_NOT_RUN] = make_case("asyncio/not-run", "#   - completes: true\n");
    fx->jobs[J_NOT_RUN] = make_job(fx->cases[J_NOT_RUN], "asyncio/not-run", fx->pypy);

    for (int i = 0; i < NJOBS; i++)
        job_judge(fx->jobs[i]);
    *state = fx;
    return 0;
}

static int teardown_jobs(void **state)
{
    fixture *fx = *state;
    for (int i = 0; i < NJOBS; i++) {
        job_free(fx->jobs[i]);
        free(fx->jobs[i]);
        if (fx->cases[i]) {
            case_free(fx->cases[i]);
            free(fx->cases[i]);
        }
    }
    target_free(fx->cpython);
    target_free(fx->pypy);
    free(fx->cpython);
    free(fx->pypy);
    free(fx);
    return 0;
}

/* Runs write(f, fx) into memory and returns the text. */
static char *capture(void (*write)(FILE *, const fixture *), const fixture *fx)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    write(f, fx);
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* One test point, as tap_point writes it for job `which`. */
static char *point(const fixture *fx, int which)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    tap_point(f, (size_t)which + 1, fx->jobs[which], "");
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* ---- TAP lines ---- */

static void fixture_verdicts_are_as_intended(void **state)
{
    const fixture *fx = *state;
    assert_int_equal(fx->jobs[J_PASS]->v, VERDICT_PASS);
    assert_int_equal(fx->jobs[J_FAIL]->v, VERDICT_FAIL);
    assert_int_equal(fx->jobs[J_SKIP]->v, VERDICT_SKIP);
    assert_int_equal(fx->jobs[J_KNOWN_FAIL]->v, VERDICT_KNOWN_FAIL);
    assert_int_equal(fx->jobs[J_KNOWN_PASS]->v, VERDICT_KNOWN_PASS);
    assert_int_equal(fx->jobs[J_BAD_HEADER]->v, VERDICT_FAIL);
    assert_int_equal(fx->jobs[J_NOT_RUN]->v, VERDICT_NOT_RUN);
}

static void tap_plan_declares_version_13(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tap_plan(f, 7);
    fclose(f);
    assert_string_equal(buf, "TAP version 13\n1..7\n");
    free(buf);
}

static void tap_pass_is_one_line(void **state)
{
    char *s = point(*state, J_PASS);
    assert_string_equal(s, "ok 1 - asyncio/pass [cpython-3.12]\n");
    free(s);
}

static void tap_fail_has_yaml_diagnostics(void **state)
{
    char *s = point(*state, J_FAIL);
    /* '#' in the name is escaped so prove does not read a directive */
    assert_string_equal(
        s, "not ok 2 - interop/fail\\#1 [cpython-3.12]\n"
           "  ---\n"
           "  message: \"exception type: expected TypeError, got ValueError\"\n"
           "  mismatches:\n"
           "    - \"exception type: expected TypeError, got ValueError\"\n"
           "    - \"exception message: expected \\\"boom\\\", got \\\"bad \\\"quoted\\\"\\\"\"\n"
           "  expected: \"raises TypeError: boom\"\n"
           "  python: \"*\"\n"
           "  got: \"raises ValueError: bad \\\"quoted\\\"\"\n"
           "  duration_ms: 250\n"
           "  stdout: \"say \\\"hi\\\" \\\\ back\\n\\ttab\\x01ctl # hash <&> caf\xC3\xA9 "
           "\xEF\xBF\xBF\\n\"\n"
           "  stderr: \"Traceback (most recent call last):\\n  File \\\"x.py\\\", line 1, in "
           "<module>\\nValueError: bad \\\"quoted\\\"\\n\"\n"
           "  target: \"cpython-3.12\"\n"
           "  file: \"cases/interop/fail#1.py\"\n"
           "  ...\n");
    free(s);
}

static void tap_skip_carries_the_reason(void **state)
{
    char *s = point(*state, J_SKIP);
    /* the reason stays on one line and its '#' is escaped */
    assert_string_equal(s, "ok 3 - asyncio/skip [cpython-3.12] # SKIP no expectation for "
                           "python 3.12 (ranges: <3.11) \\# sic\n");
    free(s);
}

static void tap_known_fail_is_todo_with_diagnostics(void **state)
{
    char *s = point(*state, J_KNOWN_FAIL);
    assert_true(str_starts_with(s, "not ok 4 - interop/known-fail [pypy3] # TODO known: PyPy: "
                                   "pure-Python Future says 'Result is not ready.'\n  ---\n"));
    assert_contains(s, "\n  message: \"exception message: expected \\\"Result is not set.\\\", "
                       "got \\\"Result is not ready.\\\"\"\n");
    assert_contains(s, "\n  got: \"raises asyncio.base_futures.InvalidStateError: Result is "
                       "not ready.\"\n");
    assert_true(str_ends_with(s, "  target: \"pypy3\"\n  file: \"cases/interop/known-fail.py\"\n"
                                 "  ...\n"));
    free(s);
}

static void tap_known_pass_asks_to_remove_the_entry(void **state)
{
    char *s = point(*state, J_KNOWN_PASS);
    assert_string_equal(s, "ok 5 - interop/known-pass [pypy3] # TODO known entry passes now, "
                           "remove it: PyPy: pure-Python Future says 'Result is not ready.'\n");
    free(s);
}

static void tap_invalid_header_shows_the_errors(void **state)
{
    char *s = point(*state, J_BAD_HEADER);
    assert_string_equal(s, "not ok 6 - asyncio/bad-header [cpython-3.12]\n"
                           "  ---\n"
                           "  message: \"the case header is invalid\"\n"
                           "  errors: \"cases/asyncio/bad-header.py:2:3: missing title\\n\"\n"
                           "  ...\n");
    free(s);
}

static void tap_not_run_is_a_failure(void **state)
{
    char *s = point(*state, J_NOT_RUN);
    assert_true(str_starts_with(s, "not ok 7 - asyncio/not-run [pypy3] # interrupted before it "
                                   "finished\n  ---\n"));
    assert_contains(s, "  expected: \"completes\"\n");
    assert_not_contains(s, "got:");
    free(s);
}

static void tap_point_indents_for_subtests(void **state)
{
    const fixture *fx = *state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tap_point(f, 1, fx->jobs[J_BAD_HEADER], "    ");
    fclose(f);
    assert_string_equal(buf, "    not ok 1 - asyncio/bad-header [cpython-3.12]\n"
                             "      ---\n"
                             "      message: \"the case header is invalid\"\n"
                             "      errors: \"cases/asyncio/bad-header.py:2:3: missing title\\n\"\n"
                             "      ...\n");
    free(buf);
}

static void write_subtests(FILE *f, const fixture *fx)
{
    tap_write_subtests(f, (job *const *)fx->jobs, NJOBS, fx->targets, 2);
}

static void tap_subtests_group_points_by_target(void **state)
{
    char *s = capture(write_subtests, *state);
    assert_true(str_starts_with(s, "TAP version 14\n1..2\n# Subtest: cpython-3.12\n    1..4\n"
                                   "    ok 1 - asyncio/pass [cpython-3.12]\n"));
    assert_contains(s, "\nnot ok 1 - cpython-3.12\n# Subtest: pypy3\n    1..3\n");
    /* pypy3 has a not-run job, so its subtest fails too */
    assert_true(str_ends_with(s, "\nnot ok 2 - pypy3\n"));
    free(s);
}

static void tap_quote_escapes_for_yaml_and_prove(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"plain", "\"plain\""},
        {"", "\"\""},
        {"say \"hi\"", "\"say \\\"hi\\\"\""},
        {"back\\slash", "\"back\\\\slash\""},
        {"a\nb\tc\rd", "\"a\\nb\\tc\\rd\""},
        {"\x01\x1b\x7f", "\"\\x01\\x1b\\x7f\""},
        {"# not a comment: --- ...", "\"# not a comment: --- ...\""},
        {"caf\xC3\xA9", "\"caf\xC3\xA9\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *q = tap_quote(cases[i][0]);
        assert_string_equal(q, cases[i][1]);
        free(q);
    }
}

/* ---- prove ---- */

static void write_all(FILE *f, const fixture *fx)
{
    tap_plan(f, NJOBS);
    for (size_t i = 0; i < NJOBS; i++)
        tap_point(f, i + 1, fx->jobs[i], "");
}

static void write_passing(FILE *f, const fixture *fx)
{
    /* pass, skip, known-fail (a TODO with a YAML block) and known-pass */
    const int which[] = {J_PASS, J_SKIP, J_KNOWN_FAIL, J_KNOWN_PASS};
    tap_plan(f, 4);
    for (size_t i = 0; i < 4; i++)
        tap_point(f, i + 1, fx->jobs[which[i]], "");
}

/* Runs prove on a TAP stream; returns its exit status and its output. */
static int prove(const char *tap, char **output)
{
    if (!FSPEC_PROVE[0])
        fail_msg("prove was not found at configure time (it comes with perl)");
    char *path = temp_file_with(tap);
    char *outpath = xasprintf("%s.out", path);
    char *cmd = xasprintf("'%s' --norc --exec cat '%s' >'%s' 2>&1", FSPEC_PROVE, path, outpath);
    int rc = run_status(cmd);
    *output = read_file(outpath, NULL);
    unlink(path);
    unlink(outpath);
    free(cmd);
    free(outpath);
    free(path);
    return rc;
}

static void prove_accepts_passing_stream_with_todo_diagnostics(void **state)
{
    char *tap = capture(write_passing, *state);
    char *out;
    int rc = prove(tap, &out);
    if (rc != 0)
        print_error("prove exited %d on:\n%s\n--- prove said:\n%s\n", rc, tap, out);
    assert_int_equal(rc, 0);
    /* a TODO's YAML that prove cannot read is a parse error, which fails the run */
    assert_not_contains(out, "Parse errors");
    assert_contains(out, "All tests successful.");
    free(out);
    free(tap);
}

static void prove_counts_the_failures_of_a_full_stream(void **state)
{
    char *tap = capture(write_all, *state);
    char *out;
    int rc = prove(tap, &out);
    assert_int_equal(rc, 1);
    assert_not_contains(out, "Parse errors");
    /* fail, invalid header and not-run; the known failure is a TODO */
    assert_contains(out, "Failed 3/7 subtests");
    assert_contains(out, "Failed tests:  2, 6-7");
    free(out);
    free(tap);
}

/* ---- JUnit ---- */

static void write_junit(FILE *f, const fixture *fx)
{
    junit_write(f, (job *const *)fx->jobs, NJOBS, fx->targets, 2);
}

static void junit_is_well_formed_xml(void **state)
{
    if (!FSPEC_XMLLINT[0])
        fail_msg("xmllint was not found at configure time (apt-get install libxml2-utils)");
    char *xml = capture(write_junit, *state);
    char *path = temp_file_with(xml);
    char *cmd = xasprintf("'%s' --noout '%s'", FSPEC_XMLLINT, path);
    int rc = run_status(cmd);
    if (rc != 0)
        print_error("xmllint rejected:\n%s\n", xml);
    assert_int_equal(rc, 0);
    unlink(path);
    free(cmd);
    free(path);
    free(xml);
}

static void junit_has_suites_cases_failures_and_skips(void **state)
{
    char *xml = capture(write_junit, *state);
    assert_true(str_starts_with(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    /* failures are real failures; skip, known-fail and not-run are skipped */
    assert_contains(xml, "<testsuites name=\"FutureSpec\" tests=\"7\" failures=\"2\" "
                         "errors=\"0\" skipped=\"3\" time=\"1.000\">");
    assert_contains(xml, "<testsuite name=\"cpython-3.12\" tests=\"4\" failures=\"2\" "
                         "errors=\"0\" skipped=\"1\" time=\"0.500\">");
    assert_contains(xml, "<testsuite name=\"pypy3\" tests=\"3\" failures=\"0\" errors=\"0\" "
                         "skipped=\"2\" time=\"0.500\">");
    assert_contains(xml, "<property name=\"python\" value=\"3.9\"/>");
    assert_contains(xml, "<testcase classname=\"cpython-3.12\" name=\"asyncio/pass\" "
                         "file=\"cases/asyncio/pass.py\" time=\"0.250\">\n    </testcase>");
    assert_contains(xml, "<failure type=\"mismatch\" message=\"exception type: expected "
                         "TypeError, got ValueError\">");
    assert_contains(xml, "<skipped message=\"no expectation for python 3.12&#10;(ranges: "
                         "&lt;3.11) # sic\"/>");
    assert_contains(xml, "<skipped message=\"known failure: PyPy: pure-Python Future says "
                         "'Result is not ready.'\"/>");
    assert_contains(xml, "<skipped message=\"not run: the run was interrupted\"/>");
    assert_contains(xml, "<failure type=\"mismatch\" message=\"the case header is invalid\">");
    assert_contains(xml, "declared known (PyPy: pure-Python Future says 'Result is not ready.') "
                         "but passes: remove the entry");
    free(xml);
}

static void junit_escapes_markup_and_forbidden_characters(void **state)
{
    char *xml = capture(write_junit, *state);
    /* the failing run's own output, with every special character made safe */
    assert_contains(xml, "<system-err>--- stdout&#10;say &quot;hi&quot; \\ back&#10;&#9;tab"
                         "\xEF\xBF\xBD" "ctl # hash &lt;&amp;&gt; caf\xC3\xA9 \xEF\xBF\xBD"
                         "&#10;&#10;--- stderr&#10;");
    assert_not_contains(xml, "\x01");
    assert_not_contains(xml, "\xEF\xBF\xBF");
    free(xml);
}

/* ---- JSON ---- */

static json_t *write_and_load_json(const fixture *fx)
{
    char *path = temp_file_with("");
    run_info info = {.started_wall = 1700000000, .duration = 2.5, .interrupted = false,
                     .root = "/work/main"};
    assert_true(json_write(path, (job *const *)fx->jobs, NJOBS, fx->targets, 2, &info));
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!root)
        print_error("json: %s at line %d\n", err.text, err.line);
    unlink(path);
    free(path);
    assert_non_null(root);
    return root;
}

static const char *jstring(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v)) {
        print_error("\"%s\" is not a string\n", key);
        fail();
    }
    return json_string_value(v);
}

static void json_has_run_targets_and_totals(void **state)
{
    json_t *root = write_and_load_json(*state);
    assert_string_equal(jstring(root, "format"), "futurespec-results");
    assert_int_equal(json_integer_value(json_object_get(root, "format_version")), 1);
    assert_int_equal(json_integer_value(json_object_get(root, "started")), 1700000000);
    assert_true(json_real_value(json_object_get(root, "duration")) == 2.5);
    assert_true(json_is_false(json_object_get(root, "interrupted")));
    json_t *ts = json_object_get(root, "targets");
    assert_int_equal(json_array_size(ts), 2);
    assert_string_equal(jstring(json_array_get(ts, 0), "name"), "cpython-3.12");
    assert_string_equal(jstring(json_array_get(ts, 0), "python"), "3.12");
    assert_string_equal(jstring(json_array_get(ts, 1), "executable"), "/usr/bin/pypy3");
    json_t *totals = json_object_get(root, "totals");
    static const struct {
        const char *verdict;
        int count;
    } want[] = {{"pass", 1}, {"fail", 2}, {"skip", 1}, {"known-fail", 1}, {"known-pass", 1},
                {"not-run", 1}};
    assert_int_equal(json_object_size(totals), 6);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(json_integer_value(json_object_get(totals, want[i].verdict)),
                         want[i].count);
    assert_int_equal(json_array_size(json_object_get(root, "results")), NJOBS);
    json_decref(root);
}

static void json_results_carry_expected_got_and_mismatches(void **state)
{
    json_t *root = write_and_load_json(*state);
    json_t *rs = json_object_get(root, "results");

    json_t *pass = json_array_get(rs, J_PASS);
    assert_string_equal(jstring(pass, "case"), "asyncio/pass");
    assert_string_equal(jstring(pass, "verdict"), "pass");
    assert_string_equal(jstring(pass, "title"), "Title of asyncio/pass");
    assert_int_equal(json_array_size(json_object_get(pass, "clauses")), 2);
    assert_int_equal(json_array_size(json_object_get(pass, "mismatches")), 0);

    json_t *fail_ = json_array_get(rs, J_FAIL);
    assert_string_equal(jstring(fail_, "verdict"), "fail");
    json_t *exp = json_object_get(fail_, "expected");
    assert_string_equal(jstring(exp, "outcome"), "raises");
    assert_string_equal(jstring(exp, "type"), "TypeError");
    assert_string_equal(jstring(exp, "message"), "boom");
    json_t *got = json_object_get(fail_, "got");
    assert_string_equal(jstring(got, "type"), "ValueError");
    assert_string_equal(jstring(got, "message"), "bad \"quoted\"");
    assert_int_equal(json_integer_value(json_object_get(got, "exit_status")), 1);
    /* output survives the round trip byte for byte, control characters included */
    assert_string_equal(jstring(got, "stdout"), NASTY_OUT);
    assert_int_equal(json_array_size(json_object_get(fail_, "mismatches")), 2);

    json_t *skip = json_array_get(rs, J_SKIP);
    assert_string_equal(jstring(skip, "verdict"), "skip");
    assert_string_equal(jstring(skip, "skip_reason"),
                        "no expectation for python 3.12\n(ranges: <3.11) # sic");
    assert_null(json_object_get(skip, "got"));
    assert_null(json_object_get(skip, "expected"));

    json_t *known = json_array_get(rs, J_KNOWN_FAIL);
    assert_string_equal(jstring(known, "known_reason"), KNOWN_REASON);
    assert_string_equal(jstring(known, "target"), "pypy3");

    json_t *bad = json_array_get(rs, J_BAD_HEADER);
    assert_string_equal(jstring(bad, "header_errors"),
                        "cases/asyncio/bad-header.py:2:3: missing title\n");
    assert_null(json_object_get(bad, "title"));
    json_decref(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fixture_verdicts_are_as_intended),
        cmocka_unit_test(tap_plan_declares_version_13),
        cmocka_unit_test(tap_pass_is_one_line),
        cmocka_unit_test(tap_fail_has_yaml_diagnostics),
        cmocka_unit_test(tap_skip_carries_the_reason),
        cmocka_unit_test(tap_known_fail_is_todo_with_diagnostics),
        cmocka_unit_test(tap_known_pass_asks_to_remove_the_entry),
        cmocka_unit_test(tap_invalid_header_shows_the_errors),
        cmocka_unit_test(tap_not_run_is_a_failure),
        cmocka_unit_test(tap_point_indents_for_subtests),
        cmocka_unit_test(tap_subtests_group_points_by_target),
        cmocka_unit_test(tap_quote_escapes_for_yaml_and_prove),
        cmocka_unit_test(prove_accepts_passing_stream_with_todo_diagnostics),
        cmocka_unit_test(prove_counts_the_failures_of_a_full_stream),
        cmocka_unit_test(junit_is_well_formed_xml),
        cmocka_unit_test(junit_has_suites_cases_failures_and_skips),
        cmocka_unit_test(junit_escapes_markup_and_forbidden_characters),
        cmocka_unit_test(json_has_run_targets_and_totals),
        cmocka_unit_test(json_results_carry_expected_got_and_mismatches),
    };
    return cmocka_run_group_tests(tests, setup_jobs, teardown_jobs);
}
