/* coroutines.py: iscoroutine (which types count, per version),
 * iscoroutinefunction, and the @coroutine decorator of 3.8-3.10. */
#include "aio.h"
#include "aio_args.h"
#include "aio_coro.h"
#include "boolobject.h"
#include "codeobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "funcobject.h"
#include "functoolsmodule.h"
#include "gen.h"
#include "profile.h"
#include "strobject.h"
#include "typeobject.h"
#include "warnings.h"

/* ---- version predicates of this file ---- */

/* generators count as coroutines (_COROUTINE_TYPES has GeneratorType) up
 * to 3.11 */
static bool generators_are_coroutines(void) { return r_profile.minor <= 11; }

/* the marker @coroutine puts on what it returns (_is_coroutine) */
static RObject *is_coroutine_marker;

/* isinstance(o, collections.abc.Coroutine): the ABC's subclass hook looks
 * for __await__, send, throw and close on the type */
static bool abc_coroutine(RObject *o)
{
    RType *t = R_TYPE(o);
    if (!t->am_await && !r_type_lookup(t, r_str_intern("__await__")))
        return false;
    return r_type_lookup(t, r_str_intern("send")) && r_type_lookup(t, r_str_intern("throw")) &&
           r_type_lookup(t, r_str_intern("close"));
}

int aio_iscoroutine(RObject *o)
{
    if (R_TYPE(o) == &r_coroutine_type || AIO_CORO_CHECK(o))
        return 1;
    if (R_TYPE(o) == &r_generator_type)
        return generators_are_coroutines();
    return abc_coroutine(o);
}

/* inspect.iscoroutinefunction (through partial objects and methods), or
 * the @coroutine marker */
int aio_iscoroutinefunction(RObject *func)
{
    RObject *f = r_incref(func);
    for (int depth = 0; depth < 100; depth++) {
        RObject *inner = NULL;
        if (R_TYPE(f) == &r_method_type)
            inner = r_incref(((RMethod *)f)->func);
        else if (R_TYPE(f) == &r_partial_type && !(inner = r_getattr_cstr(f, "func")))
            r_err_clear();
        if (!inner)
            break;
        R_SETREF(f, inner);
    }
    int res = 0;
    if (R_FUNCTION_CHECK(f)) {
        RCode *co = (RCode *)((RFunction *)f)->code;
        res = (co->flags & R_CO_COROUTINE) != 0;
    }
    R_DECREF(f);
    if (res || !is_coroutine_marker)
        return res;
    RObject *mark;
    if (r_lookup_attr(func, r_str_intern("_is_coroutine"), &mark) < 0)
        return -1;
    res = mark == is_coroutine_marker;
    R_XDECREF(mark);
    return res;
}

static RObject *f_iscoroutine(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"obj", NULL};
    aio_sig sig = {"iscoroutine", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    int r = aio_iscoroutine(out[0]);
    return r < 0 ? NULL : r_bool_from_long(r);
}

static RObject *f_iscoroutinefunction(RObject *self, RObject *const *args, size_t nargs,
                                      RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"func", NULL};
    aio_sig sig = {"iscoroutinefunction", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    int r = aio_iscoroutinefunction(out[0]);
    return r < 0 ? NULL : r_bool_from_long(r);
}

/* @coroutine (3.8-3.10): warns, then marks a generator function as an
 * iterable coroutine (types.coroutine sets CO_ITERABLE_COROUTINE) */
static RObject *f_coroutine(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"func", NULL};
    aio_sig sig = {"coroutine", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    RObject *func = out[0];
    RObject *msg = r_str_from_cstr(
        "\"@coroutine\" decorator is deprecated since Python 3.8, use \"async def\" instead");
    int rc = msg ? r_warn(r_exc_DeprecationWarning, msg, 1, NULL) : -1;
    R_XDECREF(msg);
    if (rc < 0)
        return NULL;
    if (R_FUNCTION_CHECK(func)) {
        RCode *co = (RCode *)((RFunction *)func)->code;
        if (co->flags & R_CO_COROUTINE)
            return r_incref(func);
        if (co->flags & R_CO_GENERATOR)
            co->flags |= R_CO_ITERABLE_COROUTINE;
    }
    if (!is_coroutine_marker && !(is_coroutine_marker = r_alloc(&r_object_type)))
        return NULL;
    if (r_setattr_cstr(func, "_is_coroutine", is_coroutine_marker) < 0)
        return NULL;
    return r_incref(func);
}

const r_method_def aio_coroutine_functions[] = {
    {"iscoroutine", f_iscoroutine, 0, NULL},
    {"iscoroutinefunction", f_iscoroutinefunction, 0, NULL},
    {NULL, NULL, 0, NULL},
};

const r_method_def aio_coroutine_decorator[] = {
    {"coroutine", f_coroutine, 0, NULL},
    {NULL, NULL, 0, NULL},
};
