/* enumerate, zip, map, filter and reversed: lazy iterator types, as in
 * CPython (their reprs name the type: <enumerate object at 0x...>). */
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

typedef struct {
    RObject ob;
    RObject *func;    /* map, filter */
    RObject **iters;  /* zip, map; one iterator for enumerate, filter */
    size_t niters;
    RObject *count;   /* enumerate */
    RObject *seq;     /* reversed */
    ssize_t index;    /* reversed */
} RIterObj;

static void iterobj_dealloc(RObject *o)
{
    RIterObj *it = (RIterObj *)o;
    R_XDECREF(it->func);
    for (size_t i = 0; i < it->niters; i++)
        R_XDECREF(it->iters[i]);
    free(it->iters);
    R_XDECREF(it->count);
    R_XDECREF(it->seq);
    r_free(o);
}

/* No clear, as CPython's: what they hold is an iterator or a callable. */
static int iterobj_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RIterObj *it = (RIterObj *)o;
    RObject *refs[] = {it->func, it->count, it->seq};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        int rc = refs[i] ? visit(refs[i], arg) : 0;
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < it->niters; i++) {
        int rc = it->iters[i] ? visit(it->iters[i], arg) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

static RObject *iter_self(RObject *o)
{
    return r_incref(o);
}

static RIterObj *new_iterobj(RType *type, RObject *const *iterables, size_t n)
{
    RIterObj *it = (RIterObj *)r_alloc(type);
    if (!it)
        return NULL;
    it->iters = calloc(n ? n : 1, sizeof *it->iters);
    if (!it->iters) {
        R_DECREF(it);
        r_err_no_memory();
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        it->iters[i] = r_get_iter(iterables[i]);
        it->niters = i + 1;
        if (!it->iters[i]) {
            R_DECREF(it);
            return NULL;
        }
    }
    return it;
}

/* enumerate(iterable, start=0) */
static RObject *enumerate_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    RObject *start = nargs > 1 ? args[1] : NULL;
    size_t nkw = kw ? (size_t)R_TUPLE_SIZE(kw) : 0;
    for (size_t k = 0; k < nkw; k++) {
        if (!r_str_equal_cstr(R_TUPLE_GET(kw, k), "start"))
            return r_err_format(r_exc_TypeError,
                                "'%U' is an invalid keyword argument for enumerate()",
                                R_TUPLE_GET(kw, k));
        start = args[nargs + k];
    }
    if (nargs < 1 || nargs > 2)
        return r_err_format(r_exc_TypeError, "enumerate() takes at most 2 arguments (%zu given)",
                            nargs);
    RIterObj *it = new_iterobj(type, args, 1);
    if (!it)
        return NULL;
    it->count = start ? r_incref(start) : r_int_from_i64(0);
    return (RObject *)it;
}

static RObject *enumerate_next(RObject *o)
{
    RIterObj *it = (RIterObj *)o;
    RObject *item = R_TYPE(it->iters[0])->iternext(it->iters[0]);
    if (!item)
        return NULL;
    RObject *one = r_int_from_i64(1);
    RObject *next = one ? r_number_binop(it->count, one, offsetof(RType, nb_add), "+") : NULL;
    R_XDECREF(one);
    if (!next) {
        R_DECREF(item);
        return NULL;
    }
    RObject *pair = r_tuple_pack(2, it->count, item);
    R_DECREF(item);
    R_SETREF(it->count, next);
    return pair;
}

RType r_enumerate_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "enumerate",
    .basicsize = sizeof(RIterObj),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = iterobj_dealloc,
    .traverse = iterobj_traverse,
    .getattro = r_generic_getattr,
    .iter = iter_self,
    .iternext = enumerate_next,
    .tp_new = enumerate_new,
};

/* zip(*iterables) */
static RObject *zip_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("zip", kw) < 0)
        return NULL;
    return (RObject *)new_iterobj(type, args, nargs);
}

static RObject *zip_next(RObject *o)
{
    RIterObj *it = (RIterObj *)o;
    if (it->niters == 0)
        return NULL;
    RObject *t = r_tuple_new((ssize_t)it->niters);
    if (!t)
        return NULL;
    for (size_t i = 0; i < it->niters; i++) {
        RObject *item = R_TYPE(it->iters[i])->iternext(it->iters[i]);
        if (!item) {
            R_DECREF(t);
            return NULL;
        }
        R_TUPLE_ITEMS(t)[i] = item;
    }
    return t;
}

RType r_zip_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "zip",
    .basicsize = sizeof(RIterObj),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = iterobj_dealloc,
    .traverse = iterobj_traverse,
    .getattro = r_generic_getattr,
    .iter = iter_self,
    .iternext = zip_next,
    .tp_new = zip_new,
};

/* map(func, *iterables) */
static RObject *map_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("map", kw) < 0)
        return NULL;
    if (nargs < 2)
        return r_err_format(r_exc_TypeError, "map() must have at least two arguments.");
    RIterObj *it = new_iterobj(type, args + 1, nargs - 1);
    if (!it)
        return NULL;
    it->func = r_incref(args[0]);
    return (RObject *)it;
}

static RObject *map_next(RObject *o)
{
    RIterObj *it = (RIterObj *)o;
    RObject *small[8];
    RObject **items = it->niters <= 8 ? small : malloc(it->niters * sizeof *items);
    if (!items)
        return r_err_no_memory();
    size_t got = 0;
    RObject *res = NULL;
    for (; got < it->niters; got++) {
        items[got] = R_TYPE(it->iters[got])->iternext(it->iters[got]);
        if (!items[got])
            goto done;
    }
    res = r_call(it->func, items, it->niters, NULL);
done:
    for (size_t i = 0; i < got; i++)
        R_DECREF(items[i]);
    if (items != small)
        free(items);
    return res;
}

RType r_map_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "map",
    .basicsize = sizeof(RIterObj),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = iterobj_dealloc,
    .traverse = iterobj_traverse,
    .getattro = r_generic_getattr,
    .iter = iter_self,
    .iternext = map_next,
    .tp_new = map_new,
};

/* filter(func or None, iterable) */
static RObject *filter_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("filter", kw) < 0 || r_check_nargs("filter", nargs, 2, 2) < 0)
        return NULL;
    RIterObj *it = new_iterobj(type, args + 1, 1);
    if (!it)
        return NULL;
    it->func = r_incref(args[0]);
    return (RObject *)it;
}

static RObject *filter_next(RObject *o)
{
    RIterObj *it = (RIterObj *)o;
    for (;;) {
        RObject *item = R_TYPE(it->iters[0])->iternext(it->iters[0]);
        if (!item)
            return NULL;
        int keep;
        if (it->func == R_NONE) {
            keep = r_is_true(item);
        } else {
            RObject *r = r_call1(it->func, item);
            keep = r ? r_is_true(r) : -1;
            R_XDECREF(r);
        }
        if (keep > 0)
            return item;
        R_DECREF(item);
        if (keep < 0)
            return NULL;
    }
}

RType r_filter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "filter",
    .basicsize = sizeof(RIterObj),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = iterobj_dealloc,
    .traverse = iterobj_traverse,
    .getattro = r_generic_getattr,
    .iter = iter_self,
    .iternext = filter_next,
    .tp_new = filter_new,
};

/* reversed(sequence): __reversed__ when the type has it, else len and
 * indexing from the end */
static RObject *reversed_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("reversed", kw) < 0 || r_check_nargs("reversed", nargs, 1, 1) < 0)
        return NULL;
    bool found;
    RObject *r = r_call_special(args[0], "__reversed__", NULL, 0, &found);
    if (found || r_err_occurred())
        return r;
    if (!R_TYPE(args[0])->getitem || !R_TYPE(args[0])->len ||
        R_TYPE(args[0])->getitem == NULL)
        return r_err_format(r_exc_TypeError, "'%s' object is not reversible",
                            R_TYPE(args[0])->name);
    ssize_t n = r_length(args[0]);
    if (n < 0)
        return NULL;
    RIterObj *it = (RIterObj *)r_alloc(type);
    if (!it)
        return NULL;
    it->seq = r_incref(args[0]);
    it->index = n - 1;
    return (RObject *)it;
}

static RObject *reversed_next(RObject *o)
{
    RIterObj *it = (RIterObj *)o;
    if (!it->seq || it->index < 0) {
        R_CLEAR(it->seq);
        return NULL;
    }
    RObject *i = r_int_from_i64(it->index--);
    if (!i)
        return NULL;
    RObject *item = r_getitem(it->seq, i);
    R_DECREF(i);
    if (!item && (r_err_matches(r_exc_IndexError) || r_err_matches(r_exc_StopIteration))) {
        r_err_clear();
        R_CLEAR(it->seq);
    }
    return item;
}

RType r_reversed_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "reversed",
    .basicsize = sizeof(RIterObj),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = iterobj_dealloc,
    .traverse = iterobj_traverse,
    .getattro = r_generic_getattr,
    .iter = iter_self,
    .iternext = reversed_next,
    .tp_new = reversed_new,
};
