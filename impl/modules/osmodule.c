/* os: what the case language admits of it (getpid, cpu_count, _exit),
 * and environ for the harness's smoke cases. */
#define _GNU_SOURCE /* sched_getaffinity */
#include "osmodule.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "moduleobject.h"
#include "strobject.h"

static RObject *os_getpid(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("getpid", kw) < 0 || r_check_nargs("getpid", nargs, 0, 0) < 0)
        return NULL;
    return r_int_from_i64(getpid());
}

long r_os_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 0 : n;
}

long r_os_process_cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        return CPU_COUNT(&set);
    return r_os_cpu_count();
}

static RObject *os_cpu_count(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("cpu_count", kw) < 0 || r_check_nargs("cpu_count", nargs, 0, 0) < 0)
        return NULL;
    long n = r_os_cpu_count();
    if (n < 1)
        R_RETURN_NONE;
    return r_int_from_i64(n);
}

static RObject *os_exit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("_exit", kw) < 0 || r_check_nargs("_exit", nargs, 1, 1) < 0)
        return NULL;
    int64_t code = r_int_as_i64(args[0]);
    if (code == -1 && r_err_occurred())
        return NULL;
    /* no cleanup, no flushing: as os._exit */
    _exit((int)code);
}

static const r_method_def os_functions[] = {
    {"getpid", os_getpid, 0, NULL},
    {"cpu_count", os_cpu_count, 0, NULL},
    {"_exit", os_exit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

extern char **environ;

/* os.environ, as the mapping CPython builds at import: a snapshot of the
 * process environment (a dict here; variables whose text is not UTF-8
 * are left out rather than escaped) */
static RObject *environ_snapshot(void)
{
    RObject *d = r_dict_new();
    for (char **e = environ; d && e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        RObject *k = r_str_from_utf8(*e, (size_t)(eq - *e));
        RObject *v = k ? r_str_from_cstr(eq + 1) : NULL;
        if (v && r_dict_set_item(d, k, v) < 0)
            R_CLEAR(d);
        r_err_clear();
        R_XDECREF(k);
        R_XDECREF(v);
    }
    return d;
}

RObject *r_os_module_new(void)
{
    RObject *m = r_module_new("os");
    RObject *env = m ? environ_snapshot() : NULL;
    if (!env || r_module_add_functions(m, os_functions) < 0 ||
        r_module_add_object(m, "environ", env) < 0) {
        R_XDECREF(env);
        R_XDECREF(m);
        return NULL;
    }
    R_DECREF(env);
    return m;
}
