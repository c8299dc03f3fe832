/* os: what the case language admits of it (getpid, cpu_count, _exit). */
#define _GNU_SOURCE /* sched_getaffinity */
#include "osmodule.h"

#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "moduleobject.h"

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

RObject *r_os_module_new(void)
{
    RObject *m = r_module_new("os");
    if (!m || r_module_add_functions(m, os_functions) < 0) {
        R_XDECREF(m);
        return NULL;
    }
    return m;
}
