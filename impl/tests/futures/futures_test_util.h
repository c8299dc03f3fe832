/* Shared by the tests of the process pool's pieces: the runtime brought up
 * once, a __main__ module (in sys.modules, so that functions defined by a
 * snippet can be found by reference), and snippets run in it. */
#ifndef REFPY_FUTURES_TEST_UTIL_H
#define REFPY_FUTURES_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "atexit_hooks.h"
#include "call.h"
#include "compiler.h"
#include "dictobject.h"
#include "errors.h"
#include "gc.h"
#include "moduleobject.h"
#include "runtime_init.h"
#include "strobject.h"
#include "threadingmodule.h"
#include "traceback_print.h"

static RObject *test_sys, *test_builtins, *test_main;

static inline int futures_setup(void **state)
{
    (void)state;
    if (test_main)
        return 0;
    char *argv[] = {"futures_test", NULL};
    if (r_runtime_init(1, argv, &test_sys, &test_builtins) < 0)
        return -1;
    test_main = r_module_new("__main__");
    RObject *globals = r_module_dict(test_main);
    RObject *modules = r_dict_get_item_cstr(r_module_dict(test_sys), "modules");
    if (r_dict_set_item_cstr(globals, "__builtins__", r_module_dict(test_builtins)) < 0 ||
        r_dict_set_item_cstr(modules, "__main__", test_main) < 0)
        return -1;
    return 0;
}

/* the end of a run, as refpy's main: non-daemon threads joined, the exit
 * hooks run, the cycles collected, so that LeakSanitizer sees only what
 * nothing refers to */
static inline int futures_teardown(void **state)
{
    (void)state;
    r_threading_shutdown();
    r_hook_list_run(&r_atexit_hooks);
    r_gc_collect_at_exit();
    return 0;
}

static inline void print_pending_error(void)
{
    RObject *exc = r_err_fetch();
    if (exc) {
        r_print_exception(exc, r_dict_get_item_cstr(r_module_dict(test_sys), "stderr"));
        R_DECREF(exc);
    }
}

/* Runs source in __main__ and returns its global `out` (a new reference). */
static inline RObject *run_snippet(const char *source)
{
    SyntaxErrorInfo serr = {0};
    RObject *code = compile_source(source, strlen(source), "<snippet>", &serr);
    assert_non_null(code);
    RObject *globals = r_module_dict(test_main);
    RObject *res = r_vm_run_code((RCode *)code, globals, globals);
    R_DECREF(code);
    if (!res)
        print_pending_error();
    assert_non_null(res);
    R_DECREF(res);
    RObject *out = r_dict_get_item_cstr(globals, "out");
    assert_non_null(out);
    return r_incref(out);
}

/* repr(o) as a malloc'd C string */
static inline char *repr_of(RObject *o)
{
    RObject *r = r_repr(o);
    if (!r)
        print_pending_error();
    assert_non_null(r);
    char *s = strdup(r_str_utf8(r));
    R_DECREF(r);
    return s;
}

/* repr(o) compared with want, the C string freed */
#define assert_repr_equal(o, want)          \
    do {                                    \
        char *repr_ = repr_of(o);           \
        assert_string_equal(repr_, (want)); \
        free(repr_);                        \
    } while (0)

/* "Type: message" of the pending exception, cleared; addresses kept */
static inline char *error_line(void)
{
    RObject *exc = r_err_fetch();
    assert_non_null(exc);
    RObject *label = r_exception_type_label(exc);
    RObject *msg = r_str(exc);
    assert_non_null(label);
    assert_non_null(msg);
    size_t n = (size_t)(r_str_size(label) + r_str_size(msg)) + 3;
    char *s = malloc(n);
    snprintf(s, n, "%s: %s", r_str_utf8(label), r_str_utf8(msg));
    R_DECREF(label);
    R_DECREF(msg);
    R_DECREF(exc);
    return s;
}

#endif
