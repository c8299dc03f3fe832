/* sys: argv, stdout/stderr, exit, version_info (from the version profile),
 * modules, and the recursion limit. */
#include <stdlib.h>
#include <string.h>

#include "asyncgen.h"
#include "boolobject.h"
#include "builtins.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "frame.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "profile.h"
#include "strobject.h"
#include "textio.h"
#include "tupleobject.h"

static RObject *sys_module;

RObject *r_builtins_sys_module(void)
{
    return sys_module;
}

static RObject *sys_exit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("exit", kw) < 0 || r_check_nargs("exit", nargs, 0, 1) < 0)
        return NULL;
    r_err_set_object(r_exc_SystemExit, nargs ? args[0] : NULL);
    return NULL;
}

static RObject *sys_getrecursionlimit(RObject *self, RObject *const *args, size_t nargs,
                                      RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("getrecursionlimit", kw) < 0 ||
        r_check_nargs("getrecursionlimit", nargs, 0, 0) < 0)
        return NULL;
    return r_int_from_i64(r_vm_state()->recursion_limit);
}

static RObject *sys_setrecursionlimit(RObject *self, RObject *const *args, size_t nargs,
                                      RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("setrecursionlimit", kw) < 0 ||
        r_check_nargs("setrecursionlimit", nargs, 1, 1) < 0)
        return NULL;
    int64_t v = r_int_as_i64(args[0]);
    if (v == -1 && r_err_occurred())
        return NULL;
    if (v < 1)
        return r_err_format(r_exc_ValueError, "recursion limit must be greater or equal than 1");
    r_vm_state()->recursion_limit = (int)v;
    R_RETURN_NONE;
}

/* sys.set_asyncgen_hooks(firstiter=..., finalizer=...): an argument left
 * out keeps its hook, None removes it (Python/sysmodule.c) */
static int set_one_hook(RObject *given, RObject *current, const char *what, RObject **out)
{
    *out = current;
    if (!given)
        return 0;
    if (given == R_NONE) {
        *out = NULL;
        return 0;
    }
    if (!R_TYPE(given)->call) {
        r_err_format(r_exc_TypeError, "callable %s expected, got %s", what, R_TYPE(given)->name);
        return -1;
    }
    *out = given;
    return 0;
}

static RObject *sys_set_asyncgen_hooks(RObject *self, RObject *const *args, size_t nargs,
                                       RObject *kw)
{
    (void)self;
    static const char *const names[] = {"firstiter", "finalizer", NULL};
    RObject *opts[2] = {nargs > 0 ? args[0] : NULL, nargs > 1 ? args[1] : NULL};
    if (r_check_nargs("set_asyncgen_hooks", nargs, 0, 2) < 0 ||
        r_parse_keywords("set_asyncgen_hooks", kw, args + nargs, names, opts) < 0)
        return NULL;
    RObject *firstiter, *finalizer, *new_firstiter, *new_finalizer;
    r_asyncgen_get_hooks(&firstiter, &finalizer);
    /* the finalizer is checked first, as CPython does */
    if (set_one_hook(opts[1], finalizer, "finalizer", &new_finalizer) < 0 ||
        set_one_hook(opts[0], firstiter, "firstiter", &new_firstiter) < 0)
        return NULL;
    r_asyncgen_set_hooks(new_firstiter, new_finalizer);
    R_RETURN_NONE;
}

/* sys.get_asyncgen_hooks(): CPython's is a named structseq
 * asyncgen_hooks(firstiter, finalizer); a plain pair here */
static RObject *sys_get_asyncgen_hooks(RObject *self, RObject *const *args, size_t nargs,
                                       RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("get_asyncgen_hooks", kw) < 0 ||
        r_check_nargs("get_asyncgen_hooks", nargs, 0, 0) < 0)
        return NULL;
    RObject *firstiter, *finalizer;
    r_asyncgen_get_hooks(&firstiter, &finalizer);
    return r_tuple_pack(2, firstiter ? firstiter : R_NONE, finalizer ? finalizer : R_NONE);
}

static const r_method_def sys_functions[] = {
    {"exit", sys_exit, 0, NULL},
    {"get_asyncgen_hooks", sys_get_asyncgen_hooks, 0, NULL},
    {"set_asyncgen_hooks", sys_set_asyncgen_hooks, 0, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, 0, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static int add_new(RObject *m, const char *name, RObject *value)
{
    if (!value)
        return -1;
    int rc = r_module_add_object(m, name, value);
    R_DECREF(value);
    return rc;
}

RObject *r_sys_module_new(int argc, char **argv)
{
    RObject *m = r_module_new("sys");
    if (!m || r_module_add_functions(m, sys_functions) < 0)
        return NULL;
    RObject *args = r_list_new(0);
    if (!args)
        return NULL;
    for (int i = 0; i < argc; i++) {
        RObject *s = r_str_from_cstr(argv[i]);
        if (!s || r_list_append(args, s) < 0)
            return NULL;
        R_DECREF(s);
    }
    RObject *major = r_int_from_i64(3), *minor = r_int_from_i64(r_profile.minor),
            *micro = r_int_from_i64(0), *level = r_str_from_cstr("final");
    RObject *version_info = r_tuple_pack(5, major, minor, micro, level, micro);
    R_XDECREF(major);
    R_XDECREF(minor);
    R_XDECREF(micro);
    R_XDECREF(level);
    /* stderr is line-buffered even on a pipe from 3.9 (bpo-13601) */
    bool stderr_lines = r_profile.minor >= 9;
    if (add_new(m, "argv", args) < 0 || add_new(m, "version_info", version_info) < 0 ||
        add_new(m, "stdout", r_textio_new(1, "<stdout>", false)) < 0 ||
        add_new(m, "stderr", r_textio_new(2, "<stderr>", stderr_lines)) < 0 ||
        add_new(m, "modules", r_dict_new()) < 0 || add_new(m, "path", r_list_new(0)) < 0 ||
        add_new(m, "platform", r_str_from_cstr("linux")) < 0 ||
        add_new(m, "maxsize", r_int_from_i64(INT64_MAX)) < 0 ||
        add_new(m, "version",
                r_str_from_format("3.%d.0 (refpy reference runtime)", r_profile.minor)) < 0)
        return NULL;
    RObject *out = r_dict_get_item_cstr(r_module_dict(m), "stdout");
    RObject *err = r_dict_get_item_cstr(r_module_dict(m), "stderr");
    if (r_module_add_object(m, "__stdout__", out) < 0 ||
        r_module_add_object(m, "__stderr__", err) < 0)
        return NULL;
    sys_module = m;
    return m;
}
