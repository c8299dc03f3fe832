/* collections.deque as a ring buffer of references (CPython's
 * Modules/_collectionsmodule.c keeps blocks of 64; one array that doubles
 * keeps the same costs with less code). No maxlen: nothing uses it. */
#include "dequeobject.h"

#include <stdlib.h>
#include <string.h>

#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "gc.h"
#include "listobject.h"
#include "profile.h"
#include "strobject.h"
#include "typeobject.h"

#define DEQUE(o) ((RDeque *)(o))

static RObject **slot(RDeque *d, ssize_t i)
{
    return &d->items[(d->head + i) & (d->capacity - 1)];
}

RObject *r_deque_item(RObject *deque, ssize_t i)
{
    return *slot(DEQUE(deque), i);
}

RObject *r_deque_new(void)
{
    return r_alloc(&r_deque_type);
}

static int grow(RDeque *d)
{
    ssize_t cap = d->capacity ? d->capacity * 2 : 8;
    RObject **items = malloc((size_t)cap * sizeof(RObject *));
    if (!items) {
        r_err_no_memory();
        return -1;
    }
    for (ssize_t i = 0; i < d->size; i++)
        items[i] = *slot(d, i);
    free(d->items);
    d->items = items;
    d->capacity = cap;
    d->head = 0;
    return 0;
}

int r_deque_append(RObject *deque, RObject *item)
{
    RDeque *d = DEQUE(deque);
    if (d->size == d->capacity && grow(d) < 0)
        return -1;
    *slot(d, d->size++) = r_incref(item);
    d->state++;
    return 0;
}

static int appendleft(RDeque *d, RObject *item)
{
    if (d->size == d->capacity && grow(d) < 0)
        return -1;
    d->head = (d->head - 1) & (d->capacity - 1);
    d->size++;
    *slot(d, 0) = r_incref(item);
    d->state++;
    return 0;
}

RObject *r_deque_popleft(RObject *deque)
{
    RDeque *d = DEQUE(deque);
    if (d->size == 0) {
        r_err_set_string(r_exc_IndexError, "pop from an empty deque");
        return NULL;
    }
    RObject *first = *slot(d, 0);
    d->head = (d->head + 1) & (d->capacity - 1);
    d->size--;
    d->state++;
    return first;
}

static RObject *pop_right(RDeque *d)
{
    if (d->size == 0) {
        r_err_set_string(r_exc_IndexError, "pop from an empty deque");
        return NULL;
    }
    d->state++;
    return *slot(d, --d->size);
}

/* Removes the i-th item, moving the shorter side over its slot. */
static RObject *take_at(RDeque *d, ssize_t i)
{
    RObject *found = *slot(d, i);
    if (i < d->size / 2) {
        for (ssize_t j = i; j > 0; j--)
            *slot(d, j) = *slot(d, j - 1);
        d->head = (d->head + 1) & (d->capacity - 1);
    } else {
        for (ssize_t j = i; j < d->size - 1; j++)
            *slot(d, j) = *slot(d, j + 1);
    }
    d->size--;
    d->state++;
    return found;
}

int r_deque_remove(RObject *deque, RObject *item)
{
    RDeque *d = DEQUE(deque);
    size_t state = d->state;
    for (ssize_t i = 0; i < d->size; i++) {
        RObject *x = r_incref(*slot(d, i));
        int eq = x == item ? 1 : r_richcompare_bool(x, item, R_EQ);
        R_DECREF(x);
        if (eq < 0)
            return -1;
        if (d->state != state) {
            r_err_set_string(r_exc_IndexError, "deque mutated during remove().");
            return -1;
        }
        if (eq) {
            R_DECREF(take_at(d, i));
            return 0;
        }
    }
    if (r_profile.minor >= 10)
        r_err_format(r_exc_ValueError, "%R is not in deque", item);
    else
        r_err_set_string(r_exc_ValueError, "deque.remove(x): x not in deque");
    return -1;
}

static void clear_items(RDeque *d)
{
    /* the references go after the deque is empty: a finalizer may use it */
    RObject **items = d->items;
    ssize_t head = d->head, size = d->size, cap = d->capacity;
    d->items = NULL;
    d->head = d->size = d->capacity = 0;
    d->state++;
    for (ssize_t i = 0; i < size; i++)
        R_DECREF(items[(head + i) & (cap - 1)]);
    free(items);
}

static void deque_dealloc(RObject *o)
{
    clear_items(DEQUE(o));
    r_free(o);
}

static int deque_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RDeque *d = DEQUE(o);
    for (ssize_t i = 0; i < d->size; i++) {
        int rc = visit(*slot(d, i), arg);
        if (rc)
            return rc;
    }
    return 0;
}

static void deque_clear_slot(RObject *o)
{
    clear_items(DEQUE(o));
}

static ssize_t deque_length(RObject *o)
{
    return DEQUE(o)->size;
}

static RObject *deque_repr(RObject *o)
{
    int rc = r_repr_enter(o);
    if (rc != 0)
        return rc > 0 ? r_str_from_cstr("[...]") : NULL;
    RObject *list = r_sequence_list(o);
    RObject *inner = list ? r_repr(list) : NULL;
    R_XDECREF(list);
    r_repr_leave(o);
    if (!inner)
        return NULL;
    RObject *s = r_str_from_format("deque(%U)", inner);
    R_DECREF(inner);
    return s;
}

/* ---- iteration ---- */

typedef struct {
    RObject ob;
    RObject *deque;
    ssize_t index;
    size_t state; /* the deque's when the iterator was made */
} RDequeIter;

static void dequeiter_dealloc(RObject *o)
{
    R_XDECREF(((RDequeIter *)o)->deque);
    r_free(o);
}

static int dequeiter_traverse(RObject *o, r_visitproc visit, void *arg)
{
    return R_VISIT_EACH(visit, arg, ((RDequeIter *)o)->deque);
}

static RObject *dequeiter_self(RObject *o)
{
    return r_incref(o);
}

static RObject *dequeiter_next(RObject *o)
{
    RDequeIter *it = (RDequeIter *)o;
    if (!it->deque)
        return NULL;
    RDeque *d = DEQUE(it->deque);
    if (d->state != it->state) {
        r_err_set_string(r_exc_RuntimeError, "deque mutated during iteration");
        return NULL;
    }
    if (it->index >= d->size) {
        R_CLEAR(it->deque);
        return NULL;
    }
    return r_incref(*slot(d, it->index++));
}

static RType dequeiter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_collections._deque_iterator",
    .basicsize = sizeof(RDequeIter),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = dequeiter_dealloc,
    .traverse = dequeiter_traverse,
    .iter = dequeiter_self,
    .iternext = dequeiter_next,
};

static RObject *deque_iter(RObject *o)
{
    if (!dequeiter_type.ready && r_type_ready(&dequeiter_type) < 0)
        return NULL;
    RDequeIter *it = (RDequeIter *)r_alloc(&dequeiter_type);
    if (!it)
        return NULL;
    it->deque = r_incref(o);
    it->state = DEQUE(o)->state;
    return (RObject *)it;
}

/* ---- methods ---- */

static RObject *deque_append_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("deque.append", kw) < 0 ||
        r_check_nargs("deque.append", nargs, 1, 1) < 0 || r_deque_append(self, args[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *deque_appendleft_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("deque.appendleft", kw) < 0 ||
        r_check_nargs("deque.appendleft", nargs, 1, 1) < 0 ||
        appendleft(DEQUE(self), args[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *deque_pop_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("deque.pop", kw) < 0 || r_check_nargs("deque.pop", nargs, 0, 0) < 0)
        return NULL;
    return pop_right(DEQUE(self));
}

static RObject *deque_popleft_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("deque.popleft", kw) < 0 ||
        r_check_nargs("deque.popleft", nargs, 0, 0) < 0)
        return NULL;
    return r_deque_popleft(self);
}

static RObject *deque_remove_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("deque.remove", kw) < 0 ||
        r_check_nargs("deque.remove", nargs, 1, 1) < 0 || r_deque_remove(self, args[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *deque_clear_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("deque.clear", kw) < 0 || r_check_nargs("deque.clear", nargs, 0, 0) < 0)
        return NULL;
    clear_items(DEQUE(self));
    R_RETURN_NONE;
}

static const r_method_def deque_methods[] = {
    {"append", deque_append_m, 0, "Add an element to the right side of the deque."},
    {"appendleft", deque_appendleft_m, 0, "Add an element to the left side of the deque."},
    {"clear", deque_clear_m, 0, "Remove all elements from the deque."},
    {"pop", deque_pop_m, 0, "Remove and return the rightmost element."},
    {"popleft", deque_popleft_m, 0, "Remove and return the leftmost element."},
    {"remove", deque_remove_m, 0, "Remove first occurrence of value."},
    {NULL, NULL, 0, NULL},
};

RType r_deque_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "collections.deque",
    .basicsize = sizeof(RDeque),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = deque_dealloc,
    .traverse = deque_traverse,
    .clear = deque_clear_slot,
    .repr = deque_repr,
    .iter = deque_iter,
    .len = deque_length,
    .methods = deque_methods,
    .doc = "A list-like sequence optimized for data accesses near its endpoints.",
};
