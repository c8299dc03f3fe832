/* slice objects and CPython's index normalisation for sequences
 * (Objects/sliceobject.c: PySlice_Unpack, PySlice_AdjustIndices,
 * _PySlice_GetLongIndices; Python/ceval.c: _PyEval_SliceIndex). */
#ifndef REFPY_SLICEOBJECT_H
#define REFPY_SLICEOBJECT_H

#include "object.h"

typedef struct {
    RObject ob;
    RObject *start, *stop, *step; /* never NULL: None when omitted */
} RSlice;

extern RType r_slice_type;
#define R_SLICE_CHECK(o) (R_TYPE(o) == &r_slice_type)

/* slice(start, stop, step); a NULL argument means None. */
RObject *r_slice_new(RObject *start, RObject *stop, RObject *step);

/* PySlice_Unpack: the three values as ssize_t, None filled in from the
 * sign of step, out-of-range values clamped; -1 with ValueError
 * "slice step cannot be zero" or a TypeError for a bad index. */
int r_slice_unpack(RObject *slice, ssize_t *start, ssize_t *stop, ssize_t *step);
/* PySlice_AdjustIndices: clips start and stop to a sequence of length and
 * returns the number of items the slice selects. */
ssize_t r_slice_adjust_indices(ssize_t length, ssize_t *start, ssize_t *stop, ssize_t step);
/* PySlice_GetIndicesEx: unpack, then adjust. */
int r_slice_indices(RObject *slice, ssize_t length, ssize_t *start, ssize_t *stop,
                    ssize_t *step, ssize_t *slicelength);
/* _PySlice_GetLongIndices: the same with int objects of any size (new
 * references in *start, *stop, *step), for range and slice.indices(). */
int r_slice_long_indices(RObject *slice, RObject *length, RObject **start, RObject **stop,
                         RObject **step);

/* _PyEval_SliceIndex: None leaves *pi alone; an int (or an object with
 * __index__) is clamped to the ssize_t range. 0 with a TypeError set when v
 * is neither. */
int r_eval_slice_index(RObject *v, ssize_t *pi);
/* _PyEval_SliceIndexNotNone: as above, but None is a TypeError too (the
 * start and stop arguments of index()). */
int r_eval_slice_index_not_none(RObject *v, ssize_t *pi);

#endif
