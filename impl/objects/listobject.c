/* list (CPython's Objects/listobject.c): over-allocating growth, indexing
 * and slice assignment with CPython's errors, the methods (the sort itself
 * is in listsort.c), the two iterators, and the repr guard (Py_ReprEnter)
 * that every container repr uses.
 *
 * version: 3.8 names methods without their type in argument errors
 * ("append() takes exactly one argument (0 given)"); 3.9+'s texts, with
 * "list.", are used. */
#include "listobject.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"

#define SSIZE_MAX_ ((ssize_t)(SIZE_MAX >> 1))

/* ---- the repr guard: the objects whose repr is being built, per thread ---- */

static _Thread_local RObject **repr_stack;
static _Thread_local ssize_t repr_depth, repr_cap;

int r_repr_enter(RObject *o)
{
    for (ssize_t i = 0; i < repr_depth; i++)
        if (repr_stack[i] == o)
            return 1;
    if (repr_depth == repr_cap) {
        ssize_t cap = repr_cap ? repr_cap * 2 : 16;
        RObject **s = realloc(repr_stack, (size_t)cap * sizeof *s);
        if (!s) {
            r_err_no_memory();
            return -1;
        }
        repr_stack = s;
        repr_cap = cap;
    }
    repr_stack[repr_depth++] = o;
    return 0;
}

void r_repr_leave(RObject *o)
{
    /* the object is normally the last one entered */
    for (ssize_t i = repr_depth - 1; i >= 0; i--) {
        if (repr_stack[i] == o) {
            memmove(&repr_stack[i], &repr_stack[i + 1],
                    (size_t)(repr_depth - i - 1) * sizeof *repr_stack);
            repr_depth--;
            break;
        }
    }
    if (repr_depth == 0) {
        free(repr_stack);
        repr_stack = NULL;
        repr_cap = 0;
    }
}

/* ---- storage ---- */

#define LIST(o) ((RList *)(o))

/* Ensures room for newsize items and sets the size; CPython 3.12's growth
 * pattern (0, 4, 8, 16, 24, 32, 40, 52, 64, 76, ...). */
static int list_resize(RList *self, ssize_t newsize)
{
    ssize_t allocated = self->allocated;
    if (allocated >= newsize && newsize >= (allocated >> 1)) {
        self->size = newsize;
        return 0;
    }
    size_t new_allocated = ((size_t)newsize + ((size_t)newsize >> 3) + 6) & ~(size_t)3;
    if (newsize - self->size > (ssize_t)(new_allocated - (size_t)newsize))
        new_allocated = ((size_t)newsize + 3) & ~(size_t)3;
    if (newsize == 0)
        new_allocated = 0;
    if (new_allocated > (size_t)SSIZE_MAX_ / sizeof(RObject *)) {
        r_err_no_memory();
        return -1;
    }
    RObject **items = NULL;
    if (new_allocated) {
        items = realloc(self->items, new_allocated * sizeof(RObject *));
        if (!items) {
            r_err_no_memory();
            return -1;
        }
    } else {
        free(self->items);
    }
    self->items = items;
    self->size = newsize;
    self->allocated = (ssize_t)new_allocated;
    return 0;
}

static RObject *list_alloc(RType *type, ssize_t n)
{
    if (n < 0) {
        r_err_set_string(r_exc_SystemError, "bad argument to internal function");
        return NULL;
    }
    if (n > SSIZE_MAX_ / (ssize_t)sizeof(RObject *))
        return r_err_no_memory();
    RList *l = (RList *)r_alloc(type);
    if (!l)
        return NULL;
    if (n > 0) {
        l->items = calloc((size_t)n, sizeof(RObject *));
        if (!l->items) {
            R_DECREF(l);
            return r_err_no_memory();
        }
    }
    l->size = l->allocated = n;
    return (RObject *)l;
}

RObject *r_list_new(ssize_t n)
{
    return list_alloc(&r_list_type, n);
}

static int app1(RList *self, RObject *v)
{
    ssize_t n = self->size;
    if (n == SSIZE_MAX_) {
        r_err_set_string(r_exc_OverflowError, "cannot add more objects to list");
        return -1;
    }
    if (list_resize(self, n + 1) < 0)
        return -1;
    self->items[n] = r_incref(v);
    return 0;
}

int r_list_append(RObject *list, RObject *item)
{
    return app1(LIST(list), item);
}

static int ins1(RList *self, ssize_t where, RObject *v)
{
    ssize_t n = self->size;
    if (n == SSIZE_MAX_) {
        r_err_set_string(r_exc_OverflowError, "cannot add more objects to list");
        return -1;
    }
    if (list_resize(self, n + 1) < 0)
        return -1;
    if (where < 0) {
        where += n;
        if (where < 0)
            where = 0;
    }
    if (where > n)
        where = n;
    memmove(&self->items[where + 1], &self->items[where], (size_t)(n - where) * sizeof(RObject *));
    self->items[where] = r_incref(v);
    return 0;
}

/* Empties the list before releasing the items: their destructors may run
 * code that uses it. */
static void list_clear_items(RList *a)
{
    RObject **items = a->items;
    if (!items)
        return;
    ssize_t i = a->size;
    a->size = 0;
    a->items = NULL;
    a->allocated = 0;
    while (--i >= 0)
        R_XDECREF(items[i]);
    free(items);
}

static void list_dealloc(RObject *o)
{
    RList *l = LIST(o);
    if (l->items) {
        for (ssize_t i = l->size; --i >= 0;)
            R_XDECREF(l->items[i]);
        free(l->items);
    }
    r_free(o);
}

static int list_traverse(RObject *o, r_visitproc visit, void *arg)
{
    for (ssize_t i = LIST(o)->size; --i >= 0;) {
        RObject *item = LIST(o)->items[i];
        int rc = item ? visit(item, arg) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

static void list_clear_slot(RObject *o)
{
    list_clear_items(LIST(o));
}

static RObject *list_slice(RList *a, ssize_t ilow, ssize_t ihigh)
{
    ssize_t len = ihigh - ilow;
    RObject *np = r_list_new(len);
    if (!np)
        return NULL;
    for (ssize_t i = 0; i < len; i++)
        LIST(np)->items[i] = r_incref(a->items[ilow + i]);
    return np;
}

RObject *r_list_as_tuple(RObject *list)
{
    return r_tuple_from_array(LIST(list)->items, LIST(list)->size);
}

/* PySequence_Fast: a list or tuple as it is, anything else iterated into
 * a list; a TypeError from iter() becomes message. */
RObject *r_sequence_fast(RObject *v, const char *message)
{
    if (r_isinstance_exact(v, &r_list_type) || r_isinstance_exact(v, &r_tuple_type))
        return r_incref(v);
    RObject *it = r_get_iter(v);
    if (!it) {
        if (r_err_matches(r_exc_TypeError))
            r_err_set_string(r_exc_TypeError, message);
        return NULL;
    }
    RObject *res = r_sequence_list(it);
    R_DECREF(it);
    return res;
}

static ssize_t fast_size(RObject *seq)
{
    return R_LIST_CHECK(seq) ? LIST(seq)->size : R_TUPLE_SIZE(seq);
}

static RObject **fast_items(RObject *seq)
{
    return R_LIST_CHECK(seq) ? LIST(seq)->items : R_TUPLE_ITEMS(seq);
}

/* a[ilow:ihigh] = v, or del a[ilow:ihigh] when v is NULL. The removed
 * items are released only once the list is consistent again. */
static int list_ass_slice(RList *a, ssize_t ilow, ssize_t ihigh, RObject *v)
{
    RObject *v_as_sf = NULL;
    RObject **vitem = NULL;
    ssize_t n = 0;
    if (v) {
        if ((RObject *)a == v) {
            /* a[i:j] = a: copy first */
            RObject *copy = list_slice(a, 0, a->size);
            if (!copy)
                return -1;
            int rc = list_ass_slice(a, ilow, ihigh, copy);
            R_DECREF(copy);
            return rc;
        }
        v_as_sf = r_sequence_fast(v, "can only assign an iterable");
        if (!v_as_sf)
            return -1;
        n = fast_size(v_as_sf);
        vitem = fast_items(v_as_sf);
    }
    if (ilow < 0)
        ilow = 0;
    else if (ilow > a->size)
        ilow = a->size;
    if (ihigh < ilow)
        ihigh = ilow;
    else if (ihigh > a->size)
        ihigh = a->size;
    ssize_t norig = ihigh - ilow;
    ssize_t d = n - norig;
    if (a->size + d == 0) {
        R_XDECREF(v_as_sf);
        list_clear_items(a);
        return 0;
    }
    RObject **recycle = NULL;
    if (norig > 0) {
        recycle = malloc((size_t)norig * sizeof(RObject *));
        if (!recycle) {
            R_XDECREF(v_as_sf);
            r_err_no_memory();
            return -1;
        }
        memcpy(recycle, &a->items[ilow], (size_t)norig * sizeof(RObject *));
    }
    if (d < 0) {
        size_t tail = (size_t)(a->size - ihigh) * sizeof(RObject *);
        memmove(&a->items[ihigh + d], &a->items[ihigh], tail);
        if (list_resize(a, a->size + d) < 0) {
            memmove(&a->items[ihigh], &a->items[ihigh + d], tail);
            memcpy(&a->items[ilow], recycle, (size_t)norig * sizeof(RObject *));
            free(recycle);
            R_XDECREF(v_as_sf);
            return -1;
        }
    } else if (d > 0) {
        ssize_t k = a->size;
        if (list_resize(a, k + d) < 0) {
            free(recycle);
            R_XDECREF(v_as_sf);
            return -1;
        }
        memmove(&a->items[ihigh + d], &a->items[ihigh], (size_t)(k - ihigh) * sizeof(RObject *));
    }
    for (ssize_t k = 0; k < n; k++, ilow++)
        a->items[ilow] = r_incref(vitem[k]);
    for (ssize_t k = norig - 1; k >= 0; --k)
        R_XDECREF(recycle[k]);
    free(recycle);
    R_XDECREF(v_as_sf);
    return 0;
}

/* ---- list(iterable) and extend ---- */

static int list_extend(RList *self, RObject *iterable)
{
    if (r_isinstance_exact(iterable, &r_list_type) ||
        r_isinstance_exact(iterable, &r_tuple_type) || (RObject *)self == iterable) {
        ssize_t n = fast_size(iterable);
        if (n == 0)
            return 0;
        ssize_t m = self->size;
        if (list_resize(self, m + n) < 0)
            return -1;
        /* read the source after the resize: it may be self */
        RObject **src = fast_items(iterable);
        for (ssize_t i = 0; i < n; i++)
            self->items[m + i] = r_incref(src[i]);
        return 0;
    }
    RObject *it = r_get_iter(iterable);
    if (!it)
        return -1;
    RObject *item;
    int rc = 0;
    while ((item = r_iter_next(it)) != NULL) {
        rc = app1(self, item);
        R_DECREF(item);
        if (rc < 0)
            break;
    }
    R_DECREF(it);
    return r_err_occurred() ? -1 : 0;
}

RObject *r_sequence_list(RObject *iterable)
{
    RObject *res = r_list_new(0);
    if (res && list_extend(LIST(res), iterable) < 0)
        R_CLEAR(res);
    return res;
}

/* ---- slots ---- */

static RObject *list_repr(RObject *o)
{
    RList *v = LIST(o);
    if (v->size == 0)
        return r_str_from_cstr("[]");
    int rc = r_repr_enter(o);
    if (rc != 0)
        return rc > 0 ? r_str_from_cstr("[...]") : NULL;
    r_str_builder b;
    r_sb_init(&b);
    r_sb_append(&b, "[", 1);
    /* an item's repr may change the list: re-read its size each time */
    for (ssize_t i = 0; i < v->size; i++) {
        if (i > 0)
            r_sb_append(&b, ", ", 2);
        RObject *item = r_incref(v->items[i]);
        RObject *s = r_repr(item);
        R_DECREF(item);
        if (!s) {
            r_sb_discard(&b);
            r_repr_leave(o);
            return NULL;
        }
        r_sb_append_str(&b, s);
        R_DECREF(s);
    }
    r_sb_append(&b, "]", 1);
    r_repr_leave(o);
    return r_sb_finish(&b);
}

static ssize_t list_length(RObject *o)
{
    return LIST(o)->size;
}

static int list_contains(RObject *o, RObject *el)
{
    RList *a = LIST(o);
    int cmp = 0;
    for (ssize_t i = 0; cmp == 0 && i < a->size; i++) {
        RObject *item = r_incref(a->items[i]);
        cmp = r_richcompare_bool(item, el, R_EQ);
        R_DECREF(item);
    }
    return cmp;
}

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

static RObject *list_richcompare(RObject *v, RObject *w, r_cmpop op)
{
    if (!R_LIST_CHECK(v) || !R_LIST_CHECK(w))
        return r_incref(R_NOTIMPLEMENTED);
    RList *vl = LIST(v), *wl = LIST(w);
    /* lists of different lengths differ */
    if (vl->size != wl->size && (op == R_EQ || op == R_NE))
        return r_bool_from_long(op == R_NE);
    /* the first index where the items differ; a comparison may change the
     * lists, so the sizes are read again each time */
    ssize_t i;
    for (i = 0; i < vl->size && i < wl->size; i++) {
        RObject *vitem = vl->items[i], *witem = wl->items[i];
        if (vitem == witem)
            continue;
        R_INCREF(vitem);
        R_INCREF(witem);
        int k = r_richcompare_bool(vitem, witem, R_EQ);
        R_DECREF(vitem);
        R_DECREF(witem);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    if (i >= vl->size || i >= wl->size)
        return compare_sizes(vl->size, wl->size, op);
    if (op == R_EQ)
        return r_bool_from_long(0);
    if (op == R_NE)
        return r_bool_from_long(1);
    RObject *vitem = r_incref(vl->items[i]), *witem = r_incref(wl->items[i]);
    RObject *res = r_richcompare(vitem, witem, op);
    R_DECREF(vitem);
    R_DECREF(witem);
    return res;
}

static RObject *list_subscript(RObject *o, RObject *item)
{
    RList *self = LIST(o);
    if (R_TYPE(item)->nb_index) {
        ssize_t i = r_number_as_ssize(item, r_exc_IndexError);
        if (i == -1 && r_err_occurred())
            return NULL;
        if (i < 0)
            i += self->size;
        if (i < 0 || i >= self->size) {
            r_err_set_string(r_exc_IndexError, "list index out of range");
            return NULL;
        }
        return r_incref(self->items[i]);
    }
    if (R_SLICE_CHECK(item)) {
        ssize_t start, stop, step;
        if (r_slice_unpack(item, &start, &stop, &step) < 0)
            return NULL;
        ssize_t n = r_slice_adjust_indices(self->size, &start, &stop, step);
        if (n <= 0)
            return r_list_new(0);
        if (step == 1)
            return list_slice(self, start, stop);
        RObject *res = r_list_new(n);
        if (!res)
            return NULL;
        for (ssize_t k = 0, cur = start; k < n; k++, cur += step)
            LIST(res)->items[k] = r_incref(self->items[cur]);
        return res;
    }
    return r_err_format(r_exc_TypeError, "list indices must be integers or slices, not %s",
                        R_TYPE(item)->name);
}

/* del self[start::step] for an extended slice of n items */
static int delete_extended_slice(RList *self, ssize_t start, ssize_t stop, ssize_t step,
                                 ssize_t n)
{
    if (n <= 0)
        return 0;
    if (step < 0) {
        stop = start + 1;
        start = stop + step * (n - 1) - 1;
        step = -step;
    }
    RObject **garbage = malloc((size_t)n * sizeof(RObject *));
    if (!garbage) {
        r_err_no_memory();
        return -1;
    }
    /* close the gaps: step-1 kept items follow each removed one */
    size_t cur;
    ssize_t i;
    for (cur = (size_t)start, i = 0; cur < (size_t)stop; cur += (size_t)step, i++) {
        ssize_t lim = step - 1;
        garbage[i] = self->items[cur];
        if (cur + (size_t)step >= (size_t)self->size)
            lim = self->size - (ssize_t)cur - 1;
        memmove(self->items + cur - i, self->items + cur + 1, (size_t)lim * sizeof(RObject *));
    }
    cur = (size_t)start + (size_t)n * (size_t)step;
    if (cur < (size_t)self->size)
        memmove(self->items + cur - n, self->items + cur,
                ((size_t)self->size - cur) * sizeof(RObject *));
    self->size -= n;
    int rc = list_resize(self, self->size);
    for (i = 0; i < n; i++)
        R_DECREF(garbage[i]);
    free(garbage);
    return rc;
}

static int assign_extended_slice(RList *self, ssize_t start, ssize_t step, ssize_t n,
                                 RObject *value)
{
    /* a[::-1] = a: copy first */
    RObject *seq = (RObject *)self == value
                       ? list_slice(self, 0, self->size)
                       : r_sequence_fast(value, "must assign iterable to extended slice");
    if (!seq)
        return -1;
    if (fast_size(seq) != n) {
        r_err_format(r_exc_ValueError,
                     "attempt to assign sequence of size %zd to extended slice of size %zd",
                     fast_size(seq), n);
        R_DECREF(seq);
        return -1;
    }
    if (n == 0) {
        R_DECREF(seq);
        return 0;
    }
    RObject **garbage = malloc((size_t)n * sizeof(RObject *));
    if (!garbage) {
        R_DECREF(seq);
        r_err_no_memory();
        return -1;
    }
    RObject **seqitems = fast_items(seq);
    size_t cur = (size_t)start;
    for (ssize_t i = 0; i < n; cur += (size_t)step, i++) {
        garbage[i] = self->items[cur];
        self->items[cur] = r_incref(seqitems[i]);
    }
    for (ssize_t i = 0; i < n; i++)
        R_DECREF(garbage[i]);
    free(garbage);
    R_DECREF(seq);
    return 0;
}

static int list_ass_subscript(RObject *o, RObject *item, RObject *value)
{
    RList *self = LIST(o);
    if (R_TYPE(item)->nb_index) {
        ssize_t i = r_number_as_ssize(item, r_exc_IndexError);
        if (i == -1 && r_err_occurred())
            return -1;
        if (i < 0)
            i += self->size;
        if (i < 0 || i >= self->size) {
            r_err_set_string(r_exc_IndexError, "list assignment index out of range");
            return -1;
        }
        if (!value)
            return list_ass_slice(self, i, i + 1, NULL);
        R_SETREF(self->items[i], r_incref(value));
        return 0;
    }
    if (R_SLICE_CHECK(item)) {
        ssize_t start, stop, step;
        if (r_slice_unpack(item, &start, &stop, &step) < 0)
            return -1;
        ssize_t n = r_slice_adjust_indices(self->size, &start, &stop, step);
        if (step == 1)
            return list_ass_slice(self, start, stop, value);
        /* s[5:2] = [...] inserts before 5, not before 2 */
        if ((step < 0 && start < stop) || (step > 0 && start > stop))
            stop = start;
        if (!value)
            return delete_extended_slice(self, start, stop, step, n);
        return assign_extended_slice(self, start, step, n, value);
    }
    r_err_format(r_exc_TypeError, "list indices must be integers or slices, not %s",
                 R_TYPE(item)->name);
    return -1;
}

static RObject *list_concat(RList *a, RObject *bb)
{
    if (!R_LIST_CHECK(bb))
        return r_err_format(r_exc_TypeError, "can only concatenate list (not \"%s\") to list",
                            R_TYPE(bb)->name);
    RList *b = LIST(bb);
    if (a->size > SSIZE_MAX_ - b->size)
        return r_err_no_memory();
    RObject *np = r_list_new(a->size + b->size);
    if (!np)
        return NULL;
    for (ssize_t i = 0; i < a->size; i++)
        LIST(np)->items[i] = r_incref(a->items[i]);
    for (ssize_t i = 0; i < b->size; i++)
        LIST(np)->items[a->size + i] = r_incref(b->items[i]);
    return np;
}

static RObject *list_repeat(RList *a, ssize_t n)
{
    ssize_t size = a->size;
    if (size == 0 || n <= 0)
        return r_list_new(0);
    if (size > SSIZE_MAX_ / n)
        return r_err_no_memory();
    RObject *np = r_list_new(size * n);
    if (!np)
        return NULL;
    RObject **dst = LIST(np)->items;
    for (ssize_t k = 0; k < n; k++)
        for (ssize_t i = 0; i < size; i++)
            *dst++ = r_incref(a->items[i]);
    return np;
}

/* Whether t's slot f comes from a class statement (__radd__, __rmul__
 * written in Python) rather than from a built-in type. */
static bool slot_from_class_statement(RType *t, r_binaryfunc f, size_t offset)
{
    RType *b = t;
    while (b && (b->flags & R_TPFLAGS_HEAPTYPE))
        b = b->base;
    return !b || *(r_binaryfunc *)((char *)b + offset) != f;
}

/* CPython's binary_op1 tries the right operand's number slot before the
 * left sequence's sq_concat/sq_repeat. */
static RObject *try_right_operand(RObject *v, RObject *w, size_t offset, r_binaryfunc self_slot)
{
    RType *tw = R_TYPE(w);
    r_binaryfunc f = *(r_binaryfunc *)((char *)tw + offset);
    if (!f || f == self_slot || r_type_is_subtype(tw, R_TYPE(v)) ||
        !slot_from_class_statement(tw, f, offset))
        return r_incref(R_NOTIMPLEMENTED);
    return f(v, w);
}

static RObject *list_add(RObject *v, RObject *w)
{
    if (!R_LIST_CHECK(v))
        return r_incref(R_NOTIMPLEMENTED);
    RObject *res = try_right_operand(v, w, offsetof(RType, nb_add), list_add);
    if (res != R_NOTIMPLEMENTED)
        return res;
    R_DECREF(res);
    return list_concat(LIST(v), w);
}

/* The count of a sequence repetition (CPython's sequence_repeat). */
static int repeat_count(RObject *count, ssize_t *n)
{
    if (!R_TYPE(count)->nb_index) {
        r_err_format(r_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                     R_TYPE(count)->name);
        return -1;
    }
    *n = r_number_as_ssize(count, r_exc_OverflowError);
    return *n == -1 && r_err_occurred() ? -1 : 0;
}

static RObject *list_multiply(RObject *v, RObject *w)
{
    RObject *seq = v, *count = w;
    if (R_LIST_CHECK(v)) {
        RObject *res = try_right_operand(v, w, offsetof(RType, nb_multiply), list_multiply);
        if (res != R_NOTIMPLEMENTED)
            return res;
        R_DECREF(res);
    } else {
        seq = w;
        count = v;
    }
    ssize_t n;
    if (repeat_count(count, &n) < 0)
        return NULL;
    return list_repeat(LIST(seq), n);
}

RObject *r_list_inplace_concat(RObject *self, RObject *iterable)
{
    if (list_extend(LIST(self), iterable) < 0)
        return NULL;
    return r_incref(self);
}

RObject *r_list_inplace_repeat(RObject *self, RObject *count)
{
    ssize_t n;
    if (repeat_count(count, &n) < 0)
        return NULL;
    RList *l = LIST(self);
    ssize_t size = l->size;
    if (size == 0 || n == 1)
        return r_incref(self);
    if (n < 1) {
        list_clear_items(l);
        return r_incref(self);
    }
    if (size > SSIZE_MAX_ / n)
        return r_err_no_memory();
    if (list_resize(l, size * n) < 0)
        return NULL;
    for (ssize_t k = 1; k < n; k++)
        for (ssize_t i = 0; i < size; i++)
            l->items[k * size + i] = r_incref(l->items[i]);
    return r_incref(self);
}

/* ---- construction ---- */

static RObject *list_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kwnames)
{
    (void)args;
    (void)nargs;
    (void)kwnames;
    return list_alloc(type, 0);
}

static int list_tp_init(RObject *self, RObject *const *args, size_t nargs, RObject *kwnames)
{
    if (r_check_no_kwargs("list", kwnames) < 0 || r_check_nargs("list", nargs, 0, 1) < 0)
        return -1;
    list_clear_items(LIST(self));
    if (nargs == 0)
        return 0;
    return list_extend(LIST(self), args[0]);
}

/* ---- methods ---- */

/* A Py_ssize_t argument as Argument Clinic converts it. */
static int ssize_arg(RObject *o, ssize_t *out)
{
    RObject *i = r_number_index(o);
    if (!i)
        return -1;
    *out = r_int_as_ssize(i);
    R_DECREF(i);
    return *out == -1 && r_err_occurred() ? -1 : 0;
}

static RObject *list_append_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("list.append", kw) < 0 ||
        r_check_nargs("list.append", nargs, 1, 1) < 0)
        return NULL;
    if (app1(LIST(self), args[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *list_extend_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("list.extend", kw) < 0 ||
        r_check_nargs("list.extend", nargs, 1, 1) < 0)
        return NULL;
    if (list_extend(LIST(self), args[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *list_insert_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    ssize_t index;
    if (r_check_no_kwargs("list.insert", kw) < 0 || r_check_nargs("insert", nargs, 2, 2) < 0 ||
        ssize_arg(args[0], &index) < 0)
        return NULL;
    if (ins1(LIST(self), index, args[1]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *list_pop_m(RObject *o, RObject *const *args, size_t nargs, RObject *kw)
{
    RList *self = LIST(o);
    ssize_t index = -1;
    if (r_check_no_kwargs("list.pop", kw) < 0 || r_check_nargs("pop", nargs, 0, 1) < 0 ||
        (nargs == 1 && ssize_arg(args[0], &index) < 0))
        return NULL;
    if (self->size == 0) {
        r_err_set_string(r_exc_IndexError, "pop from empty list");
        return NULL;
    }
    if (index < 0)
        index += self->size;
    if (index < 0 || index >= self->size) {
        r_err_set_string(r_exc_IndexError, "pop index out of range");
        return NULL;
    }
    RObject *v = self->items[index];
    if (index == self->size - 1) {
        /* v keeps the reference the list had */
        if (list_resize(self, self->size - 1) < 0)
            return NULL;
        return v;
    }
    R_INCREF(v);
    if (list_ass_slice(self, index, index + 1, NULL) < 0) {
        R_DECREF(v);
        return NULL;
    }
    return v;
}

static RObject *list_remove_m(RObject *o, RObject *const *args, size_t nargs, RObject *kw)
{
    RList *self = LIST(o);
    if (r_check_no_kwargs("list.remove", kw) < 0 ||
        r_check_nargs("list.remove", nargs, 1, 1) < 0)
        return NULL;
    for (ssize_t i = 0; i < self->size; i++) {
        RObject *obj = r_incref(self->items[i]);
        int cmp = r_richcompare_bool(obj, args[0], R_EQ);
        R_DECREF(obj);
        if (cmp > 0) {
            if (list_ass_slice(self, i, i + 1, NULL) < 0)
                return NULL;
            R_RETURN_NONE;
        }
        if (cmp < 0)
            return NULL;
    }
    r_err_set_string(r_exc_ValueError, "list.remove(x): x not in list");
    return NULL;
}

static RObject *list_index_m(RObject *o, RObject *const *args, size_t nargs, RObject *kw)
{
    RList *self = LIST(o);
    ssize_t start = 0, stop = SSIZE_MAX_;
    if (r_check_no_kwargs("list.index", kw) < 0 || r_check_nargs("index", nargs, 1, 3) < 0)
        return NULL;
    if (nargs > 1 && !r_eval_slice_index_not_none(args[1], &start))
        return NULL;
    if (nargs > 2 && !r_eval_slice_index_not_none(args[2], &stop))
        return NULL;
    if (start < 0) {
        start += self->size;
        if (start < 0)
            start = 0;
    }
    if (stop < 0) {
        stop += self->size;
        if (stop < 0)
            stop = 0;
    }
    for (ssize_t i = start; i < stop && i < self->size; i++) {
        RObject *obj = r_incref(self->items[i]);
        int cmp = r_richcompare_bool(obj, args[0], R_EQ);
        R_DECREF(obj);
        if (cmp > 0)
            return r_int_from_i64(i);
        if (cmp < 0)
            return NULL;
    }
    return r_err_format(r_exc_ValueError, "%R is not in list", args[0]);
}

static RObject *list_count_m(RObject *o, RObject *const *args, size_t nargs, RObject *kw)
{
    RList *self = LIST(o);
    if (r_check_no_kwargs("list.count", kw) < 0 ||
        r_check_nargs("list.count", nargs, 1, 1) < 0)
        return NULL;
    int64_t count = 0;
    for (ssize_t i = 0; i < self->size; i++) {
        RObject *obj = self->items[i];
        if (obj == args[0]) {
            count++;
            continue;
        }
        R_INCREF(obj);
        int cmp = r_richcompare_bool(obj, args[0], R_EQ);
        R_DECREF(obj);
        if (cmp > 0)
            count++;
        else if (cmp < 0)
            return NULL;
    }
    return r_int_from_i64(count);
}

static RObject *list_clear_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("list.clear", kw) < 0 ||
        r_check_nargs("list.clear", nargs, 0, 0) < 0)
        return NULL;
    list_clear_items(LIST(self));
    R_RETURN_NONE;
}

static RObject *list_copy_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("list.copy", kw) < 0 || r_check_nargs("list.copy", nargs, 0, 0) < 0)
        return NULL;
    return list_slice(LIST(self), 0, LIST(self)->size);
}

static void reverse_slice(RObject **lo, RObject **hi)
{
    --hi;
    while (lo < hi) {
        RObject *t = *lo;
        *lo = *hi;
        *hi = t;
        ++lo;
        --hi;
    }
}

static RObject *list_reverse_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("list.reverse", kw) < 0 ||
        r_check_nargs("list.reverse", nargs, 0, 0) < 0)
        return NULL;
    if (LIST(self)->size > 1)
        reverse_slice(LIST(self)->items, LIST(self)->items + LIST(self)->size);
    R_RETURN_NONE;
}


static RObject *list_sort_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    RObject *key = NULL;
    int reverse = 0;
    if (nargs > 0)
        return r_err_format(r_exc_TypeError, "sort() takes no positional arguments");
    ssize_t nkw = kw ? R_TUPLE_SIZE(kw) : 0;
    for (ssize_t i = 0; i < nkw; i++) {
        RObject *name = R_TUPLE_GET(kw, i);
        RObject *value = args[nargs + (size_t)i];
        if (r_str_equal_cstr(name, "key")) {
            key = value;
        } else if (r_str_equal_cstr(name, "reverse")) {
            /* version: 3.12 takes any truth value; 3.8-3.11 require an int */
            reverse = r_is_true(value);
            if (reverse < 0)
                return NULL;
        } else {
            return r_err_format(r_exc_TypeError, "'%U' is an invalid keyword argument for sort()",
                                name);
        }
    }
    if (r_list_sort(self, key, reverse != 0) < 0)
        return NULL;
    R_RETURN_NONE;
}

/* ---- iterators ---- */

typedef struct {
    RObject ob;
    ssize_t index;
    RObject *seq; /* NULL once exhausted */
} RListIter;

static void listiter_dealloc(RObject *o)
{
    R_XDECREF(((RListIter *)o)->seq);
    r_free(o);
}

static int listiter_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RObject *seq = ((RListIter *)o)->seq;
    return seq ? visit(seq, arg) : 0;
}

static RObject *iter_self(RObject *o)
{
    return r_incref(o);
}

static RObject *listiter_next(RObject *o)
{
    RListIter *it = (RListIter *)o;
    if (!it->seq)
        return NULL;
    if (it->index < LIST(it->seq)->size)
        return r_incref(LIST(it->seq)->items[it->index++]);
    R_CLEAR(it->seq);
    return NULL;
}

static RObject *listreviter_next(RObject *o)
{
    RListIter *it = (RListIter *)o;
    if (!it->seq)
        return NULL;
    ssize_t index = it->index;
    if (index >= 0 && index < LIST(it->seq)->size) {
        it->index--;
        return r_incref(LIST(it->seq)->items[index]);
    }
    it->index = -1;
    R_CLEAR(it->seq);
    return NULL;
}

static RType listiter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "list_iterator",
    .basicsize = sizeof(RListIter),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = listiter_dealloc,
    .traverse = listiter_traverse,
    .iter = iter_self,
    .iternext = listiter_next,
};

static RType listreviter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "list_reverseiterator",
    .basicsize = sizeof(RListIter),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = listiter_dealloc,
    .traverse = listiter_traverse,
    .iter = iter_self,
    .iternext = listreviter_next,
};

static RObject *new_list_iter(RType *type, RObject *list, ssize_t index)
{
    if (!type->ready && r_type_ready(type) < 0)
        return NULL;
    RListIter *it = (RListIter *)r_alloc(type);
    if (!it)
        return NULL;
    it->seq = r_incref(list);
    it->index = index;
    return (RObject *)it;
}

static RObject *list_iter(RObject *self)
{
    return new_list_iter(&listiter_type, self, 0);
}

static RObject *list_reversed_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("list.__reversed__", kw) < 0 ||
        r_check_nargs("list.__reversed__", nargs, 0, 0) < 0)
        return NULL;
    return new_list_iter(&listreviter_type, self, LIST(self)->size - 1);
}

static const r_method_def list_methods[] = {
    {"__reversed__", list_reversed_m, 0, "Return a reverse iterator over the list."},
    {"append", list_append_m, 0, "Append object to the end of the list."},
    {"clear", list_clear_m, 0, "Remove all items from list."},
    {"copy", list_copy_m, 0, "Return a shallow copy of the list."},
    {"count", list_count_m, 0, "Return number of occurrences of value."},
    {"extend", list_extend_m, 0, "Extend list by appending elements from the iterable."},
    {"index", list_index_m, 0, "Return first index of value."},
    {"insert", list_insert_m, 0, "Insert object before index."},
    {"pop", list_pop_m, 0, "Remove and return item at index (default last)."},
    {"remove", list_remove_m, 0, "Remove first occurrence of value."},
    {"reverse", list_reverse_m, 0, "Reverse *IN PLACE*."},
    {"sort", list_sort_m, 0, "Sort the list in ascending order and return None."},
    {NULL, NULL, 0, NULL},
};

RType r_list_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "list",
    .basicsize = sizeof(RList),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_LIST_SUBCLASS | R_TPFLAGS_HAVE_GC,
    .dealloc = list_dealloc,
    .traverse = list_traverse,
    .clear = list_clear_slot,
    .repr = list_repr,
    .richcompare = list_richcompare,
    .iter = list_iter,
    .nb_add = list_add,
    .nb_multiply = list_multiply,
    .len = list_length,
    .getitem = list_subscript,
    .setitem = list_ass_subscript,
    .contains = list_contains,
    .tp_new = list_tp_new,
    .tp_init = list_tp_init,
    .methods = list_methods,
    .doc = "Built-in mutable sequence.",
};
