/* tuple: an immutable array of references. */
#ifndef REFPY_TUPLEOBJECT_H
#define REFPY_TUPLEOBJECT_H

#include "object.h"

typedef struct {
    RObject ob;
    ssize_t size;
    int64_t hash_cache_unused;
    RObject *items[];
} RTuple;

extern RType r_tuple_type;
#define R_TUPLE_CHECK(o) r_typecheck((RObject *)(o), &r_tuple_type)
#define R_TUPLE_SIZE(o) (((RTuple *)(o))->size)
#define R_TUPLE_ITEMS(o) (((RTuple *)(o))->items)
#define R_TUPLE_GET(o, i) (((RTuple *)(o))->items[i])

/* A tuple of n NULL items to be filled (steal into them) before use. */
RObject *r_tuple_new(ssize_t n);
/* From n borrowed references. */
RObject *r_tuple_pack(ssize_t n, ...);
RObject *r_tuple_from_array(RObject *const *items, ssize_t n);
/* The empty tuple (a new reference to the one immortal instance). */
RObject *r_tuple_empty(void);

#endif
