/* set and frozenset, with CPython's table (Objects/setobject.c): linear
 * probes, then perturbation, the same fill/used and resize rules, so that
 * iterating a set of ints, strs or tuples gives CPython's order for the
 * same sequence of operations. */
#ifndef REFPY_SETOBJECT_H
#define REFPY_SETOBJECT_H

#include "object.h"

extern RType r_set_type;
extern RType r_frozenset_type;
#define R_SET_CHECK(o) r_typecheck((RObject *)(o), &r_set_type)
#define R_FROZENSET_CHECK(o) r_typecheck((RObject *)(o), &r_frozenset_type)
#define R_ANYSET_CHECK(o) (R_SET_CHECK(o) || R_FROZENSET_CHECK(o))

/* set(iterable) and frozenset(iterable); iterable NULL: empty. */
RObject *r_set_new(RObject *iterable);
RObject *r_frozenset_new(RObject *iterable);

ssize_t r_set_size(RObject *set);
int r_set_add(RObject *set, RObject *key);
/* 1 when found and removed, 0 when absent, -1 on error */
int r_set_discard(RObject *set, RObject *key);
int r_set_contains(RObject *set, RObject *key);
/* s.update(iterable) (set_update_internal) */
int r_set_update(RObject *set, RObject *iterable);
RObject *r_set_pop(RObject *set);
int r_set_clear(RObject *set);
/* Iteration in table order: *pos starts at 0; borrowed key and its hash. */
bool r_set_next_entry(RObject *set, ssize_t *pos, RObject **key, int64_t *hash);

/* The in-place operators |= &= -= ^= (set_ior, set_iand, set_isub,
 * set_ixor): the set itself, or NotImplemented when other is no set. */
RObject *r_set_inplace_or(RObject *set, RObject *other);
RObject *r_set_inplace_and(RObject *set, RObject *other);
RObject *r_set_inplace_sub(RObject *set, RObject *other);
RObject *r_set_inplace_xor(RObject *set, RObject *other);

#endif
