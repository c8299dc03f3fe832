/* tuple (CPython's Objects/tupleobject.c): the immortal empty tuple, the
 * xxHash-based hash of 3.8+, lexicographic comparison, indexing and
 * slicing, concatenation, repetition, iteration and tuple(iterable).
 *
 * version: 3.8 names methods without their type in argument errors
 * ("count() takes exactly one argument (0 given)"); 3.9+'s texts, with
 * "tuple.", are used. */
#include "tupleobject.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "listobject.h"
#include "sliceobject.h"
#include "strobject.h"

#define SSIZE_MAX_ ((ssize_t)(SIZE_MAX >> 1))

/* The one empty tuple: every () is this object, as in CPython. */
static RTuple empty_tuple = {
    .ob = R_STATIC_HEAD(&r_tuple_type),
    .size = 0,
    .hash_cache_unused = -1,
};

RObject *r_tuple_empty(void)
{
    return r_incref((RObject *)&empty_tuple);
}

static RObject *tuple_alloc(RType *type, ssize_t n)
{
    if (n > SSIZE_MAX_ / (ssize_t)sizeof(RObject *))
        return r_err_no_memory();
    RTuple *t = (RTuple *)r_alloc_var(type, (size_t)n * sizeof(RObject *));
    if (!t)
        return NULL;
    t->size = n;
    t->hash_cache_unused = -1;
    return (RObject *)t;
}

RObject *r_tuple_new(ssize_t n)
{
    if (n < 0) {
        r_err_set_string(r_exc_SystemError, "bad argument to internal function");
        return NULL;
    }
    if (n == 0)
        return r_tuple_empty();
    return tuple_alloc(&r_tuple_type, n);
}

RObject *r_tuple_from_array(RObject *const *items, ssize_t n)
{
    RObject *t = r_tuple_new(n);
    if (!t)
        return NULL;
    for (ssize_t i = 0; i < n; i++)
        R_TUPLE_ITEMS(t)[i] = r_incref(items[i]);
    return t;
}

RObject *r_tuple_pack(ssize_t n, ...)
{
    RObject *t = r_tuple_new(n);
    if (!t)
        return NULL;
    va_list ap;
    va_start(ap, n);
    for (ssize_t i = 0; i < n; i++)
        R_TUPLE_ITEMS(t)[i] = r_incref(va_arg(ap, RObject *));
    va_end(ap);
    return t;
}

static void tuple_dealloc(RObject *o)
{
    RTuple *t = (RTuple *)o;
    if (o == (RObject *)&empty_tuple) {
        o->refcnt = R_IMMORTAL; /* never freed */
        return;
    }
    for (ssize_t i = t->size; --i >= 0;)
        R_XDECREF(t->items[i]);
    r_free(o);
}

static int tuple_traverse(RObject *o, r_visitproc visit, void *arg)
{
    for (ssize_t i = R_TUPLE_SIZE(o); --i >= 0;) {
        RObject *item = R_TUPLE_GET(o, i);
        int rc = item ? visit(item, arg) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

static RObject *tuple_repr(RObject *o)
{
    ssize_t n = R_TUPLE_SIZE(o);
    if (n == 0)
        return r_str_from_cstr("()");
    /* a tuple cannot contain itself directly, but it can through a list */
    int rc = r_repr_enter(o);
    if (rc != 0)
        return rc > 0 ? r_str_from_cstr("(...)") : NULL;
    r_str_builder b;
    r_sb_init(&b);
    r_sb_append(&b, "(", 1);
    for (ssize_t i = 0; i < n; i++) {
        if (i > 0)
            r_sb_append(&b, ", ", 2);
        RObject *s = r_repr(R_TUPLE_GET(o, i));
        if (!s) {
            r_sb_discard(&b);
            r_repr_leave(o);
            return NULL;
        }
        r_sb_append_str(&b, s);
        R_DECREF(s);
    }
    if (n == 1)
        r_sb_append(&b, ",)", 2);
    else
        r_sb_append(&b, ")", 1);
    r_repr_leave(o);
    return r_sb_finish(&b);
}

/* CPython 3.8+'s tuplehash: xxHash's round function over the item hashes,
 * plus the length, mangled so that hash(()) keeps its historical value. */
#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

static int64_t tuple_hash(RObject *o)
{
    ssize_t len = R_TUPLE_SIZE(o);
    uint64_t acc = XXPRIME_5;
    for (ssize_t i = 0; i < len; i++) {
        int64_t lane = r_hash(R_TUPLE_GET(o, i));
        if (lane == -1)
            return -1;
        acc += (uint64_t)lane * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    acc += (uint64_t)len ^ (XXPRIME_5 ^ 3527539ULL);
    if (acc == UINT64_MAX)
        return 1546275796;
    return (int64_t)acc;
}

/* The result of comparing two sizes with op (Py_RETURN_RICHCOMPARE). */
static RObject *compare_sizes(ssize_t a, ssize_t b, r_cmpop op)
{
    bool r = false;
    switch (op) {
    case R_LT: r = a < b; break;
    case R_LE: r = a <= b; break;
    case R_EQ: r = a == b; break;
    case R_NE: r = a != b; break;
    case R_GT: r = a > b; break;
    case R_GE: r = a >= b; break;
    }
    return r_bool_from_long(r);
}

static RObject *tuple_richcompare(RObject *v, RObject *w, r_cmpop op)
{
    if (!R_TUPLE_CHECK(v) || !R_TUPLE_CHECK(w))
        return r_incref(R_NOTIMPLEMENTED);
    ssize_t vlen = R_TUPLE_SIZE(v), wlen = R_TUPLE_SIZE(w);
    /* the first index where the items differ */
    ssize_t i;
    for (i = 0; i < vlen && i < wlen; i++) {
        int k = r_richcompare_bool(R_TUPLE_GET(v, i), R_TUPLE_GET(w, i), R_EQ);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    if (i >= vlen || i >= wlen)
        return compare_sizes(vlen, wlen, op);
    if (op == R_EQ)
        return r_bool_from_long(0);
    if (op == R_NE)
        return r_bool_from_long(1);
    return r_richcompare(R_TUPLE_GET(v, i), R_TUPLE_GET(w, i), op);
}

static ssize_t tuple_length(RObject *o)
{
    return R_TUPLE_SIZE(o);
}

static RObject *tuple_subscript(RObject *self, RObject *item)
{
    ssize_t size = R_TUPLE_SIZE(self);
    if (R_TYPE(item)->nb_index) {
        ssize_t i = r_number_as_ssize(item, r_exc_IndexError);
        if (i == -1 && r_err_occurred())
            return NULL;
        if (i < 0)
            i += size;
        if (i < 0 || i >= size) {
            r_err_set_string(r_exc_IndexError, "tuple index out of range");
            return NULL;
        }
        return r_incref(R_TUPLE_GET(self, i));
    }
    if (R_SLICE_CHECK(item)) {
        ssize_t start, stop, step;
        if (r_slice_unpack(item, &start, &stop, &step) < 0)
            return NULL;
        ssize_t n = r_slice_adjust_indices(size, &start, &stop, step);
        if (n <= 0)
            return r_tuple_empty();
        if (start == 0 && step == 1 && n == size && r_isinstance_exact(self, &r_tuple_type))
            return r_incref(self);
        RObject *res = r_tuple_new(n);
        if (!res)
            return NULL;
        for (ssize_t k = 0, cur = start; k < n; k++, cur += step)
            R_TUPLE_ITEMS(res)[k] = r_incref(R_TUPLE_GET(self, cur));
        return res;
    }
    return r_err_format(r_exc_TypeError, "tuple indices must be integers or slices, not %s",
                        R_TYPE(item)->name);
}

static int tuple_contains(RObject *self, RObject *el)
{
    int cmp = 0;
    for (ssize_t i = 0; cmp == 0 && i < R_TUPLE_SIZE(self); i++)
        cmp = r_richcompare_bool(R_TUPLE_GET(self, i), el, R_EQ);
    return cmp;
}

/* Whether t's slot f is a Python-level method (__radd__, __rmul__ of a
 * class statement) rather than one inherited from a built-in type. */
static bool slot_from_class_statement(RType *t, r_binaryfunc f, size_t offset)
{
    RType *b = t;
    while (b && (b->flags & R_TPFLAGS_HEAPTYPE))
        b = b->base;
    return !b || *(r_binaryfunc *)((char *)b + offset) != f;
}

/* CPython's binary_op1 tries the right operand's number slot before the
 * left sequence's sq_concat/sq_repeat: do the same for a class that
 * defines __radd__ or __rmul__. */
static RObject *try_right_operand(RObject *v, RObject *w, size_t offset, r_binaryfunc self_slot)
{
    RType *tw = R_TYPE(w);
    r_binaryfunc f = *(r_binaryfunc *)((char *)tw + offset);
    if (!f || f == self_slot || r_type_is_subtype(tw, R_TYPE(v)) ||
        !slot_from_class_statement(tw, f, offset))
        return r_incref(R_NOTIMPLEMENTED);
    return f(v, w);
}

static RObject *tuple_add(RObject *v, RObject *w);

static RObject *tuple_concat(RObject *a, RObject *b)
{
    if (R_TUPLE_SIZE(a) == 0 && r_isinstance_exact(b, &r_tuple_type))
        return r_incref(b);
    if (!R_TUPLE_CHECK(b))
        return r_err_format(r_exc_TypeError, "can only concatenate tuple (not \"%s\") to tuple",
                            R_TYPE(b)->name);
    if (R_TUPLE_SIZE(b) == 0 && r_isinstance_exact(a, &r_tuple_type))
        return r_incref(a);
    ssize_t na = R_TUPLE_SIZE(a), nb = R_TUPLE_SIZE(b);
    if (na > SSIZE_MAX_ - nb)
        return r_err_no_memory();
    RObject *res = r_tuple_new(na + nb);
    if (!res)
        return NULL;
    for (ssize_t i = 0; i < na; i++)
        R_TUPLE_ITEMS(res)[i] = r_incref(R_TUPLE_GET(a, i));
    for (ssize_t i = 0; i < nb; i++)
        R_TUPLE_ITEMS(res)[na + i] = r_incref(R_TUPLE_GET(b, i));
    return res;
}

static RObject *tuple_add(RObject *v, RObject *w)
{
    if (!R_TUPLE_CHECK(v))
        return r_incref(R_NOTIMPLEMENTED); /* only the left operand concatenates */
    RObject *res = try_right_operand(v, w, offsetof(RType, nb_add), tuple_add);
    if (res != R_NOTIMPLEMENTED)
        return res;
    R_DECREF(res);
    return tuple_concat(v, w);
}

static RObject *tuple_repeat(RObject *a, ssize_t n)
{
    ssize_t size = R_TUPLE_SIZE(a);
    if ((size == 0 || n == 1) && r_isinstance_exact(a, &r_tuple_type))
        return r_incref(a);
    if (size == 0 || n <= 0)
        return r_tuple_empty();
    if (size > SSIZE_MAX_ / n)
        return r_err_no_memory();
    RObject *res = r_tuple_new(size * n);
    if (!res)
        return NULL;
    RObject **dst = R_TUPLE_ITEMS(res);
    for (ssize_t k = 0; k < n; k++)
        for (ssize_t i = 0; i < size; i++)
            *dst++ = r_incref(R_TUPLE_GET(a, i));
    return res;
}

static RObject *tuple_multiply(RObject *v, RObject *w)
{
    RObject *seq = v, *count = w;
    if (R_TUPLE_CHECK(v)) {
        RObject *res = try_right_operand(v, w, offsetof(RType, nb_multiply), tuple_multiply);
        if (res != R_NOTIMPLEMENTED)
            return res;
        R_DECREF(res);
    } else {
        seq = w;
        count = v;
    }
    /* CPython's sequence_repeat */
    if (!R_TYPE(count)->nb_index)
        return r_err_format(r_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                            R_TYPE(count)->name);
    ssize_t n = r_number_as_ssize(count, r_exc_OverflowError);
    if (n == -1 && r_err_occurred())
        return NULL;
    return tuple_repeat(seq, n);
}

/* ---- methods ---- */

static RObject *tuple_index(RObject *self, RObject *const *args, size_t nargs,
                            RObject *kwnames)
{
    /* version: 3.8 says "index() takes no keyword arguments" */
    if (r_check_no_kwargs("tuple.index", kwnames) < 0 || r_check_nargs("index", nargs, 1, 3) < 0)
        return NULL;
    ssize_t start = 0, stop = SSIZE_MAX_, size = R_TUPLE_SIZE(self);
    if (nargs > 1 && !r_eval_slice_index_not_none(args[1], &start))
        return NULL;
    if (nargs > 2 && !r_eval_slice_index_not_none(args[2], &stop))
        return NULL;
    if (start < 0) {
        start += size;
        if (start < 0)
            start = 0;
    }
    if (stop < 0)
        stop += size;
    else if (stop > size)
        stop = size;
    for (ssize_t i = start; i < stop && i < R_TUPLE_SIZE(self); i++) {
        int cmp = r_richcompare_bool(R_TUPLE_GET(self, i), args[0], R_EQ);
        if (cmp > 0)
            return r_int_from_i64(i);
        if (cmp < 0)
            return NULL;
    }
    r_err_set_string(r_exc_ValueError, "tuple.index(x): x not in tuple");
    return NULL;
}

static RObject *tuple_count(RObject *self, RObject *const *args, size_t nargs,
                            RObject *kwnames)
{
    if (r_check_no_kwargs("tuple.count", kwnames) < 0 ||
        r_check_nargs("tuple.count", nargs, 1, 1) < 0)
        return NULL;
    int64_t count = 0;
    for (ssize_t i = 0; i < R_TUPLE_SIZE(self); i++) {
        int cmp = r_richcompare_bool(R_TUPLE_GET(self, i), args[0], R_EQ);
        if (cmp > 0)
            count++;
        else if (cmp < 0)
            return NULL;
    }
    return r_int_from_i64(count);
}

/* ---- tuple(iterable) ---- */

RObject *r_sequence_tuple(RObject *v)
{
    if (r_isinstance_exact(v, &r_tuple_type))
        return r_incref(v);
    if (r_isinstance_exact(v, &r_list_type))
        return r_list_as_tuple(v);
    RObject *it = r_get_iter(v);
    if (!it)
        return NULL;
    /* collect into a list first: the length is not known in advance */
    RObject *items = r_list_new(0);
    if (!items) {
        R_DECREF(it);
        return NULL;
    }
    RObject *item;
    while ((item = r_iter_next(it)) != NULL) {
        int rc = r_list_append(items, item);
        R_DECREF(item);
        if (rc < 0)
            break;
    }
    R_DECREF(it);
    if (r_err_occurred()) {
        R_DECREF(items);
        return NULL;
    }
    RObject *res = r_list_as_tuple(items);
    R_DECREF(items);
    return res;
}

static RObject *tuple_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kwnames)
{
    if (r_check_no_kwargs("tuple", kwnames) < 0 || r_check_nargs("tuple", nargs, 0, 1) < 0)
        return NULL;
    RObject *tmp = nargs ? r_sequence_tuple(args[0]) : r_tuple_empty();
    if (!tmp || type == &r_tuple_type)
        return tmp;
    /* a subclass instance: copy the items into an object of that type */
    ssize_t n = R_TUPLE_SIZE(tmp);
    RObject *res = tuple_alloc(type, n);
    if (res)
        for (ssize_t i = 0; i < n; i++)
            R_TUPLE_ITEMS(res)[i] = r_incref(R_TUPLE_GET(tmp, i));
    R_DECREF(tmp);
    return res;
}

/* ---- the iterator ---- */

typedef struct {
    RObject ob;
    ssize_t index;
    RObject *seq; /* NULL once exhausted */
} RTupleIter;

static void tupleiter_dealloc(RObject *o)
{
    R_XDECREF(((RTupleIter *)o)->seq);
    r_free(o);
}

static int tupleiter_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RObject *seq = ((RTupleIter *)o)->seq;
    return seq ? visit(seq, arg) : 0;
}

static RObject *iter_self(RObject *o)
{
    return r_incref(o);
}

static RObject *tupleiter_next(RObject *o)
{
    RTupleIter *it = (RTupleIter *)o;
    if (!it->seq)
        return NULL;
    if (it->index < R_TUPLE_SIZE(it->seq))
        return r_incref(R_TUPLE_GET(it->seq, it->index++));
    R_CLEAR(it->seq);
    return NULL;
}

static RType tupleiter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "tuple_iterator",
    .basicsize = sizeof(RTupleIter),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = tupleiter_dealloc,
    .traverse = tupleiter_traverse,
    .iter = iter_self,
    .iternext = tupleiter_next,
};

static RObject *tuple_iter(RObject *self)
{
    if (!tupleiter_type.ready && r_type_ready(&tupleiter_type) < 0)
        return NULL;
    RTupleIter *it = (RTupleIter *)r_alloc(&tupleiter_type);
    if (!it)
        return NULL;
    it->seq = r_incref(self);
    return (RObject *)it;
}

static const r_method_def tuple_methods[] = {
    {"index", tuple_index, 0,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", tuple_count, 0, "Return number of occurrences of value."},
    {NULL, NULL, 0, NULL},
};

/* Not a base type here: a heap subclass keeps its __dict__ right after the
 * fixed part of the object, where a tuple keeps its items. */
/* the items: a subclass's __dict__ follows them */
static size_t tuple_var_size(RObject *o)
{
    return (size_t)R_TUPLE_SIZE(o) * sizeof(RObject *);
}

RType r_tuple_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "tuple",
    .basicsize = sizeof(RTuple),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_TUPLE_SUBCLASS | R_TPFLAGS_HAVE_GC,
    .dealloc = tuple_dealloc,
    .traverse = tuple_traverse,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .iter = tuple_iter,
    .nb_add = tuple_add,
    .nb_multiply = tuple_multiply,
    .len = tuple_length,
    .getitem = tuple_subscript,
    .contains = tuple_contains,
    .tp_new = tuple_tp_new,
    .methods = tuple_methods,
    .doc = "Built-in immutable sequence.",
    .var_size = tuple_var_size,
};
