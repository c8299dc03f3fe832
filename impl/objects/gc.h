/* The cycle collector (CPython's Modules/gcmodule.c): reference counting
 * frees everything but cycles; this finds the cycles nothing outside them
 * refers to and frees them, calling each object's finaliser once first
 * (PEP 442).
 *
 * Every object of a R_TPFLAGS_HAVE_GC type is allocated with a header in
 * front (r_alloc) and tracked from birth to death. Its type's traverse slot
 * visits every reference the object owns (and nothing it borrows); its
 * clear slot, where there is one, drops the references that can make a
 * cycle. Statically allocated objects (the built-in types, the empty tuple)
 * have no header and are never tracked.
 *
 * Collections run when gc.collect() asks, at exit, and automatically: an
 * allocation that takes the youngest generation over its threshold only
 * marks a collection as due, and the eval loop runs it where it checks
 * its eval breaker (frame entry, backward jumps: as CPython 3.12+ do),
 * where every object is in a consistent state, as it must be for a thread
 * switch; C code never sees a collection it did not ask for. Everything
 * here happens with the GIL held. */
#ifndef REFPY_GC_H
#define REFPY_GC_H

#include <stddef.h>
#include <stdint.h>

#include "object.h"

#define R_GC_GENERATIONS 3

/* Two words, as CPython's PyGC_Head: the list links, with flags in their
 * low bits (the objects after them are 16-byte aligned); during a
 * collection prev holds the object's count of outside references instead
 * (gc.c). next is 0 while untracked. */
typedef struct r_gc_head {
    uintptr_t next, prev;
} r_gc_head;

#define R_GC_HEAD(o) ((r_gc_head *)(o) - 1)

/* Whether o has a header: its type is a GC type and o is not static. */
static inline bool r_gc_is_gc(RObject *o)
{
    return (R_TYPE(o)->flags & R_TPFLAGS_HAVE_GC) && o->refcnt < R_IMMORTAL / 2;
}

/* Memory for an object of a GC type, zeroed, header in front, untracked;
 * and its release (the object must be untracked or is untracked here). */
RObject *r_gc_alloc(size_t size);
void r_gc_free(RObject *o);

void r_gc_track(RObject *o);
void r_gc_untrack(RObject *o);
/* Tracks again an object untracked since its birth (r_gc_track counts a
 * new allocation towards the young generation's threshold; this does not,
 * as CPython's PyObject_GC_Track does not). */
void r_gc_retrack(RObject *o);
static inline bool r_gc_is_tracked(RObject *o)
{
    return r_gc_is_gc(o) && R_GC_HEAD(o)->next != 0;
}
/* Marks o finalised (its finaliser ran); returns whether it already was. */
bool r_gc_set_finalized(RObject *o);

/* Collects generation (0, 1 or 2) and the younger ones; the number of
 * unreachable objects found (gc.collect()), 0 while a collection runs. */
ssize_t r_gc_collect(int generation);

/* For a traverse slot: visits each non-NULL reference of refs[0..n). */
static inline int r_visit_each(RObject *const *refs, size_t n, r_visitproc visit, void *arg)
{
    for (size_t i = 0; i < n; i++)
        if (refs[i]) {
            int rc = visit(refs[i], arg);
            if (rc)
                return rc;
        }
    return 0;
}
#define R_VISIT_EACH(visit, arg, ...)                                                   \
    r_visit_each((RObject *const[]){__VA_ARGS__},                                       \
                 sizeof((RObject *const[]){__VA_ARGS__}) / sizeof(RObject *), visit, arg)

/* A collection is due: the eval loop calls r_gc_collect_due at its next
 * check of the eval breaker. */
extern int r_gc_due;
void r_gc_collect_due(void);

/* At exit, after __main__ is gone: the final collection of everything
 * (whether or not the collector is enabled, as CPython's finalisation).
 * The collector then lets go of what is left: it untracks every object
 * and collects no more, so what stays alive is held by references only,
 * which is what a leak checker inspects. */
void r_gc_collect_at_exit(void);

/* gc.enable()/disable()/isenabled(), thresholds and counts. */
void r_gc_set_enabled(bool on);
bool r_gc_is_enabled(void);
void r_gc_get_thresholds(int out[R_GC_GENERATIONS]);
void r_gc_set_thresholds(const int in[R_GC_GENERATIONS]);
void r_gc_get_counts(int out[R_GC_GENERATIONS]);
/* gc.get_stats(): per generation, the collections of it and the objects
 * they found unreachable (refpy keeps no uncollectable objects) */
typedef struct {
    ssize_t collections, collected;
} r_gc_stats;
void r_gc_get_stats(r_gc_stats out[R_GC_GENERATIONS]);

/* Reads REFPY_GC_STRESS and the profile's default threshold; called by
 * r_objects_init. REFPY_GC_STRESS=N makes a full collection due every N
 * allocations of tracked objects (1: at every check of the eval breaker
 * that follows one), to shake out objects with a wrong traverse or clear. */
void r_gc_init(void);

#endif
