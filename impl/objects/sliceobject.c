/* slice objects (CPython's Objects/sliceobject.c) and the index
 * normalisation every sequence uses for s[i:j:k]. */
#include "sliceobject.h"

#include <stddef.h>
#include <stdint.h>

#include "boolobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "strobject.h"
#include "tupleobject.h"

#define SSIZE_MAX_ ((ssize_t)(SIZE_MAX >> 1))
#define SSIZE_MIN_ (-SSIZE_MAX_ - 1)

static bool has_index(RObject *o)
{
    return R_TYPE(o)->nb_index != NULL;
}

int r_eval_slice_index(RObject *v, ssize_t *pi)
{
    if (v == R_NONE)
        return 1;
    if (!has_index(v)) {
        r_err_set_string(r_exc_TypeError,
                         "slice indices must be integers or None or have an __index__ method");
        return 0;
    }
    ssize_t x = r_number_as_ssize(v, NULL); /* clamps, as PyNumber_AsSsize_t(v, NULL) */
    if (x == -1 && r_err_occurred())
        return 0;
    *pi = x;
    return 1;
}

int r_eval_slice_index_not_none(RObject *v, ssize_t *pi)
{
    if (!has_index(v)) {
        r_err_set_string(r_exc_TypeError,
                         "slice indices must be integers or have an __index__ method");
        return 0;
    }
    ssize_t x = r_number_as_ssize(v, NULL);
    if (x == -1 && r_err_occurred())
        return 0;
    *pi = x;
    return 1;
}

RObject *r_slice_new(RObject *start, RObject *stop, RObject *step)
{
    RSlice *s = (RSlice *)r_alloc(&r_slice_type);
    if (!s)
        return NULL;
    s->start = r_incref(start ? start : R_NONE);
    s->stop = r_incref(stop ? stop : R_NONE);
    s->step = r_incref(step ? step : R_NONE);
    return (RObject *)s;
}

int r_slice_unpack(RObject *slice, ssize_t *start, ssize_t *stop, ssize_t *step)
{
    RSlice *r = (RSlice *)slice;
    if (r->step == R_NONE) {
        *step = 1;
    } else {
        if (!r_eval_slice_index(r->step, step))
            return -1;
        if (*step == 0) {
            r_err_set_string(r_exc_ValueError, "slice step cannot be zero");
            return -1;
        }
        /* so that -step cannot overflow in the length computation */
        if (*step < -SSIZE_MAX_)
            *step = -SSIZE_MAX_;
    }
    if (r->start == R_NONE)
        *start = *step < 0 ? SSIZE_MAX_ : 0;
    else if (!r_eval_slice_index(r->start, start))
        return -1;
    if (r->stop == R_NONE)
        *stop = *step < 0 ? SSIZE_MIN_ : SSIZE_MAX_;
    else if (!r_eval_slice_index(r->stop, stop))
        return -1;
    return 0;
}

ssize_t r_slice_adjust_indices(ssize_t length, ssize_t *start, ssize_t *stop, ssize_t step)
{
    if (*start < 0) {
        *start += length;
        if (*start < 0)
            *start = step < 0 ? -1 : 0;
    } else if (*start >= length) {
        *start = step < 0 ? length - 1 : length;
    }
    if (*stop < 0) {
        *stop += length;
        if (*stop < 0)
            *stop = step < 0 ? -1 : 0;
    } else if (*stop >= length) {
        *stop = step < 0 ? length - 1 : length;
    }
    if (step < 0) {
        if (*stop < *start)
            return (*start - *stop - 1) / (-step) + 1;
    } else if (*start < *stop) {
        return (*stop - *start - 1) / step + 1;
    }
    return 0;
}

int r_slice_indices(RObject *slice, ssize_t length, ssize_t *start, ssize_t *stop,
                    ssize_t *step, ssize_t *slicelength)
{
    if (r_slice_unpack(slice, start, stop, step) < 0)
        return -1;
    *slicelength = r_slice_adjust_indices(length, start, stop, *step);
    return 0;
}

/* ---- arbitrary-size indices (_PySlice_GetLongIndices) ---- */

static RObject *evaluate_slice_index(RObject *v)
{
    if (has_index(v))
        return r_number_index(v);
    r_err_set_string(r_exc_TypeError,
                     "slice indices must be integers or None or have an __index__ method");
    return NULL;
}

static RObject *int_add(RObject *a, RObject *b)
{
    return r_number_binop(a, b, offsetof(RType, nb_add), "+");
}

/* -1, 0 or 1 for an int; -2 on error */
static int int_sign(RObject *v)
{
    RObject *zero = r_int_from_i64(0);
    if (!zero)
        return -2;
    int lt = r_richcompare_bool(v, zero, R_LT);
    int gt = lt == 0 ? r_richcompare_bool(v, zero, R_GT) : 0;
    R_DECREF(zero);
    if (lt < 0 || gt < 0)
        return -2;
    return lt ? -1 : gt;
}

/* The clamped value of an explicit start or stop. */
static RObject *clamp_long_index(RObject *given, RObject *length, RObject *lower, RObject *upper)
{
    RObject *v = evaluate_slice_index(given);
    if (!v)
        return NULL;
    int sign = int_sign(v);
    if (sign == -2)
        goto fail;
    if (sign < 0) {
        R_SETREF(v, int_add(v, length));
        if (!v)
            return NULL;
        int below = r_richcompare_bool(v, lower, R_LT);
        if (below < 0)
            goto fail;
        if (below)
            R_SETREF(v, r_incref(lower));
    } else {
        int above = r_richcompare_bool(v, upper, R_GT);
        if (above < 0)
            goto fail;
        if (above)
            R_SETREF(v, r_incref(upper));
    }
    return v;
fail:
    R_DECREF(v);
    return NULL;
}

int r_slice_long_indices(RObject *slice, RObject *length, RObject **start_ptr,
                         RObject **stop_ptr, RObject **step_ptr)
{
    RSlice *self = (RSlice *)slice;
    RObject *step = NULL, *lower = NULL, *upper = NULL, *start = NULL, *stop = NULL;
    bool step_is_negative;

    if (self->step == R_NONE) {
        step = r_int_from_i64(1);
        if (!step)
            return -1;
        step_is_negative = false;
    } else {
        step = evaluate_slice_index(self->step);
        if (!step)
            return -1;
        int sign = int_sign(step);
        if (sign == -2)
            goto error;
        if (sign == 0) {
            r_err_set_string(r_exc_ValueError, "slice step cannot be zero");
            goto error;
        }
        step_is_negative = sign < 0;
    }

    /* the bounds that start and stop are clipped to */
    if (step_is_negative) {
        lower = r_int_from_i64(-1);
        upper = lower ? int_add(length, lower) : NULL;
    } else {
        lower = r_int_from_i64(0);
        upper = r_incref(length);
    }
    if (!lower || !upper)
        goto error;

    if (self->start == R_NONE)
        start = r_incref(step_is_negative ? upper : lower);
    else
        start = clamp_long_index(self->start, length, lower, upper);
    if (!start)
        goto error;
    if (self->stop == R_NONE)
        stop = r_incref(step_is_negative ? lower : upper);
    else
        stop = clamp_long_index(self->stop, length, lower, upper);
    if (!stop)
        goto error;

    R_DECREF(lower);
    R_DECREF(upper);
    *start_ptr = start;
    *stop_ptr = stop;
    *step_ptr = step;
    return 0;
error:
    R_XDECREF(step);
    R_XDECREF(lower);
    R_XDECREF(upper);
    R_XDECREF(start);
    R_XDECREF(stop);
    return -1;
}

/* ---- the slice type ---- */

static void slice_dealloc(RObject *o)
{
    RSlice *s = (RSlice *)o;
    R_DECREF(s->start);
    R_DECREF(s->stop);
    R_DECREF(s->step);
    r_free(o);
}

static int slice_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RSlice *s = (RSlice *)o;
    int rc = visit(s->start, arg);
    if (!rc)
        rc = visit(s->stop, arg);
    return rc ? rc : visit(s->step, arg);
}

static RObject *slice_repr(RObject *o)
{
    RSlice *s = (RSlice *)o;
    return r_str_from_format("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

static RObject *slice_as_tuple(RObject *o)
{
    RSlice *s = (RSlice *)o;
    return r_tuple_pack(3, s->start, s->stop, s->step);
}

/* version: slices are unhashable before 3.12 ("unhashable type: 'slice'");
 * 3.12 mixes the three hashes as the tuple hash does, without the length
 * term. */
static int64_t slice_hash(RObject *o)
{
    RSlice *s = (RSlice *)o;
    RObject *const items[3] = {s->start, s->stop, s->step};
    uint64_t acc = 2870177450012600261ULL; /* _PyHASH_XXPRIME_5 */
    for (int i = 0; i < 3; i++) {
        int64_t lane = r_hash(items[i]);
        if (lane == -1)
            return -1;
        acc += (uint64_t)lane * 14029467366897019727ULL; /* _PyHASH_XXPRIME_2 */
        acc = (acc << 31) | (acc >> 33);
        acc *= 11400714785074694791ULL; /* _PyHASH_XXPRIME_1 */
    }
    return acc == UINT64_MAX ? 1546275796 : (int64_t)acc;
}

/* Slices compare as the tuples (start, stop, step). */
static RObject *slice_richcompare(RObject *v, RObject *w, r_cmpop op)
{
    if (!R_SLICE_CHECK(v) || !R_SLICE_CHECK(w))
        return r_incref(R_NOTIMPLEMENTED);
    if (v == w) {
        switch (op) {
        case R_EQ:
        case R_LE:
        case R_GE:
            return r_bool_from_long(1);
        case R_NE:
        case R_LT:
        case R_GT:
            return r_bool_from_long(0);
        }
    }
    RObject *t1 = slice_as_tuple(v);
    if (!t1)
        return NULL;
    RObject *t2 = slice_as_tuple(w);
    if (!t2) {
        R_DECREF(t1);
        return NULL;
    }
    RObject *res = r_richcompare(t1, t2, op);
    R_DECREF(t1);
    R_DECREF(t2);
    return res;
}

static RObject *slice_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kwnames)
{
    (void)type;
    if (r_check_no_kwargs("slice", kwnames) < 0 || r_check_nargs("slice", nargs, 1, 3) < 0)
        return NULL;
    if (nargs == 1)
        return r_slice_new(NULL, args[0], NULL);
    return r_slice_new(args[0], args[1], nargs == 3 ? args[2] : NULL);
}

static RObject *slice_indices(RObject *self, RObject *const *args, size_t nargs,
                              RObject *kwnames)
{
    if (r_check_no_kwargs("slice.indices", kwnames) < 0 ||
        r_check_nargs("slice.indices", nargs, 1, 1) < 0)
        return NULL;
    RObject *length = r_number_index(args[0]);
    if (!length)
        return NULL;
    int sign = int_sign(length);
    if (sign == -2) {
        R_DECREF(length);
        return NULL;
    }
    if (sign < 0) {
        R_DECREF(length);
        r_err_set_string(r_exc_ValueError, "length should not be negative");
        return NULL;
    }
    RObject *start, *stop, *step;
    int rc = r_slice_long_indices(self, length, &start, &stop, &step);
    R_DECREF(length);
    if (rc < 0)
        return NULL;
    RObject *res = r_tuple_pack(3, start, stop, step);
    R_DECREF(start);
    R_DECREF(stop);
    R_DECREF(step);
    return res;
}

static RObject *slice_get_start(RObject *o)
{
    return r_incref(((RSlice *)o)->start);
}

static RObject *slice_get_stop(RObject *o)
{
    return r_incref(((RSlice *)o)->stop);
}

static RObject *slice_get_step(RObject *o)
{
    return r_incref(((RSlice *)o)->step);
}

static const r_method_def slice_methods[] = {
    {"indices", slice_indices, 0, "S.indices(len) -> (start, stop, stride)"},
    {NULL, NULL, 0, NULL},
};

static const r_getset_def slice_getsets[] = {
    {"start", slice_get_start, NULL},
    {"stop", slice_get_stop, NULL},
    {"step", slice_get_step, NULL},
    {NULL, NULL, NULL},
};

RType r_slice_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "slice",
    .basicsize = sizeof(RSlice),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = slice_dealloc,
    .traverse = slice_traverse,
    .repr = slice_repr,
    .hash = slice_hash,
    .richcompare = slice_richcompare,
    .tp_new = slice_tp_new,
    .methods = slice_methods,
    .getsets = slice_getsets,
    .doc = "slice(stop)\nslice(start, stop[, step])",
};
