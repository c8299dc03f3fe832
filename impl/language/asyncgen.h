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

#endif
