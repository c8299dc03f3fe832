/* Shared by the asyncio unit tests: the runtime brought up as refpy's main
 * does, the asyncio module imported, and a recorder callable that appends
 * a tag to a list, so a test can read the order callbacks ran in. */
#ifndef REFPY_TESTS_AIO_TEST_UTIL_H
#define REFPY_TESTS_AIO_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aio.h"
#include "atexit_hooks.h"
#include "builtins.h"
#include "errors.h"
#include "gc.h"
#include "listobject.h"
#include "runtime_init.h"
#include "strobject.h"
#include "threadingmodule.h"
#include "tupleobject.h"

static RObject *test_sys, *test_builtins, *test_asyncio;

static int aio_test_setup(void **state)
{
    (void)state;
    char *argv[] = {"test_aio", NULL};
    if (r_runtime_init(1, argv, &test_sys, &test_builtins) < 0)
        return -1;
    test_asyncio = r_import_module("asyncio");
    return test_asyncio ? 0 : -1;
}

static int aio_test_teardown(void **state)
{
    (void)state;
    R_CLEAR(test_asyncio);
    r_threading_shutdown();
    r_hook_list_run(&r_atexit_hooks);
    r_gc_collect_at_exit();
    return 0;
}

/* rec(*args): appends its tag to the log list */
static RObject *record_fn(RObject **cells, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    if (r_list_append(cells[0], cells[1]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *recorder(RObject *log, const char *tag)
{
    RObject *t = r_str_from_cstr(tag);
    assert_non_null(t);
    RObject *cells[2] = {log, t};
    RObject *rec = aio_closure_new("rec", record_fn, 2, cells);
    R_DECREF(t);
    assert_non_null(rec);
    return rec;
}

/* the log as one space-separated string (for assert_string_equal) */
static char *log_text(RObject *log)
{
    RObject *joined = r_str_join(r_str_intern(" "), log);
    assert_non_null(joined);
    char *s = strdup(r_str_utf8(joined));
    R_DECREF(joined);
    return s;
}

static void assert_log(RObject *log, const char *expected)
{
    char *got = log_text(log);
    assert_string_equal(got, expected);
    free(got);
}

static void call_soon_rec(RObject *loop, RObject *log, const char *tag)
{
    RObject *rec = recorder(log, tag);
    RObject *h = aio_call_soon(loop, rec, NULL, 0, NULL);
    assert_non_null(h);
    R_DECREF(h);
    R_DECREF(rec);
}

static void run_once(RObject *loop)
{
    assert_int_equal(aio_loop_run_once((AioLoop *)loop), 0);
}

#endif
