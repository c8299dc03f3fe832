/* range (CPython's Objects/rangeobject.c): start, stop, step and length as
 * int objects of any size, with C-integer fast paths for iteration. */
#ifndef REFPY_RANGEOBJECT_H
#define REFPY_RANGEOBJECT_H

#include "object.h"

typedef struct {
    RObject ob;
    RObject *start, *stop, *step, *length; /* ints */
} RRange;

extern RType r_range_type;
#define R_RANGE_CHECK(o) (R_TYPE(o) == &r_range_type)

/* range(start, stop, step) from ints; ValueError when step is zero. */
RObject *r_range_new(RObject *start, RObject *stop, RObject *step);

#endif
