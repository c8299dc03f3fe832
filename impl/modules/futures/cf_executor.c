/* concurrent.futures._base.Executor: the base class whose map(), `with`
 * block and shutdown() the executors inherit (Lib/concurrent/futures/_base.py). */
#include <stdio.h>
#include <stdlib.h>

#include "boolobject.h"
#include "cf_future.h"
#include "cf_profile.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "gc.h"
#include "intobject.h"
#include "listobject.h"
#include "strobject.h"
#include "timemodule.h"
#include "tupleobject.h"
#include "typeobject.h"

/* ---- map's result_iterator: a generator over the futures ---- */

typedef struct {
    RObject ob;
    RObject *fs; /* list, reversed when the body starts */
    bool has_timeout;
    double end_time;
    enum { MAP_CREATED, MAP_RUNNING, MAP_CLOSED } state;
} MapIterator;

static RType map_iterator_type;

RObject *r_cf_map_iterator_new(RObject *futures, bool has_timeout, double end_time)
{
    MapIterator *m = (MapIterator *)r_alloc(&map_iterator_type);
    if (!m) {
        R_DECREF(futures);
        return NULL;
    }
    m->fs = futures;
    m->has_timeout = has_timeout;
    m->end_time = end_time;
    return (RObject *)m;
}

/* the `finally:`: `for future in fs: future.cancel()` */
static int map_finally(MapIterator *m)
{
    RObject *exc = r_err_fetch();
    int rc = 0;
    m->state = MAP_CLOSED;
    for (ssize_t i = 0; i < R_LIST_SIZE(m->fs); i++) {
        RObject *f = r_incref(R_LIST_ITEMS(m->fs)[i]);
        rc = r_cf_future_cancel(f);
        R_DECREF(f);
        if (rc < 0)
            break;
    }
    return r_cf_end_finally(exc, rc);
}

/* _result_or_cancel(fut, timeout) (3.9+): the future is cancelled however
 * result() ends; 3.8 calls fut.result(timeout) alone */
static RObject *result_or_cancel(RObject *fut, RObject *timeout)
{
    RObject *res = r_call_method(fut, "result", &timeout, 1);
    if (cf_map_cancels_each_future()) {
        RObject *exc = r_err_fetch();
        if (r_cf_end_finally(exc, r_cf_future_cancel(fut)) < 0)
            R_CLEAR(res);
    }
    return res;
}

static RObject *map_next(RObject *self)
{
    MapIterator *m = (MapIterator *)self;
    if (m->state == MAP_CLOSED)
        return NULL;
    RList *fs = (RList *)m->fs;
    if (m->state == MAP_CREATED) {
        m->state = MAP_RUNNING;
        for (ssize_t i = 0, j = fs->size - 1; i < j; i++, j--) {
            RObject *t = fs->items[i];
            fs->items[i] = fs->items[j];
            fs->items[j] = t;
        }
    }
    if (fs->size == 0) {
        map_finally(m);
        return NULL;
    }
    RObject *fut = fs->items[--fs->size]; /* fs.pop(): now ours */
    RObject *timeout = m->has_timeout ? r_float_from_double(m->end_time - r_time_monotonic())
                                      : r_incref(R_NONE);
    RObject *res = timeout ? result_or_cancel(fut, timeout) : NULL;
    R_XDECREF(timeout);
    R_DECREF(fut);
    if (!res)
        map_finally(m);
    return res;
}

static RObject *map_close(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    MapIterator *m = (MapIterator *)self;
    if (m->state == MAP_RUNNING && map_finally(m) < 0)
        return NULL;
    m->state = MAP_CLOSED;
    R_RETURN_NONE;
}

static RObject *map_iter(RObject *self)
{
    return r_incref(self);
}

static RObject *map_repr(RObject *self)
{
    return r_str_from_format("<generator object Executor.map.<locals>.result_iterator at %p>",
                             (void *)self);
}

static void map_dealloc(RObject *self)
{
    MapIterator *m = (MapIterator *)self;
    /* a generator dropped mid-way is closed: its finally runs */
    if (m->state == MAP_RUNNING) {
        RObject *exc = r_err_fetch();
        if (map_finally(m) < 0)
            r_err_clear();
        r_err_restore(exc);
    }
    R_XDECREF(m->fs);
    r_free(self);
}

static const r_method_def map_methods[] = {
    {"close", map_close, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static int map_traverse(RObject *self, r_visitproc visit, void *arg)
{
    return R_VISIT_EACH(visit, arg, ((MapIterator *)self)->fs);
}

static RType map_iterator_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "generator",
    .basicsize = sizeof(MapIterator),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = map_dealloc,
    .traverse = map_traverse,
    .repr = map_repr,
    .getattro = r_generic_getattr,
    .iter = map_iter,
    .iternext = map_next,
    .methods = map_methods,
};

/* ---- Executor ---- */

static RObject *executor_submit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    (void)nargs;
    (void)kw;
    r_err_set_object(r_exc_NotImplementedError, NULL);
    return NULL;
}

/* `[self.submit(fn, *args) for args in zip(*iterables)]` */
static RObject *submit_all(RObject *self, RObject *fn, RObject *const *iterables, size_t n)
{
    RObject *fs = r_list_new(0);
    RObject **its = calloc(n ? n : 1, sizeof *its);
    RObject **call = calloc(n + 1, sizeof *call);
    RObject *submit = r_getattr_cstr(self, "submit");
    bool ok = fs && its && call && submit;
    for (size_t i = 0; ok && i < n; i++)
        ok = (its[i] = r_get_iter(iterables[i])) != NULL;
    while (ok && n > 0) {
        call[0] = fn;
        size_t got = 0;
        for (; got < n; got++) {
            RObject *v = r_iter_next(its[got]);
            if (!v)
                break;
            call[got + 1] = v;
        }
        if (got < n) {
            for (size_t i = 0; i < got; i++)
                R_DECREF(call[i + 1]);
            ok = !r_err_occurred();
            break;
        }
        RObject *f = r_call(submit, call, n + 1, NULL);
        for (size_t i = 0; i < n; i++)
            R_DECREF(call[i + 1]);
        ok = f && r_list_append(fs, f) == 0;
        R_XDECREF(f);
    }
    if (!fs || !its || !call)
        r_err_no_memory();
    for (size_t i = 0; its && i < n; i++)
        R_XDECREF(its[i]);
    free(its);
    free(call);
    R_XDECREF(submit);
    if (!ok) {
        R_XDECREF(fs);
        return NULL;
    }
    return fs;
}

static RObject *executor_map(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"timeout", "chunksize", NULL};
    RObject *opts[2] = {NULL, NULL};
    if (r_parse_keywords("map", kw, args + nargs, names, opts) < 0)
        return NULL;
    if (nargs < 1)
        return r_err_format(r_exc_TypeError,
                            "Executor.map() missing 1 required positional argument: 'fn'");
    bool has_timeout = opts[0] && opts[0] != R_NONE;
    double end_time = 0;
    if (has_timeout) {
        double t = R_FLOAT_CHECK(opts[0]) ? r_float_as_double(opts[0]) : r_int_as_double(opts[0]);
        if (t == -1.0 && r_err_occurred())
            return NULL;
        end_time = t + r_time_monotonic();
    }
    RObject *fs = submit_all(self, args[0], args + 1, nargs - 1);
    if (!fs)
        return NULL;
    return r_cf_map_iterator_new(fs, has_timeout, end_time);
}

static RObject *executor_shutdown(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    (void)nargs;
    (void)kw;
    R_RETURN_NONE;
}

static RObject *executor_enter(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    return r_incref(self);
}

/* `self.shutdown(wait=True); return False` */
static RObject *executor_exit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    RObject *shutdown = r_getattr_cstr(self, "shutdown");
    if (!shutdown)
        return NULL;
    RObject *kwnames = r_tuple_pack(1, r_str_intern("wait"));
    RObject *call_args[1] = {R_TRUE};
    RObject *r = kwnames ? r_call(shutdown, call_args, 0, kwnames) : NULL;
    R_XDECREF(kwnames);
    R_DECREF(shutdown);
    if (!r)
        return NULL;
    R_DECREF(r);
    R_RETURN_FALSE;
}

static RObject **executor_dict(RObject *o)
{
    return (RObject **)((char *)o + sizeof(RObject));
}

static void executor_dealloc(RObject *o)
{
    R_XDECREF(*executor_dict(o));
    r_free(o);
}

static int executor_traverse(RObject *o, r_visitproc visit, void *arg)
{
    return R_VISIT_EACH(visit, arg, *executor_dict(o));
}

static void executor_clear(RObject *o)
{
    R_CLEAR(*executor_dict(o));
}

static const r_method_def executor_methods[] = {
    {"submit", executor_submit, 0, NULL},
    {"map", executor_map, 0, NULL},
    {"shutdown", executor_shutdown, 0, NULL},
    {"__enter__", executor_enter, 0, NULL},
    {"__exit__", executor_exit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_cf_executor_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Executor",
    .basicsize = sizeof(RObject) + sizeof(RObject *),
    .dictoffset = sizeof(RObject),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = executor_dealloc,
    .traverse = executor_traverse,
    .clear = executor_clear,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = executor_methods,
    .doc = "This is an abstract base class for concrete asynchronous executors.",
};
