/* Asynchronous generators (see asyncgen.c). */
#ifndef REFPY_ASYNCGEN_H
#define REFPY_ASYNCGEN_H

#include "object.h"

/* What `yield value` in an async generator's body produces (value stolen),
 * so that its awaitables tell it from what an inner await passes up. */
RObject *r_asyncgen_wrap_value(RObject *value);

/* sys.get_asyncgen_hooks / set_asyncgen_hooks, per thread: borrowed
 * references (NULL: none); set takes new references of its own. */
void r_asyncgen_get_hooks(RObject **firstiter, RObject **finalizer);
void r_asyncgen_set_hooks(RObject *firstiter, RObject *finalizer);

/* A set of async generators held weakly, as an event loop's _asyncgens
 * (a weakref.WeakSet in CPython): a generator leaves it when it dies. */
typedef struct r_agen_set {
    RObject **items; /* borrowed */
    size_t n, cap;
} r_agen_set;

int r_agen_set_add(r_agen_set *s, RObject *agen);
void r_agen_set_discard(r_agen_set *s, RObject *agen);
/* list(s) (new references), then s.clear() */
RObject *r_agen_set_take_all(r_agen_set *s);
/* The owner of s goes away: the generators forget it. */
void r_agen_set_release(r_agen_set *s);

#endif
