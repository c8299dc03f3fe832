/* range (CPython's Objects/rangeobject.c): start, stop, step and length are
 * ints of any size, computed with the generic number protocol; iteration
 * uses C integers when everything fits (range_iterator) and ints
 * otherwise (longrange_iterator), as CPython does. */
#include "rangeobject.h"

#include <stddef.h>
#include <stdint.h>

#include "boolobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"

#define SSIZE_MAX_ ((ssize_t)(SIZE_MAX >> 1))

/* ---- int arithmetic through the number protocol ---- */

static RObject *num_add(RObject *a, RObject *b)
{
    return r_number_binop(a, b, offsetof(RType, nb_add), "+");
}

static RObject *num_sub(RObject *a, RObject *b)
{
    return r_number_binop(a, b, offsetof(RType, nb_subtract), "-");
}

static RObject *num_mul(RObject *a, RObject *b)
{
    return r_number_binop(a, b, offsetof(RType, nb_multiply), "*");
}

static RObject *num_floordiv(RObject *a, RObject *b)
{
    return r_number_binop(a, b, offsetof(RType, nb_floor_divide), "//");
}

static RObject *num_rem(RObject *a, RObject *b)
{
    return r_number_binop(a, b, offsetof(RType, nb_remainder), "%");
}

/* a op small, for a small C constant */
static int compare_with(RObject *a, int64_t small, r_cmpop op)
{
    RObject *c = r_int_from_i64(small);
    if (!c)
        return -1;
    int rc = r_richcompare_bool(a, c, op);
    R_DECREF(c);
    return rc;
}

static RObject *add_small(RObject *a, int64_t small)
{
    RObject *c = r_int_from_i64(small);
    if (!c)
        return NULL;
    RObject *res = num_add(a, c);
    R_DECREF(c);
    return res;
}

/* The value of an int as a C integer, false when it does not fit. */
static bool as_i64(RObject *v, int64_t *out)
{
    return r_int_fits_i64(v, out);
}

static bool is_int_or_bool(RObject *o)
{
    return R_TYPE(o) == &r_int_type || R_TYPE(o) == &r_bool_type;
}

/* ---- construction ---- */

/* len(range(start, stop, step)) = (hi - lo - 1) // step + 1, or 0 */
static RObject *compute_range_length(RObject *start, RObject *stop, RObject *step)
{
    RObject *lo, *hi, *tmp1 = NULL, *diff = NULL, *tmp2 = NULL, *result = NULL;
    int cmp = compare_with(step, 0, R_GT);
    if (cmp < 0)
        return NULL;
    if (cmp == 1) {
        lo = start;
        hi = stop;
        R_INCREF(step);
    } else {
        lo = stop;
        hi = start;
        step = R_TYPE(step)->nb_negative ? R_TYPE(step)->nb_negative(step) : NULL;
        if (!step)
            return NULL;
    }
    cmp = r_richcompare_bool(lo, hi, R_GE);
    if (cmp != 0) {
        R_DECREF(step);
        return cmp > 0 ? r_int_from_i64(0) : NULL;
    }
    if ((tmp1 = num_sub(hi, lo)) && (diff = add_small(tmp1, -1)) &&
        (tmp2 = num_floordiv(diff, step)))
        result = add_small(tmp2, 1);
    R_XDECREF(tmp1);
    R_XDECREF(diff);
    R_XDECREF(tmp2);
    R_DECREF(step);
    return result;
}

/* Steals start, stop and step. */
static RObject *make_range_object(RObject *start, RObject *stop, RObject *step)
{
    RObject *length = compute_range_length(start, stop, step);
    RRange *r = length ? (RRange *)r_alloc(&r_range_type) : NULL;
    if (!r) {
        R_XDECREF(length);
        R_DECREF(start);
        R_DECREF(stop);
        R_DECREF(step);
        return NULL;
    }
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = length;
    return (RObject *)r;
}

/* The validated range; steals start, stop and step (validate_step). */
static RObject *range_from_owned(RObject *start, RObject *stop, RObject *step)
{
    int zero = compare_with(step, 0, R_EQ);
    if (zero != 0) {
        if (zero > 0)
            r_err_set_string(r_exc_ValueError, "range() arg 3 must not be zero");
        R_DECREF(start);
        R_DECREF(stop);
        R_DECREF(step);
        return NULL;
    }
    return make_range_object(start, stop, step);
}

RObject *r_range_new(RObject *start, RObject *stop, RObject *step)
{
    return range_from_owned(r_incref(start), r_incref(stop), r_incref(step));
}

static RObject *range_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kwnames)
{
    (void)type;
    if (r_check_no_kwargs("range", kwnames) < 0)
        return NULL;
    RObject *start = NULL, *stop = NULL, *step = NULL;
    switch (nargs) {
    case 0:
        /* version: 3.8 says "range expected 1 argument, got 0" */
        r_err_set_string(r_exc_TypeError, "range expected at least 1 argument, got 0");
        return NULL;
    case 1:
        /* version: before 3.10, an int subclass (True) is kept as it is */
        if (!(stop = r_number_index(args[0])))
            return NULL;
        start = r_int_from_i64(0);
        step = r_int_from_i64(1);
        if (!start || !step)
            goto fail;
        return make_range_object(start, stop, step);
    case 2:
    case 3:
        if (!(start = r_number_index(args[0])) || !(stop = r_number_index(args[1])))
            goto fail;
        step = nargs == 3 ? r_number_index(args[2]) : r_int_from_i64(1);
        if (!step)
            goto fail;
        return range_from_owned(start, stop, step);
    default:
        return r_err_format(r_exc_TypeError, "range expected at most 3 arguments, got %zu",
                            nargs);
    }
fail:
    R_XDECREF(start);
    R_XDECREF(stop);
    R_XDECREF(step);
    return NULL;
}

static void range_dealloc(RObject *o)
{
    RRange *r = (RRange *)o;
    R_DECREF(r->start);
    R_DECREF(r->stop);
    R_DECREF(r->step);
    R_DECREF(r->length);
    r_free(o);
}

/* "range(0, 5)", or "range(0, 10, 2)" when the step is not 1 */
static RObject *range_repr(RObject *o)
{
    RRange *r = (RRange *)o;
    int one = compare_with(r->step, 1, R_EQ);
    if (one < 0)
        return NULL;
    if (one)
        return r_str_from_format("range(%R, %R)", r->start, r->stop);
    return r_str_from_format("range(%R, %R, %R)", r->start, r->stop, r->step);
}

static ssize_t range_length(RObject *o)
{
    return r_int_as_ssize(((RRange *)o)->length);
}

static int range_bool(RObject *o)
{
    return r_is_true(((RRange *)o)->length);
}

/* Equal ranges give the same sequence: same length, and for a non-empty
 * one the same start, and for a longer one the same step. */
static int range_equals(RRange *r0, RRange *r1)
{
    if (r0 == r1)
        return 1;
    int cmp = r_richcompare_bool(r0->length, r1->length, R_EQ);
    if (cmp != 1)
        return cmp;
    cmp = r_is_true(r0->length);
    if (cmp != 1)
        return cmp < 0 ? -1 : 1;
    cmp = r_richcompare_bool(r0->start, r1->start, R_EQ);
    if (cmp != 1)
        return cmp;
    cmp = compare_with(r0->length, 1, R_EQ);
    if (cmp != 0)
        return cmp;
    return r_richcompare_bool(r0->step, r1->step, R_EQ);
}

static RObject *range_richcompare(RObject *self, RObject *other, r_cmpop op)
{
    if (!R_RANGE_CHECK(other) || (op != R_EQ && op != R_NE))
        return r_incref(R_NOTIMPLEMENTED);
    int result = range_equals((RRange *)self, (RRange *)other);
    if (result < 0)
        return NULL;
    return r_bool_from_long(op == R_NE ? !result : result);
}

/* The hash of (len, start, step), with None for what equality ignores. */
static int64_t range_hash(RObject *o)
{
    RRange *r = (RRange *)o;
    RObject *second = R_NONE, *third = R_NONE;
    int nonempty = r_is_true(r->length);
    if (nonempty < 0)
        return -1;
    if (nonempty) {
        second = r->start;
        int one = compare_with(r->length, 1, R_EQ);
        if (one < 0)
            return -1;
        if (!one)
            third = r->step;
    }
    RObject *t = r_tuple_pack(3, r->length, second, third);
    if (!t)
        return -1;
    int64_t h = r_hash(t);
    R_DECREF(t);
    return h;
}

/* start + i * step */
static RObject *compute_item(RRange *r, RObject *i)
{
    int one = compare_with(r->step, 1, R_EQ);
    if (one < 0)
        return NULL;
    if (one)
        return num_add(r->start, i);
    RObject *incr = num_mul(i, r->step);
    if (!incr)
        return NULL;
    RObject *res = num_add(r->start, incr);
    R_DECREF(incr);
    return res;
}

/* self[i] for an int i, negative counting from the end. Steals i. */
static RObject *compute_range_item(RRange *r, RObject *i)
{
    int cmp = compare_with(i, 0, R_LT);
    if (cmp < 0)
        goto fail;
    if (cmp == 1) {
        R_SETREF(i, num_add(i, r->length));
        if (!i)
            return NULL;
    }
    cmp = compare_with(i, 0, R_LT);
    if (cmp == 0)
        cmp = r_richcompare_bool(i, r->length, R_GE);
    if (cmp < 0)
        goto fail;
    if (cmp == 1) {
        r_err_set_string(r_exc_IndexError, "range object index out of range");
        goto fail;
    }
    RObject *res = compute_item(r, i);
    R_DECREF(i);
    return res;
fail:
    R_DECREF(i);
    return NULL;
}

/* self[slice]: another range */
static RObject *compute_slice(RRange *r, RObject *slice)
{
    RObject *start, *stop, *step;
    if (r_slice_long_indices(slice, r->length, &start, &stop, &step) < 0)
        return NULL;
    RObject *substep = num_mul(step, r->step);
    RObject *substart = substep ? compute_item(r, start) : NULL;
    RObject *substop = substart ? compute_item(r, stop) : NULL;
    R_DECREF(start);
    R_DECREF(stop);
    R_DECREF(step);
    if (!substop) {
        R_XDECREF(substep);
        R_XDECREF(substart);
        return NULL;
    }
    return make_range_object(substart, substop, substep);
}

static RObject *range_subscript(RObject *o, RObject *item)
{
    RRange *r = (RRange *)o;
    if (R_TYPE(item)->nb_index) {
        RObject *i = r_number_index(item);
        return i ? compute_range_item(r, i) : NULL;
    }
    if (R_SLICE_CHECK(item))
        return compute_slice(r, item);
    return r_err_format(r_exc_TypeError, "range indices must be integers or slices, not %s",
                        R_TYPE(item)->name);
}

/* For an int: in bounds and on the stride. */
static int range_contains_long(RRange *r, RObject *ob)
{
    int cmp1 = compare_with(r->step, 0, R_GT), cmp2, cmp3;
    if (cmp1 < 0)
        return -1;
    if (cmp1 == 1) {
        /* start <= ob < stop */
        cmp2 = r_richcompare_bool(r->start, ob, R_LE);
        cmp3 = cmp2 == 1 ? r_richcompare_bool(ob, r->stop, R_LT) : 0;
    } else {
        /* stop < ob <= start */
        cmp2 = r_richcompare_bool(ob, r->start, R_LE);
        cmp3 = cmp2 == 1 ? r_richcompare_bool(r->stop, ob, R_LT) : 0;
    }
    if (cmp2 < 0 || cmp3 < 0)
        return -1;
    if (cmp2 == 0 || cmp3 == 0)
        return 0;
    RObject *tmp1 = num_sub(ob, r->start);
    RObject *tmp2 = tmp1 ? num_rem(tmp1, r->step) : NULL;
    int result = tmp2 ? compare_with(tmp2, 0, R_EQ) : -1;
    R_XDECREF(tmp1);
    R_XDECREF(tmp2);
    return result;
}

/* The iteration search of PySequence_Contains/Count/Index for an object
 * that is not an int: 1/0 for contains, a count, or an index (-1 with
 * ValueError when absent). */
enum { SEARCH_COUNT, SEARCH_INDEX, SEARCH_CONTAINS };

static ssize_t iter_search(RObject *seq, RObject *obj, int operation)
{
    RObject *it = r_get_iter(seq);
    if (!it)
        return -1;
    ssize_t n = 0, i = 0;
    bool found = false;
    RObject *item;
    while (!found && (item = r_iter_next(it)) != NULL) {
        int cmp = r_richcompare_bool(item, obj, R_EQ);
        R_DECREF(item);
        if (cmp < 0) {
            R_DECREF(it);
            return -1;
        }
        if (cmp > 0) {
            if (operation == SEARCH_COUNT)
                n++;
            else
                found = true;
        }
        if (!found)
            i++;
    }
    R_DECREF(it);
    if (r_err_occurred())
        return -1;
    if (operation == SEARCH_COUNT)
        return n;
    if (operation == SEARCH_CONTAINS)
        return found;
    if (!found) {
        r_err_set_string(r_exc_ValueError, "sequence.index(x): x not in sequence");
        return -1;
    }
    return i;
}

static int range_contains(RObject *o, RObject *ob)
{
    if (is_int_or_bool(ob))
        return range_contains_long((RRange *)o, ob);
    return (int)iter_search(o, ob, SEARCH_CONTAINS);
}

static RObject *range_count(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("range.count", kw) < 0 ||
        r_check_nargs("range.count", nargs, 1, 1) < 0)
        return NULL;
    ssize_t n = is_int_or_bool(args[0]) ? range_contains_long((RRange *)self, args[0])
                                       : iter_search(self, args[0], SEARCH_COUNT);
    return n < 0 ? NULL : r_int_from_i64(n);
}

static RObject *range_index(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("range.index", kw) < 0 ||
        r_check_nargs("range.index", nargs, 1, 1) < 0)
        return NULL;
    RRange *r = (RRange *)self;
    RObject *ob = args[0];
    if (!is_int_or_bool(ob)) {
        ssize_t index = iter_search(self, ob, SEARCH_INDEX);
        return index < 0 ? NULL : r_int_from_i64(index);
    }
    int contains = range_contains_long(r, ob);
    if (contains < 0)
        return NULL;
    if (!contains)
        return r_err_format(r_exc_ValueError, "%R is not in range", ob);
    /* (ob - start) // step */
    RObject *idx = num_sub(ob, r->start);
    if (!idx)
        return NULL;
    RObject *res = num_floordiv(idx, r->step);
    R_DECREF(idx);
    return res;
}

/* ---- iterators ---- */

typedef struct {
    RObject ob;
    int64_t start, step, len;
} RRangeIter;

typedef struct {
    RObject ob;
    RObject *start, *step, *len;
} RLongRangeIter;

static RObject *iter_self(RObject *o)
{
    return r_incref(o);
}

static RObject *rangeiter_next(RObject *o)
{
    RRangeIter *r = (RRangeIter *)o;
    if (r->len <= 0)
        return NULL;
    int64_t result = r->start;
    /* cannot overflow: checked when the iterator was made */
    r->start = (int64_t)((uint64_t)result + (uint64_t)r->step);
    r->len--;
    return r_int_from_i64(result);
}

static void rangeiter_dealloc(RObject *o)
{
    r_free(o);
}

static RType rangeiter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "range_iterator",
    .basicsize = sizeof(RRangeIter),
    .dealloc = rangeiter_dealloc,
    .iter = iter_self,
    .iternext = rangeiter_next,
};

static RObject *longrangeiter_next(RObject *o)
{
    RLongRangeIter *r = (RLongRangeIter *)o;
    if (compare_with(r->len, 0, R_GT) != 1)
        return NULL;
    RObject *new_start = num_add(r->start, r->step);
    if (!new_start)
        return NULL;
    RObject *new_len = add_small(r->len, -1);
    if (!new_len) {
        R_DECREF(new_start);
        return NULL;
    }
    RObject *result = r->start;
    r->start = new_start;
    R_SETREF(r->len, new_len);
    return result;
}

static void longrangeiter_dealloc(RObject *o)
{
    RLongRangeIter *r = (RLongRangeIter *)o;
    R_XDECREF(r->start);
    R_XDECREF(r->step);
    R_XDECREF(r->len);
    r_free(o);
}

static RType longrangeiter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "longrange_iterator",
    .basicsize = sizeof(RLongRangeIter),
    .dealloc = longrangeiter_dealloc,
    .iter = iter_self,
    .iternext = longrangeiter_next,
};

static RObject *fast_range_iter(int64_t start, int64_t step, int64_t len)
{
    if (!rangeiter_type.ready && r_type_ready(&rangeiter_type) < 0)
        return NULL;
    RRangeIter *it = (RRangeIter *)r_alloc(&rangeiter_type);
    if (!it)
        return NULL;
    it->start = start;
    it->step = step;
    it->len = len;
    return (RObject *)it;
}

/* Steals start, step and len. */
static RObject *long_range_iter(RObject *start, RObject *step, RObject *len)
{
    RLongRangeIter *it = NULL;
    if (start && step && len &&
        (longrangeiter_type.ready || r_type_ready(&longrangeiter_type) == 0))
        it = (RLongRangeIter *)r_alloc(&longrangeiter_type);
    if (!it) {
        R_XDECREF(start);
        R_XDECREF(step);
        R_XDECREF(len);
        return NULL;
    }
    it->start = start;
    it->step = step;
    it->len = len;
    return (RObject *)it;
}

/* The number of items of range(lo, hi, step) in C (get_len_of_range). */
static uint64_t len_of_range(int64_t lo, int64_t hi, int64_t step)
{
    if (step > 0 && lo < hi)
        return 1 + ((uint64_t)hi - 1 - (uint64_t)lo) / (uint64_t)step;
    if (step < 0 && lo > hi)
        return 1 + ((uint64_t)lo - 1 - (uint64_t)hi) / (0 - (uint64_t)step);
    return 0;
}

static RObject *range_iter(RObject *o)
{
    RRange *r = (RRange *)o;
    int64_t lstart, lstop, lstep;
    /* C integers when the bounds, the length and start + len * step fit */
    if (as_i64(r->start, &lstart) && as_i64(r->stop, &lstop) && as_i64(r->step, &lstep)) {
        uint64_t ulen = len_of_range(lstart, lstop, lstep);
        bool fits = ulen <= (uint64_t)INT64_MAX;
        if (fits && ulen) {
            if (lstep > 0)
                fits = lstop <= INT64_MAX - (lstep - 1);
            else
                fits = lstop >= INT64_MIN + (-1 - lstep);
        }
        if (fits)
            return fast_range_iter(lstart, lstep, (int64_t)ulen);
    }
    return long_range_iter(r_incref(r->start), r_incref(r->step), r_incref(r->length));
}

/* reversed(range(start, stop, step)) runs over
 * range(start + (n-1)*step, start - step, -step). */
static RObject *range_reversed(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("range.__reversed__", kw) < 0 ||
        r_check_nargs("range.__reversed__", nargs, 0, 0) < 0)
        return NULL;
    RRange *r = (RRange *)self;
    int64_t lstart, lstop, lstep;
    if (as_i64(r->start, &lstart) && as_i64(r->stop, &lstop) && as_i64(r->step, &lstep) &&
        lstep != INT64_MIN &&
        (lstep > 0 ? lstart >= INT64_MIN + lstep : lstart <= INT64_MAX + lstep)) {
        uint64_t ulen = len_of_range(lstart, lstop, lstep);
        if (ulen <= (uint64_t)INT64_MAX) {
            int64_t new_stop = lstart - lstep;
            int64_t new_start = (int64_t)((uint64_t)new_stop + ulen * (uint64_t)lstep);
            return fast_range_iter(new_start, -lstep, (int64_t)ulen);
        }
    }
    /* start + (len - 1) * step, then backwards */
    RObject *lenm1 = add_small(r->length, -1);
    RObject *prod = lenm1 ? num_mul(lenm1, r->step) : NULL;
    RObject *start = prod ? num_add(r->start, prod) : NULL;
    RObject *step = start && R_TYPE(r->step)->nb_negative
                        ? R_TYPE(r->step)->nb_negative(r->step)
                        : NULL;
    R_XDECREF(lenm1);
    R_XDECREF(prod);
    return long_range_iter(start, step, step ? r_incref(r->length) : NULL);
}

static RObject *range_get_start(RObject *o)
{
    return r_incref(((RRange *)o)->start);
}

static RObject *range_get_stop(RObject *o)
{
    return r_incref(((RRange *)o)->stop);
}

static RObject *range_get_step(RObject *o)
{
    return r_incref(((RRange *)o)->step);
}

static const r_method_def range_methods[] = {
    {"__reversed__", range_reversed, 0, "Return a reverse iterator."},
    {"count", range_count, 0, "rangeobject.count(value) -> integer -- return number of "
                              "occurrences of value"},
    {"index", range_index, 0, "rangeobject.index(value) -> integer -- return index of value."},
    {NULL, NULL, 0, NULL},
};

static const r_getset_def range_getsets[] = {
    {"start", range_get_start, NULL},
    {"stop", range_get_stop, NULL},
    {"step", range_get_step, NULL},
    {NULL, NULL, NULL},
};

RType r_range_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "range",
    .basicsize = sizeof(RRange),
    .dealloc = range_dealloc,
    .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare,
    .iter = range_iter,
    .nb_bool = range_bool,
    .len = range_length,
    .getitem = range_subscript,
    .contains = range_contains,
    .tp_new = range_tp_new,
    .methods = range_methods,
    .getsets = range_getsets,
    .doc = "range(stop) -> range object\nrange(start, stop[, step]) -> range object",
};
