/* The cycle collector, as CPython 3.9-3.13's gc_collect_main: three
 * generations of tracked objects; a collection of generation g takes the
 * younger ones with it and
 *   1. sets each object's refs to its reference count and subtracts the
 *      references the objects of the set hold on each other (traverse):
 *      what stays above zero is referred to from outside;
 *   2. moves what is reachable from those, transitively, out of the way;
 *      the rest is unreachable;
 *   3. calls the finaliser of each unreachable object that has one and has
 *      not been finalised yet (PEP 442), then does 1-2 again over the
 *      unreachable set: what a finaliser made reachable again survives;
 *   4. calls clear on what is still unreachable, which breaks the cycles,
 *      and reference counting frees the objects.
 * Survivors move to the next generation. The header lists are doubly
 * linked, so an object freed in the middle of a collection (by a finaliser,
 * or by another's clear) simply leaves whichever list it is on. */
#include "gc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "profile.h"

/* The header's bits, as CPython's: prev's low two bits are flags, and
 * while a collection computes references (update_refs to move_unreachable)
 * the rest of prev is that count, the list being linked by next alone;
 * next's low bit marks the tentatively unreachable. */
enum {
    PREV_FINALIZED = 1,  /* its finaliser ran (PEP 442): kept for life */
    PREV_COLLECTING = 2, /* in the set being collected */
    PREV_SHIFT = 2,
    NEXT_UNREACHABLE = 1,
};
#define PREV_FLAGS ((uintptr_t)(PREV_FINALIZED | PREV_COLLECTING))

typedef struct {
    r_gc_head head; /* a list: head.next is the first, head.prev the last */
    int threshold;
    int count; /* gen 0: allocations minus frees; older: collections of the younger */
    r_gc_stats stats;
} gc_generation;

static gc_generation gens[R_GC_GENERATIONS];
static bool enabled = true;
static bool collecting;
static bool stopped; /* after r_gc_collect_at_exit */
static int stress;   /* REFPY_GC_STRESS */
/* CPython's guard against quadratic full collections (bpo-4074): a full
 * collection only when the objects gen 1 survivors added to gen 2 since
 * the last one are a quarter of what the last one left */
static ssize_t long_lived_total, long_lived_pending;
int r_gc_due;

#define FROM_HEAD(h) ((RObject *)((r_gc_head *)(h) + 1))

/* ---- the header's fields ---- */

static r_gc_head *gc_next(const r_gc_head *h)
{
    return (r_gc_head *)h->next;
}

static r_gc_head *gc_prev(const r_gc_head *h)
{
    return (r_gc_head *)(h->prev & ~PREV_FLAGS);
}

static void set_next(r_gc_head *h, r_gc_head *next)
{
    h->next = (uintptr_t)next;
}

/* keeps h's flags */
static void set_prev(r_gc_head *h, r_gc_head *prev)
{
    h->prev = (h->prev & PREV_FLAGS) | (uintptr_t)prev;
}

static intptr_t get_refs(const r_gc_head *h)
{
    return (intptr_t)(h->prev >> PREV_SHIFT);
}

static void set_refs(r_gc_head *h, intptr_t refs)
{
    h->prev = (h->prev & PREV_FLAGS) | ((uintptr_t)refs << PREV_SHIFT);
}

/* refs from the reference count, COLLECTING set, FINALIZED kept */
static void reset_refs(r_gc_head *h, intptr_t refs)
{
    h->prev = (h->prev & PREV_FINALIZED) | PREV_COLLECTING | ((uintptr_t)refs << PREV_SHIFT);
}

static bool is_collecting(const r_gc_head *h)
{
    return (h->prev & PREV_COLLECTING) != 0;
}

static void clear_collecting_flag(r_gc_head *h)
{
    h->prev &= ~(uintptr_t)PREV_COLLECTING;
}

/* ---- lists (doubly linked outside the reference counting phase) ---- */

static void list_init(r_gc_head *list)
{
    list->next = list->prev = (uintptr_t)list;
}

static bool list_is_empty(const r_gc_head *list)
{
    return list->next == (uintptr_t)list;
}

static void list_append(r_gc_head *node, r_gc_head *list)
{
    r_gc_head *last = (r_gc_head *)list->prev;
    set_prev(node, last);
    set_next(last, node);
    set_next(node, list);
    list->prev = (uintptr_t)node;
}

static void list_remove(r_gc_head *node)
{
    r_gc_head *prev = gc_prev(node), *next = gc_next(node);
    set_next(prev, next);
    set_prev(next, prev);
    node->next = 0;
}

static void list_move(r_gc_head *node, r_gc_head *list)
{
    r_gc_head *prev = gc_prev(node), *next = gc_next(node);
    set_next(prev, next);
    set_prev(next, prev);
    list_append(node, list);
}

/* Appends from's nodes to to's, leaving from empty. */
static void list_merge(r_gc_head *from, r_gc_head *to)
{
    if (list_is_empty(from))
        return;
    r_gc_head *tail = (r_gc_head *)to->prev;
    r_gc_head *first = gc_next(from), *last = (r_gc_head *)from->prev;
    set_next(tail, first);
    set_prev(first, tail);
    set_next(last, to);
    to->prev = (uintptr_t)last;
    list_init(from);
}

static ssize_t list_size(const r_gc_head *list)
{
    ssize_t n = 0;
    for (r_gc_head *h = gc_next(list); h != list; h = gc_next(h))
        n++;
    return n;
}

static void lists_init_once(void)
{
    if (gens[0].head.next)
        return;
    for (int i = 0; i < R_GC_GENERATIONS; i++)
        list_init(&gens[i].head);
    gens[0].threshold = 700;
    gens[1].threshold = 10;
    gens[2].threshold = 10;
}

/* ---- allocation and tracking ---- */

RObject *r_gc_alloc(size_t size)
{
    r_gc_head *h = calloc(1, sizeof(r_gc_head) + size);
    return h ? FROM_HEAD(h) : NULL;
}

static bool young_over_threshold(void)
{
    if (stress)
        return gens[0].count >= stress;
    return gens[0].threshold && gens[0].count > gens[0].threshold;
}

void r_gc_track(RObject *o)
{
    lists_init_once();
    r_gc_head *h = R_GC_HEAD(o);
    if (h->next)
        return;
    list_append(h, &gens[0].head);
    gens[0].count++;
    if (enabled && !collecting && !stopped && young_over_threshold())
        r_gc_due = 1;
}

void r_gc_retrack(RObject *o)
{
    r_gc_head *h = R_GC_HEAD(o);
    if (!h->next)
        list_append(h, &gens[0].head);
}

void r_gc_untrack(RObject *o)
{
    r_gc_head *h = R_GC_HEAD(o);
    if (h->next)
        list_remove(h);
    h->prev &= PREV_FINALIZED;
}

void r_gc_free(RObject *o)
{
    r_gc_untrack(o);
    if (gens[0].count > 0)
        gens[0].count--;
    free(R_GC_HEAD(o));
}

bool r_gc_set_finalized(RObject *o)
{
    r_gc_head *h = R_GC_HEAD(o);
    bool was = (h->prev & PREV_FINALIZED) != 0;
    h->prev |= PREV_FINALIZED;
    return was;
}

/* ---- the collection ---- */

static r_gc_head *collected_head(RObject *op)
{
    if (!op || !r_gc_is_gc(op))
        return NULL;
    r_gc_head *h = R_GC_HEAD(op);
    return is_collecting(h) ? h : NULL;
}

/* From here to move_unreachable, prev holds the count: next links alone. */
static void update_refs(r_gc_head *list)
{
    for (r_gc_head *h = gc_next(list); h != list; h = gc_next(h))
        reset_refs(h, FROM_HEAD(h)->refcnt);
}

static int visit_decref(RObject *op, void *arg)
{
    r_gc_head *h = collected_head(op);
    if (!h)
        return 0;
    if (get_refs(h) <= 0) {
        /* a traverse visited a reference its object does not own: going
         * on would free a live object */
        fprintf(stderr, "refpy: gc: more references to a '%s' object than its count (%s)\n",
                R_TYPE(op)->name, R_TYPE((RObject *)arg)->name);
        abort();
    }
    h->prev -= (uintptr_t)1 << PREV_SHIFT;
    return 0;
}

static void subtract_refs(r_gc_head *list)
{
    for (r_gc_head *h = gc_next(list); h != list; h = gc_next(h)) {
        RObject *op = FROM_HEAD(h);
        if (R_TYPE(op)->traverse)
            R_TYPE(op)->traverse(op, visit_decref, op);
    }
}

static int visit_reachable(RObject *op, void *arg)
{
    r_gc_head *h = collected_head(op);
    if (!h)
        return 0;
    if (h->next & NEXT_UNREACHABLE) {
        /* scanned already and taken for garbage: back to the end of the
         * list being scanned, to be scanned again as reachable; the
         * unreachable list is doubly linked */
        r_gc_head *prev = gc_prev(h);
        r_gc_head *next = (r_gc_head *)(h->next & ~(uintptr_t)NEXT_UNREACHABLE);
        prev->next = h->next; /* keeps prev's mark */
        set_prev(next, prev);
        list_append(h, (r_gc_head *)arg);
        set_refs(h, 1);
    } else if (get_refs(h) == 0) {
        set_refs(h, 1); /* not scanned yet: it comes later in the list */
    }
    return 0;
}

/* Scans young in order: an object with outside references is reachable
 * and makes what it refers to reachable (its prev link is restored and it
 * leaves the collected set); one without moves to unreachable, marked,
 * until something reachable refers to it. Returns how many stay in young
 * (CPython walks the list again for that number). */
static ssize_t move_unreachable(r_gc_head *young, r_gc_head *unreachable)
{
    ssize_t reachable = 0;
    r_gc_head *prev = young;
    r_gc_head *h = gc_next(young);
    while (h != young) {
        if (get_refs(h)) {
            reachable++;
            RObject *op = FROM_HEAD(h);
            if (R_TYPE(op)->traverse)
                R_TYPE(op)->traverse(op, visit_reachable, young);
            set_prev(h, prev);
            clear_collecting_flag(h);
            prev = h;
        } else {
            /* young is linked by next alone here: only prev's next changes */
            prev->next = h->next;
            r_gc_head *last = (r_gc_head *)unreachable->prev;
            last->next = NEXT_UNREACHABLE | (uintptr_t)h;
            set_prev(h, last);
            h->next = NEXT_UNREACHABLE | (uintptr_t)unreachable;
            unreachable->prev = (uintptr_t)h;
        }
        h = (r_gc_head *)prev->next;
    }
    young->prev = (uintptr_t)prev;
    unreachable->next &= ~(uintptr_t)NEXT_UNREACHABLE;
    return reachable;
}

/* The unreachable set as a plain list again (the objects stay collected). */
static void clear_unreachable_marks(r_gc_head *unreachable)
{
    for (r_gc_head *h = gc_next(unreachable); h != unreachable; h = gc_next(h))
        h->next &= ~(uintptr_t)NEXT_UNREACHABLE;
}

static void clear_collecting(r_gc_head *list)
{
    for (r_gc_head *h = gc_next(list); h != list; h = gc_next(h))
        clear_collecting_flag(h);
}

/* Steps 1 and 2 over list: the unreachable part moves to unreachable (a
 * plain list of collected objects), the rest stays, no longer collected;
 * returns how many stay. */
static ssize_t deduce_unreachable(r_gc_head *list, r_gc_head *unreachable)
{
    update_refs(list);
    subtract_refs(list);
    ssize_t reachable = move_unreachable(list, unreachable);
    clear_unreachable_marks(unreachable);
    return reachable;
}

/* A full collection takes every tracked object, so whether a referent is
 * in the set is whether it is tracked, and its refs can be set when it is
 * first met, by the walk or by a visit: update_refs and subtract_refs
 * become one walk over the list, where on a large heap each walk costs a
 * cache miss per object. */
static int visit_decref_full(RObject *op, void *arg)
{
    if (!op || !r_gc_is_gc(op))
        return 0;
    r_gc_head *h = R_GC_HEAD(op);
    if (!h->next)
        return 0;
    if (!is_collecting(h))
        reset_refs(h, op->refcnt);
    return visit_decref(op, arg);
}

static ssize_t deduce_unreachable_full(r_gc_head *list, r_gc_head *unreachable)
{
    for (r_gc_head *h = gc_next(list); h != list; h = gc_next(h)) {
        RObject *op = FROM_HEAD(h);
        if (!is_collecting(h))
            reset_refs(h, op->refcnt);
        if (R_TYPE(op)->traverse)
            R_TYPE(op)->traverse(op, visit_decref_full, op);
    }
    ssize_t reachable = move_unreachable(list, unreachable);
    clear_unreachable_marks(unreachable);
    return reachable;
}

/* PEP 442: each finaliser once, the object held while it runs. */
static void finalize_garbage(r_gc_head *unreachable)
{
    r_gc_head seen;
    list_init(&seen);
    while (!list_is_empty(unreachable)) {
        r_gc_head *h = gc_next(unreachable);
        RObject *op = FROM_HEAD(h);
        list_move(h, &seen);
        void (*finalize)(RObject *) = R_TYPE(op)->finalize;
        if (finalize && !(h->prev & PREV_FINALIZED)) {
            h->prev |= PREV_FINALIZED;
            R_INCREF(op);
            finalize(op);
            r_err_clear();
            R_DECREF(op); /* may free it: it leaves seen */
        }
    }
    list_merge(&seen, unreachable);
}

/* What a finaliser made reachable again goes to old with all it reaches;
 * what is still garbage moves to still_unreachable. */
static void handle_resurrected(r_gc_head *unreachable, r_gc_head *still_unreachable,
                               r_gc_head *old)
{
    clear_collecting(unreachable);
    deduce_unreachable(unreachable, still_unreachable);
    list_merge(unreachable, old);
}

static void delete_garbage(r_gc_head *collectable, r_gc_head *old)
{
    while (!list_is_empty(collectable)) {
        r_gc_head *h = gc_next(collectable);
        RObject *op = FROM_HEAD(h);
        void (*clear)(RObject *) = R_TYPE(op)->clear;
        if (clear) {
            R_INCREF(op);
            clear(op);
            r_err_clear();
            R_DECREF(op);
        }
        if (gc_next(collectable) == h) {
            /* still alive (no clear, or the cycle holds on elsewhere):
             * another collection may free it once the rest is gone */
            clear_collecting_flag(h);
            list_move(h, old);
        }
    }
}

static ssize_t collect(int generation)
{
    collecting = true;
    r_gc_due = 0;
    RObject *saved = r_err_fetch();
    if (generation + 1 < R_GC_GENERATIONS)
        gens[generation + 1].count++;
    for (int i = 0; i <= generation; i++)
        gens[i].count = 0;

    r_gc_head *young = &gens[generation].head;
    for (int i = 0; i < generation; i++)
        list_merge(&gens[i].head, young);
    r_gc_head *old = generation + 1 < R_GC_GENERATIONS ? &gens[generation + 1].head : young;

    r_gc_head unreachable, final_unreachable;
    list_init(&unreachable);
    list_init(&final_unreachable);
    ssize_t survivors = young == old ? deduce_unreachable_full(young, &unreachable)
                                     : deduce_unreachable(young, &unreachable);
    if (young != old) {
        if (generation == R_GC_GENERATIONS - 2)
            long_lived_pending += survivors;
        list_merge(young, old);
    } else {
        long_lived_pending = 0;
        long_lived_total = survivors;
    }

    finalize_garbage(&unreachable);
    handle_resurrected(&unreachable, &final_unreachable, old);
    ssize_t n = list_size(&final_unreachable);
    delete_garbage(&final_unreachable, old);
    gens[generation].stats.collections++;
    gens[generation].stats.collected += n;

    r_err_clear();
    r_err_restore(saved);
    collecting = false;
    return n;
}

ssize_t r_gc_collect(int generation)
{
    lists_init_once();
    if (collecting)
        return 0;
    return collect(generation);
}

/* CPython's collect_generations: the oldest generation over its threshold,
 * gen 2 only when the long-lived objects have grown enough. */
void r_gc_collect_due(void)
{
    r_gc_due = 0;
    if (!enabled || collecting || stopped)
        return;
    if (stress) {
        collect(R_GC_GENERATIONS - 1); /* every object traversed every time */
        return;
    }
    for (int i = R_GC_GENERATIONS - 1; i >= 0; i--) {
        bool over = i == 0 ? young_over_threshold() : gens[i].count > gens[i].threshold;
        if (!over)
            continue;
        if (i == R_GC_GENERATIONS - 1 && long_lived_pending < long_lived_total / 4)
            continue;
        collect(i);
        break;
    }
}

void r_gc_collect_at_exit(void)
{
    lists_init_once();
    if (collecting)
        return;
    collect(R_GC_GENERATIONS - 1);
    stopped = true;
    r_gc_due = 0;
    for (int i = 0; i < R_GC_GENERATIONS; i++)
        while (!list_is_empty(&gens[i].head))
            list_remove(gc_next(&gens[i].head));
}

/* ---- settings ---- */

void r_gc_get_stats(r_gc_stats out[R_GC_GENERATIONS])
{
    for (int i = 0; i < R_GC_GENERATIONS; i++)
        out[i] = gens[i].stats;
}

void r_gc_set_enabled(bool on)
{
    enabled = on;
}

bool r_gc_is_enabled(void)
{
    return enabled;
}

void r_gc_get_thresholds(int out[R_GC_GENERATIONS])
{
    lists_init_once();
    for (int i = 0; i < R_GC_GENERATIONS; i++)
        out[i] = gens[i].threshold;
}

void r_gc_set_thresholds(const int in[R_GC_GENERATIONS])
{
    lists_init_once();
    for (int i = 0; i < R_GC_GENERATIONS; i++)
        gens[i].threshold = in[i];
}

void r_gc_get_counts(int out[R_GC_GENERATIONS])
{
    for (int i = 0; i < R_GC_GENERATIONS; i++)
        out[i] = gens[i].count;
}

void r_gc_init(void)
{
    lists_init_once();
    /* Python/gc.c: 3.13 starts the young generation at 2000 */
    if (r_gc_young_threshold_is_2000())
        gens[0].threshold = 2000;
    const char *s = getenv("REFPY_GC_STRESS");
    if (s && *s) {
        int n = atoi(s);
        stress = n > 0 ? n : 0;
    }
}
