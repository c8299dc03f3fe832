/* list: a growable array of references. */
#ifndef REFPY_LISTOBJECT_H
#define REFPY_LISTOBJECT_H

#include "object.h"

typedef struct {
    RObject ob;
    ssize_t size, allocated;
    RObject **items;
} RList;

extern RType r_list_type;
#define R_LIST_CHECK(o) r_typecheck((RObject *)(o), &r_list_type)
#define R_LIST_SIZE(o) (((RList *)(o))->size)
#define R_LIST_ITEMS(o) (((RList *)(o))->items)

RObject *r_list_new(ssize_t n); /* n NULL items to fill (steal) */
int r_list_append(RObject *list, RObject *item);
RObject *r_list_as_tuple(RObject *list);
/* Sorts in place with Python's sort (stable, comparing with <), key and
 * reverse as list.sort. */
int r_list_sort(RObject *list, RObject *key, bool reverse);
/* list(iterable) */
RObject *r_sequence_list(RObject *iterable);
/* tuple(iterable), and the items of a tuple or list without a copy */
RObject *r_sequence_tuple(RObject *iterable);
/* PySequence_Fast: a list or tuple as it is (a new reference), anything
 * else iterated into a list; when v is not iterable, a TypeError with
 * message. */
RObject *r_sequence_fast(RObject *v, const char *message);

/* l += iterable and l *= n (list_inplace_concat, list_inplace_repeat):
 * the list itself, changed in place. */
RObject *r_list_inplace_concat(RObject *list, RObject *iterable);
RObject *r_list_inplace_repeat(RObject *list, RObject *count);

/* Py_ReprEnter/Py_ReprLeave: 1 when o's repr is already being built on
 * this thread (print "[...]"), 0 after recording it, -1 on error. */
int r_repr_enter(RObject *o);
void r_repr_leave(RObject *o);

#endif
