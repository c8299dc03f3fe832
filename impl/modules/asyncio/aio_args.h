/* Binding the arguments of asyncio's Python-level functions written in C
 * (aio_args.c). */
#ifndef REFPY_AIO_ARGS_H
#define REFPY_AIO_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "object.h"

/* A `def qualname(pos..., *varargs, kwonly...)` signature. */
typedef struct {
    const char *qualname;       /* "BaseEventLoop.call_soon" */
    const char *const *pos;     /* NULL-terminated parameter names */
    size_t nrequired;           /* the first nrequired have no default */
    const char *const *kwonly;  /* NULL-terminated, or NULL */
    RObject *const **varargs;   /* where *args go (NULL: no *args) */
    size_t *nvarargs;
    bool positional_only;       /* `/` after the positional parameters */
} aio_sig;

/* out[i] receives the i-th positional, then the keyword-only values
 * (borrowed; NULL when not given). */
int aio_bind(const aio_sig *sig, RObject *const *args, size_t nargs, RObject *kwnames,
             RObject **out);

#endif
