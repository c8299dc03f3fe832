/* gc (CPython's Modules/gcmodule.c): collect, enable, disable, isenabled,
 * get_count, get_threshold and set_threshold over the collector in
 * objects/gc.c, with CPython's argument errors per version. */
#include "gcmodule.h"

#include <limits.h>

#include "boolobject.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "gc.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"

/* A C int argument: Argument Clinic's conversion (collect) or
 * PyArg_ParseTuple's "i" (set_threshold), which differ in the overflow
 * message. */
static int as_c_int(RObject *o, bool clinic, int *out)
{
    RObject *index;
    if (R_INT_CHECK(o)) {
        index = r_incref(o);
    } else if (r_int_args_say_interpreted()) {
        if (!(index = r_number_index(o)))
            return -1;
    } else if (r_typecheck(o, &r_float_type)) {
        r_err_set_string(r_exc_TypeError, "integer argument expected, got float");
        return -1;
    } else if (!R_TYPE(o)->nb_index) {
        r_err_format(r_exc_TypeError, "an integer is required (got type %s)", R_TYPE(o)->name);
        return -1;
    } else if (!(index = r_number_index(o))) {
        return -1;
    }
    int64_t v;
    bool fits = r_int_fits_i64(index, &v) && v >= INT_MIN && v <= INT_MAX;
    int sign = r_int_sign(index);
    R_DECREF(index);
    if (!fits) {
        if (clinic)
            r_err_set_string(r_exc_OverflowError, "Python int too large to convert to C int");
        else
            r_err_set_string(r_exc_OverflowError, sign < 0 ? "signed integer is less than minimum"
                                                           : "signed integer is greater than maximum");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* "gc.enable" from 3.9, "enable" on 3.8 (METH_NOARGS errors) */
static const char *noargs_name(const char *qualified)
{
    return r_function_str_is_qualified() ? qualified : qualified + 3;
}

static int check_noargs(const char *qualified, size_t nargs, RObject *kw)
{
    const char *name = noargs_name(qualified);
    if (r_check_no_kwargs(name, kw) < 0 || r_check_nargs(name, nargs, 0, 0) < 0)
        return -1;
    return 0;
}

/* collect(generation=2) */
static RObject *gc_collect(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    size_t nkw = kw ? (size_t)R_TUPLE_SIZE(kw) : 0;
    if (nargs + nkw > 1)
        return r_err_format(r_exc_TypeError, "collect() takes at most 1 argument (%zu given)",
                            nargs + nkw);
    RObject *arg = nargs ? args[0] : NULL;
    if (nkw) {
        RObject *name = R_TUPLE_GET(kw, 0);
        if (!r_str_equal_cstr(name, "generation")) {
            if (r_clinic_kwarg_error_says_unexpected())
                return r_err_format(r_exc_TypeError,
                                    "collect() got an unexpected keyword argument '%U'", name);
            return r_err_format(r_exc_TypeError, "'%U' is an invalid keyword argument for collect()",
                                name);
        }
        arg = args[0];
    }
    int generation = R_GC_GENERATIONS - 1;
    if (arg && as_c_int(arg, true, &generation) < 0)
        return NULL;
    if (generation < 0 || generation >= R_GC_GENERATIONS)
        return r_err_format(r_exc_ValueError, "invalid generation");
    return r_int_from_i64(r_gc_collect(generation));
}

static RObject *gc_enable(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (check_noargs("gc.enable", nargs, kw) < 0)
        return NULL;
    r_gc_set_enabled(true);
    R_RETURN_NONE;
}

static RObject *gc_disable(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (check_noargs("gc.disable", nargs, kw) < 0)
        return NULL;
    r_gc_set_enabled(false);
    R_RETURN_NONE;
}

static RObject *gc_isenabled(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (check_noargs("gc.isenabled", nargs, kw) < 0)
        return NULL;
    return r_bool_from_long(r_gc_is_enabled());
}

static RObject *triple(const int v[R_GC_GENERATIONS])
{
    RObject *items[R_GC_GENERATIONS] = {NULL};
    RObject *res = NULL;
    for (int i = 0; i < R_GC_GENERATIONS; i++)
        if (!(items[i] = r_int_from_i64(v[i])))
            goto done;
    res = r_tuple_from_array(items, R_GC_GENERATIONS);
done:
    for (int i = 0; i < R_GC_GENERATIONS; i++)
        R_XDECREF(items[i]);
    return res;
}

static RObject *gc_get_count(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (check_noargs("gc.get_count", nargs, kw) < 0)
        return NULL;
    int counts[R_GC_GENERATIONS];
    r_gc_get_counts(counts);
    return triple(counts);
}

/* a dict per generation: collections, collected, uncollectable */
static RObject *stats_dict(const r_gc_stats *st)
{
    RObject *d = r_dict_new();
    const char *names[] = {"collections", "collected", "uncollectable"};
    ssize_t values[] = {st->collections, st->collected, 0};
    for (int i = 0; d && i < 3; i++) {
        RObject *v = r_int_from_i64(values[i]);
        if (!v || r_dict_set_item_cstr(d, names[i], v) < 0)
            R_CLEAR(d);
        R_XDECREF(v);
    }
    return d;
}

static RObject *gc_get_stats(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (check_noargs("gc.get_stats", nargs, kw) < 0)
        return NULL;
    r_gc_stats stats[R_GC_GENERATIONS];
    r_gc_get_stats(stats);
    RObject *list = r_list_new(R_GC_GENERATIONS);
    for (int i = 0; list && i < R_GC_GENERATIONS; i++)
        if (!(R_LIST_ITEMS(list)[i] = stats_dict(&stats[i])))
            R_CLEAR(list);
    return list;
}

static RObject *gc_get_threshold(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (check_noargs("gc.get_threshold", nargs, kw) < 0)
        return NULL;
    int thresholds[R_GC_GENERATIONS];
    r_gc_get_thresholds(thresholds);
    return triple(thresholds);
}

/* set_threshold(threshold0[, threshold1[, threshold2]]) */
static RObject *gc_set_threshold(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("set_threshold", kw) < 0)
        return NULL;
    if (nargs < 1 || nargs > R_GC_GENERATIONS) {
        if (r_gc_set_threshold_says_requires())
            return r_err_format(r_exc_TypeError, "gc.set_threshold requires 1 to 3 arguments");
        if (nargs < 1)
            return r_err_format(r_exc_TypeError,
                                "set_threshold() takes at least 1 argument (0 given)");
        return r_err_format(r_exc_TypeError, "set_threshold() takes at most 3 arguments (%zu given)",
                            nargs);
    }
    int thresholds[R_GC_GENERATIONS];
    r_gc_get_thresholds(thresholds);
    int given[R_GC_GENERATIONS];
    for (size_t i = 0; i < nargs; i++)
        if (as_c_int(args[i], false, &given[i]) < 0)
            return NULL;
    for (size_t i = 0; i < nargs; i++)
        thresholds[i] = given[i];
    r_gc_set_thresholds(thresholds);
    R_RETURN_NONE;
}

static const r_method_def gc_functions[] = {
    {"collect", gc_collect, 0, NULL},
    {"enable", gc_enable, 0, NULL},
    {"disable", gc_disable, 0, NULL},
    {"isenabled", gc_isenabled, 0, NULL},
    {"get_count", gc_get_count, 0, NULL},
    {"get_stats", gc_get_stats, 0, NULL},
    {"get_threshold", gc_get_threshold, 0, NULL},
    {"set_threshold", gc_set_threshold, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RObject *r_gc_module_new(void)
{
    RObject *m = r_module_new("gc");
    if (!m || r_module_add_functions(m, gc_functions) < 0) {
        R_XDECREF(m);
        return NULL;
    }
    return m;
}
