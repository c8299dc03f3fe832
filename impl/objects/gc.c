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

#include "blockcache.h"
#include "errors.h"
#include "profile.h"

enum {
    GC_COLLECTING = 1, /* in the set being collected */
    GC_UNREACHABLE = 2, /* tentatively unreachable (move_unreachable) */
    GC_FINALIZED = R_TPFLAGS_FINALIZED,
};

typedef struct {
    r_gc_head head; /* a list: head.gc.next is the first, head.gc.prev the last */
    int threshold;
    int count; /* gen 0: allocations minus frees; older: collections of the younger */
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

/* ---- lists ---- */

static void list_init(r_gc_head *list)
{
    list->gc.next = list->gc.prev = list;
}

static bool list_is_empty(r_gc_head *list)
{
    return list->gc.next == list;
}

static void list_append(r_gc_head *node, r_gc_head *list)
{
    r_gc_head *last = list->gc.prev;
    node->gc.prev = last;
    node->gc.next = list;
    last->gc.next = node;
    list->gc.prev = node;
}

static void list_remove(r_gc_head *node)
{
    node->gc.prev->gc.next = node->gc.next;
    node->gc.next->gc.prev = node->gc.prev;
    node->gc.next = node->gc.prev = NULL;
}

static void list_move(r_gc_head *node, r_gc_head *list)
{
    list_remove(node);
    list_append(node, list);
}

/* Appends from's nodes to to's, leaving from empty. */
static void list_merge(r_gc_head *from, r_gc_head *to)
{
    if (list_is_empty(from))
        return;
    r_gc_head *last = to->gc.prev;
    last->gc.next = from->gc.next;
    from->gc.next->gc.prev = last;
    to->gc.prev = from->gc.prev;
    to->gc.prev->gc.next = to;
    list_init(from);
}

static ssize_t list_size(r_gc_head *list)
{
    ssize_t n = 0;
    for (r_gc_head *h = list->gc.next; h != list; h = h->gc.next)
        n++;
    return n;
}

static void lists_init_once(void)
{
    if (gens[0].head.gc.next)
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
    /* malloc and memset rather than calloc, which glibc serves without its
     * per-thread cache: frames come and go on every call (and the header is
     * set apart, or the compiler turns the pair back into calloc) */
    r_gc_head *h = r_block_alloc(sizeof(r_gc_head) + size);
    if (!h)
        return NULL;
    h->gc.next = h->gc.prev = NULL;
    h->gc.refs = 0;
    h->gc.flags = 0;
    memset(h + 1, 0, size);
    return FROM_HEAD(h);
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
    if (h->gc.next)
        return;
    list_append(h, &gens[0].head);
    gens[0].count++;
    if (enabled && !collecting && !stopped && young_over_threshold())
        r_gc_due = 1;
}

void r_gc_untrack(RObject *o)
{
    r_gc_head *h = R_GC_HEAD(o);
    if (h->gc.next)
        list_remove(h);
    h->gc.flags &= ~(uintptr_t)(GC_COLLECTING | GC_UNREACHABLE);
}

bool r_gc_is_tracked(RObject *o)
{
    return r_gc_is_gc(o) && R_GC_HEAD(o)->gc.next != NULL;
}

void r_gc_free(RObject *o)
{
    r_gc_untrack(o);
    if (gens[0].count > 0)
        gens[0].count--;
    r_block_free(R_GC_HEAD(o));
}

bool r_gc_set_finalized(RObject *o)
{
    r_gc_head *h = R_GC_HEAD(o);
    bool was = (h->gc.flags & GC_FINALIZED) != 0;
    h->gc.flags |= GC_FINALIZED;
    return was;
}

/* ---- the collection ---- */

static r_gc_head *collected_head(RObject *op)
{
    if (!op || !r_gc_is_gc(op))
        return NULL;
    r_gc_head *h = R_GC_HEAD(op);
    return h->gc.flags & GC_COLLECTING ? h : NULL;
}

static void update_refs(r_gc_head *list)
{
    for (r_gc_head *h = list->gc.next; h != list; h = h->gc.next) {
        h->gc.refs = FROM_HEAD(h)->refcnt;
        h->gc.flags |= GC_COLLECTING;
    }
}

static int visit_decref(RObject *op, void *arg)
{
    r_gc_head *h = collected_head(op);
    if (!h)
        return 0;
    if (h->gc.refs <= 0) {
        /* a traverse visited a reference its object does not own: going
         * on would free a live object */
        fprintf(stderr, "refpy: gc: more references to a '%s' object than its count (%s)\n",
                R_TYPE(op)->name, R_TYPE((RObject *)arg)->name);
        abort();
    }
    h->gc.refs--;
    return 0;
}

static void subtract_refs(r_gc_head *list)
{
    for (r_gc_head *h = list->gc.next; h != list; h = h->gc.next) {
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
    if (h->gc.flags & GC_UNREACHABLE) {
        /* scanned already and taken for garbage: back to the end of the
         * list being scanned, to be scanned again as reachable */
        list_move(h, (r_gc_head *)arg);
        h->gc.flags &= ~(uintptr_t)GC_UNREACHABLE;
        h->gc.refs = 1;
    } else if (h->gc.refs == 0) {
        h->gc.refs = 1; /* not scanned yet: it comes later in the list */
    }
    return 0;
}

/* Scans young in order: an object with outside references is reachable
 * and makes what it refers to reachable; one without is moved to
 * unreachable, until something reachable refers to it. */
static void move_unreachable(r_gc_head *young, r_gc_head *unreachable)
{
    r_gc_head *h = young->gc.next;
    while (h != young) {
        r_gc_head *next;
        if (h->gc.refs > 0) {
            RObject *op = FROM_HEAD(h);
            if (R_TYPE(op)->traverse)
                R_TYPE(op)->traverse(op, visit_reachable, young);
            next = h->gc.next;
        } else {
            next = h->gc.next;
            list_move(h, unreachable);
            h->gc.flags |= GC_UNREACHABLE;
        }
        h = next;
    }
    for (h = unreachable->gc.next; h != unreachable; h = h->gc.next)
        h->gc.flags &= ~(uintptr_t)GC_UNREACHABLE;
}

static void clear_collecting(r_gc_head *list)
{
    for (r_gc_head *h = list->gc.next; h != list; h = h->gc.next)
        h->gc.flags &= ~(uintptr_t)GC_COLLECTING;
}

/* Steps 1 and 2 over list: the unreachable part moves to unreachable, the
 * rest stays, no longer marked as collected. */
static void deduce_unreachable(r_gc_head *list, r_gc_head *unreachable)
{
    update_refs(list);
    subtract_refs(list);
    move_unreachable(list, unreachable);
    clear_collecting(list);
}

/* PEP 442: each finaliser once, the object held while it runs. */
static void finalize_garbage(r_gc_head *unreachable)
{
    r_gc_head seen;
    list_init(&seen);
    while (!list_is_empty(unreachable)) {
        r_gc_head *h = unreachable->gc.next;
        RObject *op = FROM_HEAD(h);
        list_move(h, &seen);
        void (*finalize)(RObject *) = R_TYPE(op)->finalize;
        if (finalize && !(h->gc.flags & GC_FINALIZED)) {
            h->gc.flags |= GC_FINALIZED;
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
    update_refs(unreachable);
    subtract_refs(unreachable);
    move_unreachable(unreachable, still_unreachable);
    clear_collecting(unreachable);
    list_merge(unreachable, old);
}

static void delete_garbage(r_gc_head *collectable, r_gc_head *old)
{
    while (!list_is_empty(collectable)) {
        r_gc_head *h = collectable->gc.next;
        RObject *op = FROM_HEAD(h);
        void (*clear)(RObject *) = R_TYPE(op)->clear;
        if (clear) {
            R_INCREF(op);
            clear(op);
            r_err_clear();
            R_DECREF(op);
        }
        if (collectable->gc.next == h) {
            /* still alive (no clear, or the cycle holds on elsewhere):
             * another collection may free it once the rest is gone */
            h->gc.flags &= ~(uintptr_t)GC_COLLECTING;
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
    deduce_unreachable(young, &unreachable);
    if (young != old) {
        if (generation == R_GC_GENERATIONS - 2)
            long_lived_pending += list_size(young);
        list_merge(young, old);
    } else {
        long_lived_pending = 0;
        long_lived_total = list_size(young);
    }

    finalize_garbage(&unreachable);
    handle_resurrected(&unreachable, &final_unreachable, old);
    ssize_t n = list_size(&final_unreachable);
    delete_garbage(&final_unreachable, old);

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
            list_remove(gens[i].head.gc.next);
}

/* ---- settings ---- */

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
