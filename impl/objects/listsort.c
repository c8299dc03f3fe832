/* list.sort: CPython's timsort (Objects/listobject.c, Objects/listsort.txt)
 * with 3.11+'s powersort merge policy. Every comparison is
 * r_richcompare_bool(x, y, R_LT), made in the same order as CPython 3.12
 * makes it, so that the first pair that cannot be compared, and any side
 * effect of __lt__, are the same. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "exceptions.h"
#include "listobject.h"

#define SSIZE_MAX_ ((ssize_t)(SIZE_MAX >> 1))

static void reverse_slice(RObject **lo, RObject **hi)
{
    --hi;
    while (lo < hi) {
        RObject *t = *lo;
        *lo = *hi;
        *hi = t;
        ++lo;
        --hi;
    }
}

typedef struct {
    RObject **keys;
    RObject **values; /* NULL when the keys are the values */
} sortslice;

static void sortslice_copy(sortslice *s1, ssize_t i, sortslice *s2, ssize_t j)
{
    s1->keys[i] = s2->keys[j];
    if (s1->values)
        s1->values[i] = s2->values[j];
}

static void sortslice_copy_incr(sortslice *dst, sortslice *src)
{
    *dst->keys++ = *src->keys++;
    if (dst->values)
        *dst->values++ = *src->values++;
}

static void sortslice_copy_decr(sortslice *dst, sortslice *src)
{
    *dst->keys-- = *src->keys--;
    if (dst->values)
        *dst->values-- = *src->values--;
}

static void sortslice_memcpy(sortslice *s1, ssize_t i, sortslice *s2, ssize_t j, ssize_t n)
{
    memcpy(&s1->keys[i], &s2->keys[j], sizeof(RObject *) * (size_t)n);
    if (s1->values)
        memcpy(&s1->values[i], &s2->values[j], sizeof(RObject *) * (size_t)n);
}

static void sortslice_memmove(sortslice *s1, ssize_t i, sortslice *s2, ssize_t j, ssize_t n)
{
    memmove(&s1->keys[i], &s2->keys[j], sizeof(RObject *) * (size_t)n);
    if (s1->values)
        memmove(&s1->values[i], &s2->values[j], sizeof(RObject *) * (size_t)n);
}

static void sortslice_advance(sortslice *slice, ssize_t n)
{
    slice->keys += n;
    if (slice->values)
        slice->values += n;
}

#define MAX_MERGE_PENDING ((int)sizeof(size_t) * 8)
#define MIN_GALLOP 7
#define MERGESTATE_TEMP_SIZE 256

struct s_slice {
    sortslice base;
    ssize_t len;
    int power; /* the run's level in powersort's merge tree */
};

typedef struct {
    ssize_t min_gallop;
    ssize_t listlen;
    RObject **basekeys;
    sortslice a; /* temporary storage for merges */
    ssize_t alloced;
    int n;
    struct s_slice pending[MAX_MERGE_PENDING];
    RObject *temparray[MERGESTATE_TEMP_SIZE];
} MergeState;

#define ISLT(X, Y) r_richcompare_bool((X), (Y), R_LT)
/* compares, jumps to fail on error, else opens an "if (X < Y)" */
#define IFLT(X, Y)                    \
    if ((k = ISLT(X, Y)) < 0)         \
        goto fail;                    \
    if (k)

/* Binary insertion sort of [lo, hi), whose prefix [lo, start) is sorted. */
static int binarysort(sortslice lo, RObject **hi, RObject **start)
{
    int k;
    RObject **l, **p, **r;
    RObject *pivot;
    if (lo.keys == start)
        ++start;
    for (; start < hi; ++start) {
        l = lo.keys;
        r = start;
        pivot = *r;
        do {
            p = l + ((r - l) >> 1);
            IFLT(pivot, *p)
                r = p;
            else
                l = p + 1;
        } while (l < r);
        for (p = start; p > l; --p)
            *p = *(p - 1);
        *l = pivot;
        if (lo.values) {
            ssize_t offset = lo.values - lo.keys;
            p = start + offset;
            pivot = *p;
            l += offset;
            for (p = start + offset; p > l; --p)
                *p = *(p - 1);
            *l = pivot;
        }
    }
    return 0;
fail:
    return -1;
}

/* The length of the run at lo: non-descending, or strictly descending
 * (*descending set), so that reversing it keeps the sort stable. */
static ssize_t count_run(RObject **lo, RObject **hi, int *descending)
{
    int k;
    ssize_t n;
    *descending = 0;
    ++lo;
    if (lo == hi)
        return 1;
    n = 2;
    IFLT(*lo, *(lo - 1)) {
        *descending = 1;
        for (lo = lo + 1; lo < hi; ++lo, ++n) {
            if ((k = ISLT(*lo, *(lo - 1))) < 0)
                goto fail;
            if (!k)
                break;
        }
    } else {
        for (lo = lo + 1; lo < hi; ++lo, ++n) {
            IFLT(*lo, *(lo - 1))
                break;
        }
    }
    return n;
fail:
    return -1;
}

/* Where key goes in the sorted a[0:n], left of any equal items, searching
 * outward from a[hint]. */
static ssize_t gallop_left(RObject *key, RObject **a, ssize_t n, ssize_t hint)
{
    ssize_t ofs, lastofs;
    int k;
    a += hint;
    lastofs = 0;
    ofs = 1;
    IFLT(*a, key) {
        const ssize_t maxofs = n - hint;
        while (ofs < maxofs) {
            IFLT(a[ofs], key) {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else
                break;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    } else {
        const ssize_t maxofs = hint + 1;
        while (ofs < maxofs) {
            IFLT(*(a - ofs), key)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        ssize_t t = lastofs;
        lastofs = hint - ofs;
        ofs = hint - t;
    }
    a -= hint;
    ++lastofs;
    while (lastofs < ofs) {
        ssize_t m = lastofs + ((ofs - lastofs) >> 1);
        IFLT(a[m], key)
            lastofs = m + 1;
        else
            ofs = m;
    }
    return ofs;
fail:
    return -1;
}

/* As gallop_left, but right of any equal items. */
static ssize_t gallop_right(RObject *key, RObject **a, ssize_t n, ssize_t hint)
{
    ssize_t ofs, lastofs;
    int k;
    a += hint;
    lastofs = 0;
    ofs = 1;
    IFLT(key, *a) {
        const ssize_t maxofs = hint + 1;
        while (ofs < maxofs) {
            IFLT(key, *(a - ofs)) {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else
                break;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        ssize_t t = lastofs;
        lastofs = hint - ofs;
        ofs = hint - t;
    } else {
        const ssize_t maxofs = n - hint;
        while (ofs < maxofs) {
            IFLT(key, a[ofs])
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    }
    a -= hint;
    ++lastofs;
    while (lastofs < ofs) {
        ssize_t m = lastofs + ((ofs - lastofs) >> 1);
        IFLT(key, a[m])
            ofs = m;
        else
            lastofs = m + 1;
    }
    return ofs;
fail:
    return -1;
}

static void merge_init(MergeState *ms, ssize_t list_size, bool has_keyfunc, sortslice *lo)
{
    if (has_keyfunc) {
        /* merges need at most half the list; the values live after it */
        ms->alloced = (list_size + 1) / 2;
        if (MERGESTATE_TEMP_SIZE / 2 < ms->alloced)
            ms->alloced = MERGESTATE_TEMP_SIZE / 2;
        ms->a.values = &ms->temparray[ms->alloced];
    } else {
        ms->alloced = MERGESTATE_TEMP_SIZE;
        ms->a.values = NULL;
    }
    ms->a.keys = ms->temparray;
    ms->n = 0;
    ms->min_gallop = MIN_GALLOP;
    ms->listlen = list_size;
    ms->basekeys = lo->keys;
}

static void merge_freemem(MergeState *ms)
{
    if (ms->a.keys != ms->temparray) {
        free(ms->a.keys);
        ms->a.keys = NULL;
    }
}

static int merge_getmem(MergeState *ms, ssize_t need)
{
    if (need <= ms->alloced)
        return 0;
    int multiplier = ms->a.values ? 2 : 1;
    merge_freemem(ms);
    if ((size_t)need > (size_t)SSIZE_MAX_ / sizeof(RObject *) / (size_t)multiplier) {
        r_err_no_memory();
        return -1;
    }
    ms->a.keys = malloc((size_t)multiplier * (size_t)need * sizeof(RObject *));
    if (ms->a.keys) {
        ms->alloced = need;
        if (ms->a.values)
            ms->a.values = &ms->a.keys[need];
        return 0;
    }
    r_err_no_memory();
    return -1;
}

/* Merges the na items at ssa with the nb items right after them, in place
 * and stably; na <= nb and ssa[na-1] belongs at the end. */
static int merge_lo(MergeState *ms, sortslice ssa, ssize_t na, sortslice ssb, ssize_t nb)
{
    int k;
    sortslice dest;
    int result = -1;
    ssize_t min_gallop;

    if (merge_getmem(ms, na) < 0)
        return -1;
    sortslice_memcpy(&ms->a, 0, &ssa, 0, na);
    dest = ssa;
    ssa = ms->a;

    sortslice_copy_incr(&dest, &ssb);
    --nb;
    if (nb == 0)
        goto Succeed;
    if (na == 1)
        goto CopyB;

    min_gallop = ms->min_gallop;
    for (;;) {
        ssize_t acount = 0; /* times A won in a row */
        ssize_t bcount = 0; /* times B won in a row */
        for (;;) {
            k = ISLT(ssb.keys[0], ssa.keys[0]);
            if (k) {
                if (k < 0)
                    goto Fail;
                sortslice_copy_incr(&dest, &ssb);
                ++bcount;
                acount = 0;
                --nb;
                if (nb == 0)
                    goto Succeed;
                if (bcount >= min_gallop)
                    break;
            } else {
                sortslice_copy_incr(&dest, &ssa);
                ++acount;
                bcount = 0;
                --na;
                if (na == 1)
                    goto CopyB;
                if (acount >= min_gallop)
                    break;
            }
        }
        /* one run wins consistently: gallop */
        ++min_gallop;
        do {
            ssize_t g;
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            g = gallop_right(ssb.keys[0], ssa.keys, na, 0);
            acount = g;
            if (g) {
                if (g < 0)
                    goto Fail;
                sortslice_memcpy(&dest, 0, &ssa, 0, g);
                sortslice_advance(&dest, g);
                sortslice_advance(&ssa, g);
                na -= g;
                if (na == 1)
                    goto CopyB;
                /* impossible with a consistent comparison, but possible */
                if (na == 0)
                    goto Succeed;
            }
            sortslice_copy_incr(&dest, &ssb);
            --nb;
            if (nb == 0)
                goto Succeed;

            g = gallop_left(ssa.keys[0], ssb.keys, nb, 0);
            bcount = g;
            if (g) {
                if (g < 0)
                    goto Fail;
                sortslice_memmove(&dest, 0, &ssb, 0, g);
                sortslice_advance(&dest, g);
                sortslice_advance(&ssb, g);
                nb -= g;
                if (nb == 0)
                    goto Succeed;
            }
            sortslice_copy_incr(&dest, &ssa);
            --na;
            if (na == 1)
                goto CopyB;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop; /* penalty for leaving galloping mode */
        ms->min_gallop = min_gallop;
    }
Succeed:
    result = 0;
Fail:
    if (na)
        sortslice_memcpy(&dest, 0, &ssa, 0, na);
    return result;
CopyB:
    /* the last item of A belongs at the end */
    sortslice_memmove(&dest, 0, &ssb, 0, nb);
    sortslice_copy(&dest, nb, &ssa, 0);
    return 0;
}

/* As merge_lo, from the right; na >= nb. */
static int merge_hi(MergeState *ms, sortslice ssa, ssize_t na, sortslice ssb, ssize_t nb)
{
    int k;
    sortslice dest, basea, baseb;
    int result = -1;
    ssize_t min_gallop;

    if (merge_getmem(ms, nb) < 0)
        return -1;
    dest = ssb;
    sortslice_advance(&dest, nb - 1);
    sortslice_memcpy(&ms->a, 0, &ssb, 0, nb);
    basea = ssa;
    baseb = ms->a;
    ssb.keys = ms->a.keys + nb - 1;
    if (ssb.values)
        ssb.values = ms->a.values + nb - 1;
    sortslice_advance(&ssa, na - 1);

    sortslice_copy_decr(&dest, &ssa);
    --na;
    if (na == 0)
        goto Succeed;
    if (nb == 1)
        goto CopyA;

    min_gallop = ms->min_gallop;
    for (;;) {
        ssize_t acount = 0;
        ssize_t bcount = 0;
        for (;;) {
            k = ISLT(ssb.keys[0], ssa.keys[0]);
            if (k) {
                if (k < 0)
                    goto Fail;
                sortslice_copy_decr(&dest, &ssa);
                ++acount;
                bcount = 0;
                --na;
                if (na == 0)
                    goto Succeed;
                if (acount >= min_gallop)
                    break;
            } else {
                sortslice_copy_decr(&dest, &ssb);
                ++bcount;
                acount = 0;
                --nb;
                if (nb == 1)
                    goto CopyA;
                if (bcount >= min_gallop)
                    break;
            }
        }
        ++min_gallop;
        do {
            ssize_t g;
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            g = gallop_right(ssb.keys[0], basea.keys, na, na - 1);
            if (g < 0)
                goto Fail;
            g = na - g;
            acount = g;
            if (g) {
                sortslice_advance(&dest, -g);
                sortslice_advance(&ssa, -g);
                sortslice_memmove(&dest, 1, &ssa, 1, g);
                na -= g;
                if (na == 0)
                    goto Succeed;
            }
            sortslice_copy_decr(&dest, &ssb);
            --nb;
            if (nb == 1)
                goto CopyA;

            g = gallop_left(ssa.keys[0], baseb.keys, nb, nb - 1);
            if (g < 0)
                goto Fail;
            g = nb - g;
            bcount = g;
            if (g) {
                sortslice_advance(&dest, -g);
                sortslice_advance(&ssb, -g);
                sortslice_memcpy(&dest, 1, &ssb, 1, g);
                nb -= g;
                if (nb == 1)
                    goto CopyA;
                if (nb == 0)
                    goto Succeed;
            }
            sortslice_copy_decr(&dest, &ssa);
            --na;
            if (na == 0)
                goto Succeed;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop;
        ms->min_gallop = min_gallop;
    }
Succeed:
    result = 0;
Fail:
    if (nb)
        sortslice_memcpy(&dest, -(nb - 1), &baseb, 0, nb);
    return result;
CopyA:
    /* the first item of B belongs at the front */
    sortslice_memmove(&dest, 1 - na, &ssa, 1 - na, na);
    sortslice_advance(&dest, -na);
    sortslice_advance(&ssa, -na);
    sortslice_copy(&dest, 0, &ssb, 0);
    return 0;
}

/* Merges the runs at stack indices i and i+1. */
static int merge_at(MergeState *ms, int i)
{
    sortslice ssa = ms->pending[i].base;
    ssize_t na = ms->pending[i].len;
    sortslice ssb = ms->pending[i + 1].base;
    ssize_t nb = ms->pending[i + 1].len;

    ms->pending[i].len = na + nb;
    if (i == ms->n - 3)
        ms->pending[i + 1] = ms->pending[i + 2];
    --ms->n;

    /* items of a before where b starts are already in place */
    ssize_t k = gallop_right(*ssb.keys, ssa.keys, na, 0);
    if (k < 0)
        return -1;
    sortslice_advance(&ssa, k);
    na -= k;
    if (na == 0)
        return 0;
    /* items of b after where a ends are already in place */
    nb = gallop_left(ssa.keys[na - 1], ssb.keys, nb, nb - 1);
    if (nb <= 0)
        return (int)nb;
    if (na <= nb)
        return merge_lo(ms, ssa, na, ssb, nb);
    return merge_hi(ms, ssa, na, ssb, nb);
}

/* The "power" of the run at s1 (length n1) followed by one of length n2
 * in a list of length n: the depth of their boundary in powersort's tree. */
static int powerloop(ssize_t s1, ssize_t n1, ssize_t n2, ssize_t n)
{
    int result = 0;
    ssize_t a = 2 * s1 + n1; /* twice the first run's midpoint */
    ssize_t b = a + n1 + n2; /* twice the second's */
    for (;;) {
        ++result;
        if (a >= n) {
            a -= n;
            b -= n;
        } else if (b >= n) {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    return result;
}

/* version: 3.11+ merge by powersort; 3.8-3.10 used timsort's original
 * merge_collapse invariants, which merge (and so compare) in another order;
 * 3.13 also counts runs differently (descending runs may hold equal items),
 * so each version compares different pairs, in a different order. */
static int found_new_run(MergeState *ms, ssize_t n2)
{
    if (ms->n) {
        struct s_slice *p = ms->pending;
        ssize_t s1 = p[ms->n - 1].base.keys - ms->basekeys;
        ssize_t n1 = p[ms->n - 1].len;
        int power = powerloop(s1, n1, n2, ms->listlen);
        while (ms->n > 1 && p[ms->n - 2].power > power) {
            if (merge_at(ms, ms->n - 2) < 0)
                return -1;
        }
        p[ms->n - 1].power = power;
    }
    return 0;
}

static int merge_force_collapse(MergeState *ms)
{
    struct s_slice *p = ms->pending;
    while (ms->n > 1) {
        int n = ms->n - 2;
        if (n > 0 && p[n - 1].len < p[n + 1].len)
            --n;
        if (merge_at(ms, n) < 0)
            return -1;
    }
    return 0;
}

/* n itself below 64; else a k in [32, 64] with n/k just below a power of
 * two. */
static ssize_t merge_compute_minrun(ssize_t n)
{
    ssize_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

static void reverse_sortslice(sortslice *s, ssize_t n)
{
    reverse_slice(s->keys, &s->keys[n]);
    if (s->values)
        reverse_slice(s->values, &s->values[n]);
}

/* The sort proper, on an array the list no longer holds. */
static int sort_array(MergeState *ms, sortslice lo, ssize_t nremaining)
{
    if (nremaining < 2)
        return 0;
    ssize_t minrun = merge_compute_minrun(nremaining);
    do {
        int descending;
        ssize_t n = count_run(lo.keys, lo.keys + nremaining, &descending);
        if (n < 0)
            return -1;
        if (descending)
            reverse_sortslice(&lo, n);
        /* extend a short run to min(minrun, nremaining) */
        if (n < minrun) {
            const ssize_t force = nremaining <= minrun ? nremaining : minrun;
            if (binarysort(lo, lo.keys + force, lo.keys + n) < 0)
                return -1;
            n = force;
        }
        if (found_new_run(ms, n) < 0)
            return -1;
        ms->pending[ms->n].base = lo;
        ms->pending[ms->n].len = n;
        ++ms->n;
        sortslice_advance(&lo, n);
        nremaining -= n;
    } while (nremaining);
    return merge_force_collapse(ms);
}

int r_list_sort(RObject *list, RObject *keyfunc, bool reverse)
{
    RList *self = (RList *)list;
    MergeState ms;
    sortslice lo;
    RObject **keys = NULL;
    bool keys_malloced = false;
    int result = -1;

    if (keyfunc == R_NONE)
        keyfunc = NULL;

    /* The list looks empty while it is sorted, so that a comparison that
     * changes it cannot pull the array from under the sort. */
    ssize_t saved_size = self->size;
    RObject **saved_items = self->items;
    ssize_t saved_allocated = self->allocated;
    self->size = 0;
    self->items = NULL;
    self->allocated = -1; /* any change to the list resets it */

    if (!keyfunc) {
        lo.keys = saved_items;
        lo.values = NULL;
    } else {
        if (saved_size < MERGESTATE_TEMP_SIZE / 2) {
            keys = &ms.temparray[saved_size + 1];
        } else {
            keys = malloc(sizeof(RObject *) * (size_t)saved_size);
            if (!keys) {
                r_err_no_memory();
                goto keyfunc_fail;
            }
            keys_malloced = true;
        }
        for (ssize_t i = 0; i < saved_size; i++) {
            keys[i] = r_call1(keyfunc, saved_items[i]);
            if (!keys[i]) {
                for (i = i - 1; i >= 0; i--)
                    R_DECREF(keys[i]);
                if (keys_malloced)
                    free(keys);
                goto keyfunc_fail;
            }
        }
        lo.keys = keys;
        lo.values = saved_items;
    }

    /* stability with reverse: reverse, sort forwards, reverse again */
    if (reverse && saved_size > 1) {
        if (keys)
            reverse_slice(&keys[0], &keys[saved_size]);
        reverse_slice(&saved_items[0], &saved_items[saved_size]);
    }

    merge_init(&ms, saved_size, keys != NULL, &lo);
    if (sort_array(&ms, lo, saved_size) == 0)
        result = 0;

    if (keys) {
        for (ssize_t i = 0; i < saved_size; i++)
            R_DECREF(keys[i]);
        if (keys_malloced)
            free(keys);
    }
    if (self->allocated != -1 && result == 0) {
        r_err_set_string(r_exc_ValueError, "list modified during sort");
        result = -1;
    }
    if (reverse && saved_size > 1)
        reverse_slice(saved_items, saved_items + saved_size);
    merge_freemem(&ms);

keyfunc_fail:;
    /* drop whatever the comparisons put into the list meanwhile */
    RObject **final_items = self->items;
    ssize_t i = self->size;
    self->size = saved_size;
    self->items = saved_items;
    self->allocated = saved_allocated;
    if (final_items) {
        while (--i >= 0)
            R_XDECREF(final_items[i]);
        free(final_items);
    }
    return result;
}

#undef IFLT
#undef ISLT
