/* classify.h: raw runs to outcomes, on synthetic run_results whose stderr is
 * what CPython 3.8-3.13 really print. */
#include "unit.h"

#include "classify.h"

/* A run that exited with status and printed err on stderr. */
static run_result exited(int status, const char *out, const char *err)
{
    run_result r;
    memset(&r, 0, sizeof r);
    r.exit_status = status;
    r.out = xstrdup(out);
    r.out_len = strlen(out);
    r.err = xstrdup(err);
    r.err_len = strlen(err);
    r.duration = 0.25;
    return r;
}

static void classify_and_free(run_result *r, observed *o)
{
    classify(r, 0, o);
    run_result_free(r);
}

static const char TB_311_CANCELLED[] =
    "Traceback (most recent call last):\n"
    "  File \"/tmp/cancelled.py\", line 7, in <module>\n"
    "    asyncio.run(main())\n"
    "  File \"/usr/lib/python3.11/asyncio/runners.py\", line 190, in run\n"
    "    return runner.run(main)\n"
    "           ^^^^^^^^^^^^^^^^\n"
    "  File \"/tmp/cancelled.py\", line 6, in main\n"
    "    await t\n"
    "asyncio.exceptions.CancelledError\n";

static const char TB_CHAINED[] =
    "Traceback (most recent call last):\n"
    "  File \"/tmp/chained.py\", line 2, in <module>\n"
    "    raise ValueError(\"first\")\n"
    "ValueError: first\n"
    "\n"
    "During handling of the above exception, another exception occurred:\n"
    "\n"
    "Traceback (most recent call last):\n"
    "  File \"/tmp/chained.py\", line 4, in <module>\n"
    "    raise KeyError(\"second\")\n"
    "KeyError: 'second'\n";

static const char TB_CAUSE[] =
    "Traceback (most recent call last):\n"
    "  File \"x.py\", line 2, in <module>\n"
    "    f()\n"
    "ZeroDivisionError: division by zero\n"
    "\n"
    "The above exception was the direct cause of the following exception:\n"
    "\n"
    "Traceback (most recent call last):\n"
    "  File \"x.py\", line 4, in <module>\n"
    "    raise RuntimeError(\"wrapped\") from e\n"
    "RuntimeError: wrapped\n";

/* 3.11+: asyncio.TaskGroup re-raises as an ExceptionGroup */
static const char TB_GROUP[] =
    "  + Exception Group Traceback (most recent call last):\n"
    "  |   File \"/tmp/group.py\", line 7, in <module>\n"
    "  |     asyncio.run(main())\n"
    "  |     ~~~~~~~~~~~^^^^^^^^\n"
    "  |   File \"/usr/lib/python3.13/asyncio/taskgroups.py\", line 154, in __aexit__\n"
    "  |     raise me from None\n"
    "  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)\n"
    "  +-+---------------- 1 ----------------\n"
    "    | Traceback (most recent call last):\n"
    "    |   File \"/tmp/group.py\", line 3, in bad\n"
    "    |     raise ValueError(\"boom\")\n"
    "    | ValueError: boom\n"
    "    +------------------------------------\n";

static void exit_zero_completes(void **state)
{
    (void)state;
    run_result r = exited(0, "hello\n", "");
    observed o;
    classify_and_free(&r, &o);
    assert_int_equal(o.kind, OUTCOME_COMPLETES);
    assert_int_equal(o.exit_code, 0);
    assert_string_equal(o.out_text, "hello\n");
    assert_string_equal(o.err_text, "");
    assert_null(o.exc_type);
    assert_true(o.duration == 0.25);
    observed_free(&o);
}

static void deadlock_exit_status_is_a_proven_hang(void **state)
{
    (void)state;
    run_result r = exited(86, "job 0 started\n",
                          "refpy: deadlock: all 2 threads wait, and nothing left can wake any of them\n");
    observed o;
    classify(&r, 86, &o);
    run_result_free(&r);
    assert_int_equal(o.kind, OUTCOME_HANGS);
    assert_true(o.deadlock_reported);
    assert_string_equal(o.out_text, "job 0 started\n");
    observed_free(&o);
    /* the same status from a target that declares none is a plain exit */
    r = exited(86, "", "");
    classify_and_free(&r, &o);
    assert_int_equal(o.kind, OUTCOME_EXITS);
    assert_false(o.deadlock_reported);
    observed_free(&o);
}

static void exit_zero_with_a_thread_traceback_still_completes(void **state)
{
    (void)state;
    /* a worker thread's traceback does not end the program */
    run_result r = exited(0, "", "Exception in thread Thread-1:\n"
                                 "Traceback (most recent call last):\n"
                                 "  File \"x.py\", line 3, in run\n"
                                 "ValueError: in thread\n");
    observed o;
    classify_and_free(&r, &o);
    assert_int_equal(o.kind, OUTCOME_COMPLETES);
    assert_null(o.exc_type);
    observed_free(&o);
}

static void exit_one_with_traceback_raises(void **state)
{
    (void)state;
    run_result r = exited(1, "before\n",
                          "Traceback (most recent call last):\n"
                          "  File \"/tmp/x.py\", line 3, in <module>\n"
                          "    await asyncio.wait([f])\n"
                          "TypeError: An asyncio.Future, a coroutine or an awaitable is required\n");
    observed o;
    classify_and_free(&r, &o);
    assert_int_equal(o.kind, OUTCOME_RAISES);
    assert_int_equal(o.exit_code, 1);
    assert_string_equal(o.exc_type, "TypeError");
    assert_string_equal(o.exc_message,
                        "An asyncio.Future, a coroutine or an awaitable is required");
    assert_string_equal(o.out_text, "before\n");
    observed_free(&o);
}

static void message_keeps_later_colons(void **state)
{
    (void)state;
    run_result r = exited(1, "", "Traceback (most recent call last):\n"
                                 "  File \"x.py\", line 1, in <module>\n"
                                 "KeyError: 'a: b'\n");
    observed o;
    classify_and_free(&r, &o);
    assert_string_equal(o.exc_type, "KeyError");
    assert_string_equal(o.exc_message, "'a: b'");
    observed_free(&o);
}

static void last_of_chained_tracebacks_wins(void **state)
{
    (void)state;
    run_result r = exited(1, "", TB_CHAINED);
    observed o;
    classify_and_free(&r, &o);
    assert_int_equal(o.kind, OUTCOME_RAISES);
    assert_string_equal(o.exc_type, "KeyError");
    assert_string_equal(o.exc_message, "'second'");
    observed_free(&o);

    r = exited(1, "", TB_CAUSE);
    classify_and_free(&r, &o);
    assert_string_equal(o.exc_type, "RuntimeError");
    assert_string_equal(o.exc_message, "wrapped");
    observed_free(&o);
}

static void exception_group_traceback_gives_the_group_line(void **state)
{
    (void)state;
    run_result r = exited(1, "", TB_GROUP);
    observed o;
    classify_and_free(&r, &o);
    assert_int_equal(o.kind, OUTCOME_RAISES);
    /* the top-level group, not the sub-exception inside it */
    assert_string_equal(o.exc_type, "ExceptionGroup");
    assert_string_equal(o.exc_message, "unhandled errors in a TaskGroup (1 sub-exception)");
    observed_free(&o);
}

static void exception_without_message(void **state)
{
    (void)state;
    run_result r = exited(1, "", TB_311_CANCELLED);
    observed o;
    classify_and_free(&r, &o);
    assert_int_equal(o.kind, OUTCOME_RAISES);
    assert_string_equal(o.exc_type, "asyncio.exceptions.CancelledError");
    assert_string_equal(o.exc_message, "");
    observed_free(&o);
}

static void exception_line_with_bare_colon_has_empty_message(void **state)
{
    (void)state;
    char *type, *message;
    assert_true(last_exception_line("Traceback (most recent call last):\n"
                                    "  File \"x.py\", line 1, in <module>\n"
                                    "ValueError:\n",
                                    &type, &message));
    assert_string_equal(type, "ValueError");
    assert_string_equal(message, "");
    free(type);
    free(message);
}

static void output_after_the_traceback_is_not_the_exception_line(void **state)
{
    (void)state;
    /* the first unindented line after the header is the exception line */
    char *type, *message;
    assert_true(last_exception_line("Traceback (most recent call last):\n"
                                    "  File \"x.py\", line 1, in <module>\n"
                                    "\n"
                                    "OSError: [Errno 9] Bad file descriptor\n"
                                    "Exception ignored in: <function f at 0x7f>\n",
                                    &type, &message));
    assert_string_equal(type, "OSError");
    assert_string_equal(message, "[Errno 9] Bad file descriptor");
    free(type);
    free(message);
}

static void no_traceback_means_no_exception_line(void **state)
{
    (void)state;
    char *type = NULL, *message = NULL;
    assert_false(last_exception_line("", &type, &message));
    assert_false(last_exception_line("ValueError: not after a traceback header\n", &type,
                                     &message));
    assert_false(last_exception_line("Traceback (most recent call last):\n"
                                     "  File \"x.py\", line 1, in <module>\n",
                                     &type, &message));
    assert_null(type);
    assert_null(message);
}

static void nonzero_exit_without_traceback_exits(void **state)
{
    (void)state;
    run_result r = exited(3, "done\n", "bye\n");
    observed o;
    classify_and_free(&r, &o);
    assert_int_equal(o.kind, OUTCOME_EXITS);
    assert_int_equal(o.exit_code, 3);
    assert_null(o.exc_type);
    assert_string_equal(o.err_text, "bye\n");
    observed_free(&o);
}

static void warnings_alone_are_not_a_traceback(void **state)
{
    (void)state;
    run_result r = exited(1, "", "x.py:5: RuntimeWarning: coroutine 'f' was never awaited\n"
                                 "  f()\n");
    observed o;
    classify_and_free(&r, &o);
    assert_int_equal(o.kind, OUTCOME_EXITS);
    assert_int_equal(o.exit_code, 1);
    observed_free(&o);
}

static void signal_is_its_own_outcome(void **state)
{
    (void)state;
    run_result r = exited(0, "partial", "Traceback (most recent call last):\n"
                                        "ValueError: x\n");
    r.term_signal = 11;
    observed o;
    classify_and_free(&r, &o);
    assert_int_equal(o.kind, OUTCOME_SIGNAL);
    assert_int_equal(o.signal, 11);
    assert_null(o.exc_type);
    assert_string_equal(o.out_text, "partial");
    observed_free(&o);
}

static void timed_out_run_hangs_and_keeps_its_output(void **state)
{
    (void)state;
    run_result r = exited(0, "job 0 started\n", "");
    /* the harness's own kill: the signal does not make it a crash */
    r.timed_out = true;
    r.term_signal = 9;
    r.duration = 1.5;
    observed o;
    classify_and_free(&r, &o);
    assert_int_equal(o.kind, OUTCOME_HANGS);
    assert_string_equal(o.out_text, "job 0 started\n");
    assert_true(o.duration == 1.5);
    observed_free(&o);
}

static void spawn_error_is_an_error_outcome(void **state)
{
    (void)state;
    run_result r;
    memset(&r, 0, sizeof r);
    r.spawn_error = xstrdup("no such file or directory: python3.99");
    r.timed_out = true; /* the spawn error wins over everything else */
    observed o;
    classify_and_free(&r, &o);
    assert_int_equal(o.kind, OUTCOME_ERROR);
    assert_string_equal(o.error, "no such file or directory: python3.99");
    /* no output at all still gives empty strings, never NULL */
    assert_string_equal(o.out_text, "");
    assert_string_equal(o.err_text, "");
    observed_free(&o);
}

static void captured_bytes_are_sanitised_utf8(void **state)
{
    (void)state;
    run_result r = exited(0, "", "");
    free(r.out);
    /* captured output may hold anything: a bad byte and a NUL */
    r.out = xmalloc(5);
    memcpy(r.out, "a\xff\0b", 5);
    r.out_len = 4;
    observed o;
    classify_and_free(&r, &o);
    assert_string_equal(o.out_text, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
    observed_free(&o);
}

static void normalise_each_module_prefix(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"asyncio.exceptions.CancelledError", "asyncio.CancelledError"},
        {"asyncio.exceptions.TimeoutError", "asyncio.TimeoutError"},
        {"asyncio.base_futures.InvalidStateError", "asyncio.InvalidStateError"},
        {"_asyncio.InvalidStateError", "asyncio.InvalidStateError"},
        {"concurrent.futures._base.CancelledError", "concurrent.futures.CancelledError"},
        {"concurrent.futures._base.TimeoutError", "concurrent.futures.TimeoutError"},
        {"builtins.TimeoutError", "TimeoutError"},
        {"__main__.MyError", "MyError"},
        /* already public or bare: unchanged */
        {"asyncio.CancelledError", "asyncio.CancelledError"},
        {"concurrent.futures.process.BrokenProcessPool",
         "concurrent.futures.process.BrokenProcessPool"},
        {"TypeError", "TypeError"},
        /* a prefix only counts at the start */
        {"my.asyncio.exceptions.X", "my.asyncio.exceptions.X"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = normalise_type(cases[i][0]);
        if (strcmp(got, cases[i][1]) != 0) {
            print_error("normalise_type(\"%s\") = \"%s\", expected \"%s\"\n", cases[i][0], got,
                        cases[i][1]);
            free(got);
            fail();
        }
        free(got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exit_zero_completes),
        cmocka_unit_test(exit_zero_with_a_thread_traceback_still_completes),
        cmocka_unit_test(exit_one_with_traceback_raises),
        cmocka_unit_test(message_keeps_later_colons),
        cmocka_unit_test(last_of_chained_tracebacks_wins),
        cmocka_unit_test(exception_group_traceback_gives_the_group_line),
        cmocka_unit_test(exception_without_message),
        cmocka_unit_test(exception_line_with_bare_colon_has_empty_message),
        cmocka_unit_test(output_after_the_traceback_is_not_the_exception_line),
        cmocka_unit_test(no_traceback_means_no_exception_line),
        cmocka_unit_test(nonzero_exit_without_traceback_exits),
        cmocka_unit_test(warnings_alone_are_not_a_traceback),
        cmocka_unit_test(signal_is_its_own_outcome),
        cmocka_unit_test(deadlock_exit_status_is_a_proven_hang),
        cmocka_unit_test(timed_out_run_hangs_and_keeps_its_output),
        cmocka_unit_test(spawn_error_is_an_error_outcome),
        cmocka_unit_test(captured_bytes_are_sanitised_utf8),
        cmocka_unit_test(normalise_each_module_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
