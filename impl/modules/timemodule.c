/* time: sleep (the GIL released while it waits), monotonic, perf_counter
 * and time, with CPython's argument checks. */
#include <errno.h>
#include <math.h>
#include <time.h>

#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "gil.h"
#include "intobject.h"
#include "moduleobject.h"
#include "timemodule.h"

static int seconds_of(RObject *o, double *out)
{
    if (R_FLOAT_CHECK(o)) {
        *out = r_float_as_double(o);
    } else if (R_INT_CHECK(o)) {
        *out = r_int_as_double(o);
        if (*out == -1.0 && r_err_occurred())
            return -1;
    } else {
        r_err_format(r_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                     R_TYPE(o)->name);
        return -1;
    }
    if (isnan(*out)) {
        r_err_set_string(r_exc_ValueError, "Invalid value NaN (not a number)");
        return -1;
    }
    return 0;
}

static RObject *time_sleep(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("sleep", kw) < 0 || r_check_nargs("sleep", nargs, 1, 1) < 0)
        return NULL;
    double secs;
    if (seconds_of(args[0], &secs) < 0)
        return NULL;
    if (secs < 0)
        return r_err_format(r_exc_ValueError, "sleep length must be non-negative");
    struct timespec deadline, now;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    double end = (double)deadline.tv_sec + (double)deadline.tv_nsec / 1e9 + secs;
    R_BEGIN_ALLOW_THREADS
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        double left = end - ((double)now.tv_sec + (double)now.tv_nsec / 1e9);
        if (left <= 0)
            break;
        struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
        if (nanosleep(&ts, NULL) == 0)
            break;
        if (errno != EINTR)
            break;
    }
    R_END_ALLOW_THREADS
    R_RETURN_NONE;
}

static double clock_seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static RObject *clock_value(clockid_t clock)
{
    return r_float_from_double(clock_seconds(clock));
}

double r_time_monotonic(void)
{
    return clock_seconds(CLOCK_MONOTONIC);
}

static RObject *time_monotonic(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("monotonic", kw) < 0 || r_check_nargs("monotonic", nargs, 0, 0) < 0)
        return NULL;
    return clock_value(CLOCK_MONOTONIC);
}

static RObject *time_time(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("time", kw) < 0 || r_check_nargs("time", nargs, 0, 0) < 0)
        return NULL;
    return clock_value(CLOCK_REALTIME);
}

static const r_method_def time_functions[] = {
    {"sleep", time_sleep, 0, NULL},
    {"monotonic", time_monotonic, 0, NULL},
    {"perf_counter", time_monotonic, 0, NULL},
    {"time", time_time, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RObject *r_time_module_new(void)
{
    RObject *m = r_module_new("time");
    if (!m || r_module_add_functions(m, time_functions) < 0) {
        R_XDECREF(m);
        return NULL;
    }
    return m;
}
