/* set and frozenset (CPython 3.12's Objects/setobject.c): an open-addressed
 * table probed linearly LINEAR_PROBES slots at a time and then by
 * perturbation, with CPython's fill/used counts, dummies and resize rules,
 * so that the iteration order of hash-determined elements (ints, strs,
 * tuples of them) is CPython's for the same operations; the operators,
 * the comparisons, the methods and frozenset's hash.
 *
 * version: 3.8 names methods without the type in argument errors
 * ("add() takes exactly one argument"), 3.9-3.10 only for METH_O and
 * METH_NOARGS methods ("union() takes no keyword arguments"); 3.12's texts
 * are used. 3.9 does not put a new element into a deleted slot, so its
 * orders differ after deletions; 3.8 and 3.10-3.13 agree. */
#include "setobject.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

typedef struct {
    RObject *key; /* NULL: never used; &dummy_struct: deleted */
    int64_t hash; /* 0 when unused, -1 when deleted */
} setentry;

typedef struct {
    RObject ob;
    ssize_t fill;   /* active + dummy slots */
    ssize_t used;   /* active slots */
    ssize_t mask;   /* table size - 1 */
    setentry *table;
    int64_t hash;   /* frozenset only, -1 until computed */
    ssize_t finger; /* where pop() looks next */
    setentry smalltable[SET_MINSIZE];
} RSet;

/* the key of a deleted slot */
static RObject dummy_struct;
#define dummy (&dummy_struct)

#define SET(o) ((RSet *)(o))

static bool is_exact_str(RObject *o)
{
    return R_TYPE(o) == &r_str_type;
}

static void set_key_error(RObject *key)
{
    RObject *args = r_tuple_pack(1, key);
    if (args) {
        r_err_set_object(r_exc_KeyError, args);
        R_DECREF(args);
    }
}

/* ---- probing ---- */

/* The slot holding key, or the empty slot that ends its probe sequence;
 * NULL when a comparison failed. */
static setentry *set_lookkey(RSet *so, RObject *key, int64_t hash)
{
restart:;
    size_t perturb = (size_t)hash;
    size_t mask = (size_t)so->mask;
    size_t i = (size_t)hash & mask;
    for (;;) {
        setentry *entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL)
                return entry;
            if (entry->hash == hash) {
                RObject *startkey = entry->key;
                if (startkey == key)
                    return entry;
                if (is_exact_str(startkey) && is_exact_str(key) && r_str_equal(startkey, key))
                    return entry;
                setentry *table = so->table;
                R_INCREF(startkey);
                int cmp = r_richcompare_bool(startkey, key, R_EQ);
                R_DECREF(startkey);
                if (cmp < 0)
                    return NULL;
                if (table != so->table || entry->key != startkey)
                    goto restart; /* the comparison changed the set */
                if (cmp > 0)
                    return entry;
                mask = (size_t)so->mask;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

static int set_table_resize(RSet *so, ssize_t minused);

/* Adds key (a borrowed reference) with its hash; reuses the last deleted
 * slot seen on the probe sequence, and grows the table once it is 60%
 * full. */
static int set_add_entry(RSet *so, RObject *key, int64_t hash)
{
    setentry *freeslot, *entry;
    size_t perturb, mask, i;
    int probes, cmp;

    /* held across the comparisons, which may run any code */
    R_INCREF(key);
restart:
    mask = (size_t)so->mask;
    i = (size_t)hash & mask;
    freeslot = NULL;
    perturb = (size_t)hash;
    for (;;) {
        entry = &so->table[i];
        probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL)
                goto found_unused_or_dummy;
            if (entry->hash == hash) {
                RObject *startkey = entry->key;
                if (startkey == key)
                    goto found_active;
                if (is_exact_str(startkey) && is_exact_str(key) && r_str_equal(startkey, key))
                    goto found_active;
                setentry *table = so->table;
                R_INCREF(startkey);
                cmp = r_richcompare_bool(startkey, key, R_EQ);
                R_DECREF(startkey);
                if (cmp > 0)
                    goto found_active;
                if (cmp < 0)
                    goto comparison_error;
                if (table != so->table || entry->key != startkey)
                    goto restart;
                mask = (size_t)so->mask;
            } else if (entry->hash == -1) {
                freeslot = entry;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }

found_unused_or_dummy:
    if (freeslot == NULL)
        goto found_unused;
    so->used++;
    freeslot->key = key;
    freeslot->hash = hash;
    return 0;

found_unused:
    so->fill++;
    so->used++;
    entry->key = key;
    entry->hash = hash;
    if ((size_t)so->fill * 5 < mask * 3)
        return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);

found_active:
    R_DECREF(key);
    return 0;

comparison_error:
    R_DECREF(key);
    return -1;
}

/* Puts a key known to be absent into a table without dummies. */
static void set_insert_clean(setentry *table, size_t mask, RObject *key, int64_t hash)
{
    setentry *entry;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    for (;;) {
        entry = &table[i];
        if (entry->key == NULL)
            goto found_null;
        if (i + LINEAR_PROBES <= mask) {
            for (size_t j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL)
                    goto found_null;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_null:
    entry->key = key;
    entry->hash = hash;
}

/* Rebuilds the table with the smallest power-of-two size above minused,
 * dropping the dummies; the new table may be smaller. */
static int set_table_resize(RSet *so, ssize_t minused)
{
    setentry *oldtable = so->table, *newtable;
    ssize_t oldmask = so->mask;
    setentry small_copy[SET_MINSIZE];
    bool is_oldtable_malloced = oldtable != so->smalltable;

    size_t newsize = SET_MINSIZE;
    while (newsize <= (size_t)minused)
        newsize <<= 1;

    if (newsize == SET_MINSIZE) {
        /* shrinking to, or staying at, the small table */
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used)
                return 0; /* no dummies: nothing to do */
            memcpy(small_copy, oldtable, sizeof(small_copy));
            oldtable = small_copy;
        }
    } else {
        if (newsize > SIZE_MAX / sizeof(setentry)) {
            r_err_no_memory();
            return -1;
        }
        newtable = malloc(newsize * sizeof(setentry));
        if (!newtable) {
            r_err_no_memory();
            return -1;
        }
    }

    memset(newtable, 0, sizeof(setentry) * newsize);
    so->mask = (ssize_t)newsize - 1;
    so->table = newtable;

    size_t newmask = (size_t)so->mask;
    if (so->fill == so->used) {
        for (setentry *entry = oldtable; entry <= oldtable + oldmask; entry++)
            if (entry->key != NULL)
                set_insert_clean(newtable, newmask, entry->key, entry->hash);
    } else {
        so->fill = so->used;
        for (setentry *entry = oldtable; entry <= oldtable + oldmask; entry++)
            if (entry->key != NULL && entry->key != dummy)
                set_insert_clean(newtable, newmask, entry->key, entry->hash);
    }
    if (is_oldtable_malloced)
        free(oldtable);
    return 0;
}

static int set_contains_entry(RSet *so, RObject *key, int64_t hash)
{
    setentry *entry = set_lookkey(so, key, hash);
    if (!entry)
        return -1;
    return entry->key != NULL;
}

#define DISCARD_NOTFOUND 0
#define DISCARD_FOUND 1

static int set_discard_entry(RSet *so, RObject *key, int64_t hash)
{
    setentry *entry = set_lookkey(so, key, hash);
    if (!entry)
        return -1;
    if (entry->key == NULL)
        return DISCARD_NOTFOUND;
    RObject *old_key = entry->key;
    entry->key = dummy;
    entry->hash = -1;
    so->used--;
    R_DECREF(old_key);
    return DISCARD_FOUND;
}

static int set_add_key(RSet *so, RObject *key)
{
    int64_t hash = r_hash(key);
    if (hash == -1)
        return -1;
    return set_add_entry(so, key, hash);
}

static int set_contains_key(RSet *so, RObject *key)
{
    int64_t hash = r_hash(key);
    if (hash == -1)
        return -1;
    return set_contains_entry(so, key, hash);
}

static int set_discard_key(RSet *so, RObject *key)
{
    int64_t hash = r_hash(key);
    if (hash == -1)
        return -1;
    return set_discard_entry(so, key, hash);
}

static void set_empty_to_minsize(RSet *so)
{
    memset(so->smalltable, 0, sizeof(so->smalltable));
    so->fill = 0;
    so->used = 0;
    so->mask = SET_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
}

/* Empties the set before releasing the keys: their destructors may use it. */
static int set_clear_internal(RSet *so)
{
    setentry *table = so->table;
    ssize_t fill = so->fill, used = so->used;
    bool table_is_malloced = table != so->smalltable;
    setentry small_copy[SET_MINSIZE];

    if (table_is_malloced) {
        set_empty_to_minsize(so);
    } else if (fill > 0) {
        memcpy(small_copy, table, sizeof(small_copy));
        table = small_copy;
        set_empty_to_minsize(so);
    }
    for (setentry *entry = table; used > 0; entry++) {
        if (entry->key && entry->key != dummy) {
            used--;
            R_DECREF(entry->key);
        }
    }
    if (table_is_malloced)
        free(table);
    return 0;
}

/* The next active slot at or after *pos. */
static bool set_next(RSet *so, ssize_t *pos_ptr, setentry **entry_ptr)
{
    ssize_t i = *pos_ptr;
    ssize_t mask = so->mask;
    while (i <= mask && (so->table[i].key == NULL || so->table[i].key == dummy))
        i++;
    *pos_ptr = i + 1;
    if (i > mask)
        return false;
    *entry_ptr = &so->table[i];
    return true;
}

/* Adds every element of another set, with one resize up front. */
static int set_merge(RSet *so, RSet *other)
{
    if (other == so || other->used == 0)
        return 0;
    if ((so->fill + other->used) * 5 >= so->mask * 3) {
        if (set_table_resize(so, (so->used + other->used) * 2) != 0)
            return -1;
    }
    setentry *so_entry = so->table, *other_entry = other->table;

    /* same size, empty, no dummies: copy slot by slot */
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        for (ssize_t i = 0; i <= other->mask; i++, so_entry++, other_entry++) {
            RObject *key = other_entry->key;
            if (key != NULL) {
                so_entry->key = r_incref(key);
                so_entry->hash = other_entry->hash;
            }
        }
        so->fill = other->fill;
        so->used = other->used;
        return 0;
    }
    /* empty: no duplicates possible */
    if (so->fill == 0) {
        setentry *newtable = so->table;
        size_t newmask = (size_t)so->mask;
        so->fill = other->used;
        so->used = other->used;
        for (ssize_t i = other->mask + 1; i > 0; i--, other_entry++) {
            RObject *key = other_entry->key;
            if (key != NULL && key != dummy)
                set_insert_clean(newtable, newmask, r_incref(key), other_entry->hash);
        }
        return 0;
    }
    for (ssize_t i = 0; i <= other->mask; i++) {
        other_entry = &other->table[i];
        RObject *key = other_entry->key;
        if (key != NULL && key != dummy && set_add_entry(so, key, other_entry->hash))
            return -1;
    }
    return 0;
}

static int set_update_internal(RSet *so, RObject *other)
{
    if (R_ANYSET_CHECK(other))
        return set_merge(so, SET(other));
    if (r_isinstance_exact(other, &r_dict_type)) {
        ssize_t dictsize = r_dict_size(other);
        /* one big resize, expecting few common keys */
        if ((so->fill + dictsize) * 5 >= so->mask * 3) {
            if (set_table_resize(so, (so->used + dictsize) * 2) != 0)
                return -1;
        }
        ssize_t pos = 0;
        RObject *key;
        int64_t hash;
        while (r_dict_next_entry(other, &pos, &key, NULL, &hash))
            if (set_add_entry(so, key, hash))
                return -1;
        return 0;
    }
    RObject *it = r_get_iter(other);
    if (!it)
        return -1;
    RObject *key;
    while ((key = r_iter_next(it)) != NULL) {
        if (set_add_key(so, key)) {
            R_DECREF(it);
            R_DECREF(key);
            return -1;
        }
        R_DECREF(key);
    }
    R_DECREF(it);
    return r_err_occurred() ? -1 : 0;
}

static RSet *make_new_set(RType *type, RObject *iterable)
{
    RSet *so = (RSet *)r_alloc(type);
    if (!so)
        return NULL;
    set_empty_to_minsize(so);
    so->finger = 0;
    if (iterable && set_update_internal(so, iterable)) {
        R_DECREF(so);
        return NULL;
    }
    return so;
}

/* A new set or frozenset for an instance of a subclass: the base type. */
static RSet *make_new_set_basetype(RType *type, RObject *iterable)
{
    if (type != &r_set_type && type != &r_frozenset_type)
        type = r_type_is_subtype(type, &r_set_type) ? &r_set_type : &r_frozenset_type;
    return make_new_set(type, iterable);
}

RObject *r_set_new(RObject *iterable)
{
    return (RObject *)make_new_set(&r_set_type, iterable);
}

RObject *r_frozenset_new(RObject *iterable)
{
    if (iterable && r_isinstance_exact(iterable, &r_frozenset_type))
        return r_incref(iterable);
    return (RObject *)make_new_set(&r_frozenset_type, iterable);
}

ssize_t r_set_size(RObject *set)
{
    return SET(set)->used;
}

int r_set_add(RObject *set, RObject *key)
{
    return set_add_key(SET(set), key);
}

int r_set_discard(RObject *set, RObject *key)
{
    return set_discard_key(SET(set), key);
}

int r_set_contains(RObject *set, RObject *key)
{
    return set_contains_key(SET(set), key);
}

int r_set_update(RObject *set, RObject *iterable)
{
    return set_update_internal(SET(set), iterable);
}

int r_set_clear(RObject *set)
{
    return set_clear_internal(SET(set));
}

bool r_set_next_entry(RObject *set, ssize_t *pos, RObject **key, int64_t *hash)
{
    setentry *entry;
    if (!set_next(SET(set), pos, &entry))
        return false;
    *key = entry->key;
    if (hash)
        *hash = entry->hash;
    return true;
}

/* Exchanges the contents of two sets (set_swap_bodies), for the in-place
 * operations that build their result aside. */
static void set_swap_bodies(RSet *a, RSet *b)
{
    ssize_t t;
    setentry tab[SET_MINSIZE];

    t = a->fill; a->fill = b->fill; b->fill = t;
    t = a->used; a->used = b->used; b->used = t;
    t = a->mask; a->mask = b->mask; b->mask = t;

    setentry *u = a->table;
    if (a->table == a->smalltable)
        u = b->smalltable;
    a->table = b->table;
    if (b->table == b->smalltable)
        a->table = a->smalltable;
    b->table = u;

    if (a->table == a->smalltable || b->table == b->smalltable) {
        memcpy(tab, a->smalltable, sizeof(tab));
        memcpy(a->smalltable, b->smalltable, sizeof(tab));
        memcpy(b->smalltable, tab, sizeof(tab));
    }
    if (r_type_is_subtype(R_TYPE(a), &r_frozenset_type) &&
        r_type_is_subtype(R_TYPE(b), &r_frozenset_type)) {
        int64_t h = a->hash;
        a->hash = b->hash;
        b->hash = h;
    } else {
        a->hash = -1;
        b->hash = -1;
    }
}

/* ---- slots ---- */

static void set_dealloc(RObject *o)
{
    RSet *so = SET(o);
    ssize_t used = so->used;
    for (setentry *entry = so->table; used > 0; entry++) {
        if (entry->key && entry->key != dummy) {
            used--;
            R_DECREF(entry->key);
        }
    }
    if (so->table != so->smalltable)
        free(so->table);
    r_free(o);
}

static int set_traverse(RObject *o, r_visitproc visit, void *arg)
{
    ssize_t pos = 0;
    setentry *entry;
    while (set_next(SET(o), &pos, &entry)) {
        int rc = visit(entry->key, arg);
        if (rc)
            return rc;
    }
    return 0;
}

static void set_clear_slot(RObject *o)
{
    set_clear_internal(SET(o));
}

/* "{1, 2}", "set()", "frozenset({1})", "MySet({1})" */
static RObject *set_repr(RObject *o)
{
    RSet *so = SET(o);
    int status = r_repr_enter(o);
    if (status != 0)
        return status < 0 ? NULL : r_str_from_format("%s(...)", R_TYPE(o)->name);
    RObject *result = NULL;
    if (!so->used) {
        r_repr_leave(o);
        return r_str_from_format("%s()", R_TYPE(o)->name);
    }
    RObject *keys = r_sequence_list(o);
    if (!keys)
        goto done;
    RObject *listrepr = r_repr(keys);
    R_DECREF(keys);
    if (!listrepr)
        goto done;
    /* the list's repr without its brackets */
    const char *text = r_str_utf8(listrepr);
    size_t n = (size_t)r_str_size(listrepr);
    r_str_builder b;
    r_sb_init(&b);
    if (!r_isinstance_exact(o, &r_set_type)) {
        r_sb_append_cstr(&b, R_TYPE(o)->name);
        r_sb_append(&b, "(", 1);
    }
    r_sb_append(&b, "{", 1);
    r_sb_append(&b, text + 1, n - 2);
    r_sb_append(&b, "}", 1);
    if (!r_isinstance_exact(o, &r_set_type))
        r_sb_append(&b, ")", 1);
    R_DECREF(listrepr);
    result = r_sb_finish(&b);
done:
    r_repr_leave(o);
    return result;
}

static ssize_t set_len(RObject *o)
{
    return SET(o)->used;
}

/* Spreads the bits of nearby hashes (_shuffle_bits). */
static uint64_t shuffle_bits(uint64_t h)
{
    return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL;
}

/* frozenset's hash: order-independent, over the table slots, with the
 * empty and deleted slots' effect taken out again. */
static int64_t frozenset_hash(RObject *o)
{
    RSet *so = SET(o);
    if (so->hash != -1)
        return so->hash;
    uint64_t hash = 0;
    for (setentry *entry = so->table; entry <= &so->table[so->mask]; entry++)
        hash ^= shuffle_bits((uint64_t)entry->hash);
    /* an odd number of empty slots */
    if ((so->mask + 1 - so->fill) & 1)
        hash ^= shuffle_bits(0);
    /* an odd number of dummies */
    if ((so->fill - so->used) & 1)
        hash ^= shuffle_bits((uint64_t)-1);
    hash ^= ((uint64_t)so->used + 1) * 1927868237ULL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923ULL;
    if (hash == UINT64_MAX)
        hash = 590923713ULL;
    so->hash = (int64_t)hash;
    return so->hash;
}

/* ---- the iterator ---- */

typedef struct {
    RObject ob;
    RObject *set; /* NULL once exhausted */
    ssize_t used;
    ssize_t pos;
    ssize_t len;
} RSetIter;

static void setiter_dealloc(RObject *o)
{
    R_XDECREF(((RSetIter *)o)->set);
    r_free(o);
}

static int setiter_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RObject *s = ((RSetIter *)o)->set;
    return s ? visit(s, arg) : 0;
}

static RObject *iter_self(RObject *o)
{
    return r_incref(o);
}

static RObject *setiter_next(RObject *o)
{
    RSetIter *si = (RSetIter *)o;
    RSet *so = SET(si->set);
    if (!so)
        return NULL;
    if (si->used != so->used) {
        r_err_set_string(r_exc_RuntimeError, "Set changed size during iteration");
        si->used = -1; /* stays broken */
        return NULL;
    }
    ssize_t i = si->pos, mask = so->mask;
    setentry *entry = so->table;
    while (i <= mask && (entry[i].key == NULL || entry[i].key == dummy))
        i++;
    si->pos = i + 1;
    if (i > mask) {
        si->set = NULL;
        R_DECREF(so);
        return NULL;
    }
    si->len--;
    return r_incref(entry[i].key);
}

static RType setiter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "set_iterator",
    .basicsize = sizeof(RSetIter),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = setiter_dealloc,
    .traverse = setiter_traverse,
    .iter = iter_self,
    .iternext = setiter_next,
};

static RObject *set_iter(RObject *o)
{
    if (!setiter_type.ready && r_type_ready(&setiter_type) < 0)
        return NULL;
    RSetIter *si = (RSetIter *)r_alloc(&setiter_type);
    if (!si)
        return NULL;
    si->set = r_incref(o);
    si->used = SET(o)->used;
    si->pos = 0;
    si->len = SET(o)->used;
    return (RObject *)si;
}

/* ---- operations ---- */

static RObject *set_copy(RObject *so)
{
    return (RObject *)make_new_set_basetype(R_TYPE(so), so);
}

RObject *r_set_pop(RObject *o)
{
    RSet *so = SET(o);
    if (so->used == 0) {
        r_err_set_string(r_exc_KeyError, "pop from an empty set");
        return NULL;
    }
    /* from the finger on, wrapping around */
    setentry *entry = so->table + (so->finger & so->mask);
    setentry *limit = so->table + so->mask;
    while (entry->key == NULL || entry->key == dummy) {
        entry++;
        if (entry > limit)
            entry = so->table;
    }
    RObject *key = entry->key;
    entry->key = dummy;
    entry->hash = -1;
    so->used--;
    so->finger = entry - so->table + 1;
    return key;
}

static RObject *set_intersection(RSet *so, RObject *other)
{
    if ((RObject *)so == other)
        return set_copy((RObject *)so);
    RSet *result = make_new_set_basetype(R_TYPE(so), NULL);
    if (!result)
        return NULL;
    if (R_ANYSET_CHECK(other)) {
        /* iterate the smaller set */
        if (SET(other)->used > so->used) {
            RObject *tmp = (RObject *)so;
            so = SET(other);
            other = tmp;
        }
        ssize_t pos = 0;
        setentry *entry;
        while (set_next(SET(other), &pos, &entry)) {
            RObject *key = r_incref(entry->key);
            int64_t hash = entry->hash;
            int rv = set_contains_entry(so, key, hash);
            if (rv > 0)
                rv = set_add_entry(result, key, hash) ? -1 : 1;
            R_DECREF(key);
            if (rv < 0) {
                R_DECREF(result);
                return NULL;
            }
        }
        return (RObject *)result;
    }
    RObject *it = r_get_iter(other);
    if (!it) {
        R_DECREF(result);
        return NULL;
    }
    RObject *key;
    while ((key = r_iter_next(it)) != NULL) {
        int64_t hash = r_hash(key);
        int rv = hash == -1 ? -1 : set_contains_entry(so, key, hash);
        if (rv > 0) {
            if (set_add_entry(result, key, hash))
                rv = -1;
            else if (result->used >= so->used)
                rv = 2; /* nothing more can be found */
        }
        R_DECREF(key);
        if (rv < 0) {
            R_DECREF(it);
            R_DECREF(result);
            return NULL;
        }
        if (rv == 2)
            break;
    }
    R_DECREF(it);
    if (r_err_occurred()) {
        R_DECREF(result);
        return NULL;
    }
    return (RObject *)result;
}

static int set_difference_update_internal(RSet *so, RObject *other)
{
    if ((RObject *)so == other)
        return set_clear_internal(so);
    if (R_ANYSET_CHECK(other)) {
        /* a much larger other set is cut down to the intersection first */
        if ((SET(other)->used >> 3) > so->used) {
            other = set_intersection(so, other);
            if (!other)
                return -1;
        } else {
            R_INCREF(other);
        }
        ssize_t pos = 0;
        setentry *entry;
        while (set_next(SET(other), &pos, &entry)) {
            RObject *key = r_incref(entry->key);
            int rc = set_discard_entry(so, key, entry->hash);
            R_DECREF(key);
            if (rc < 0) {
                R_DECREF(other);
                return -1;
            }
        }
        R_DECREF(other);
    } else {
        RObject *it = r_get_iter(other);
        if (!it)
            return -1;
        RObject *key;
        while ((key = r_iter_next(it)) != NULL) {
            int rc = set_discard_key(so, key);
            R_DECREF(key);
            if (rc < 0) {
                R_DECREF(it);
                return -1;
            }
        }
        R_DECREF(it);
        if (r_err_occurred())
            return -1;
    }
    /* more than a quarter dummies: resize them away */
    if ((size_t)(so->fill - so->used) <= (size_t)so->mask / 4)
        return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

static RObject *set_copy_and_difference(RSet *so, RObject *other)
{
    RObject *result = set_copy((RObject *)so);
    if (result && set_difference_update_internal(SET(result), other) < 0)
        R_CLEAR(result);
    return result;
}

static RObject *set_difference(RSet *so, RObject *other)
{
    ssize_t other_size;
    bool other_is_dict = r_isinstance_exact(other, &r_dict_type);
    if (R_ANYSET_CHECK(other))
        other_size = SET(other)->used;
    else if (other_is_dict)
        other_size = r_dict_size(other);
    else
        return set_copy_and_difference(so, other);

    /* a much larger self: copy it and remove the common elements */
    if ((so->used >> 2) > other_size)
        return set_copy_and_difference(so, other);

    RSet *result = make_new_set_basetype(R_TYPE(so), NULL);
    if (!result)
        return NULL;
    ssize_t pos = 0;
    setentry *entry;
    while (set_next(so, &pos, &entry)) {
        RObject *key = r_incref(entry->key);
        int64_t hash = entry->hash;
        int rv = other_is_dict ? r_dict_contains_known_hash(other, key, hash)
                               : set_contains_entry(SET(other), key, hash);
        if (rv == 0)
            rv = set_add_entry(result, key, hash) ? -1 : 0;
        R_DECREF(key);
        if (rv < 0) {
            R_DECREF(result);
            return NULL;
        }
    }
    return (RObject *)result;
}

static int set_symmetric_difference_update_internal(RSet *so, RObject *other)
{
    if ((RObject *)so == other)
        return set_clear_internal(so);
    ssize_t pos = 0;
    RObject *key;
    int64_t hash;
    if (r_isinstance_exact(other, &r_dict_type)) {
        while (r_dict_next_entry(other, &pos, &key, NULL, &hash)) {
            R_INCREF(key);
            int rv = set_discard_entry(so, key, hash);
            if (rv == DISCARD_NOTFOUND)
                rv = set_add_entry(so, key, hash) ? -1 : 0;
            R_DECREF(key);
            if (rv < 0)
                return -1;
        }
        return 0;
    }
    RSet *otherset;
    if (R_ANYSET_CHECK(other)) {
        otherset = (RSet *)r_incref(other);
    } else {
        otherset = make_new_set_basetype(R_TYPE(so), other);
        if (!otherset)
            return -1;
    }
    setentry *entry;
    while (set_next(otherset, &pos, &entry)) {
        key = r_incref(entry->key);
        hash = entry->hash;
        int rv = set_discard_entry(so, key, hash);
        if (rv == DISCARD_NOTFOUND)
            rv = set_add_entry(so, key, hash) ? -1 : 0;
        R_DECREF(key);
        if (rv < 0) {
            R_DECREF(otherset);
            return -1;
        }
    }
    R_DECREF(otherset);
    return 0;
}

static RObject *set_symmetric_difference(RSet *so, RObject *other)
{
    RSet *otherset = make_new_set_basetype(R_TYPE(so), other);
    if (!otherset)
        return NULL;
    if (set_symmetric_difference_update_internal(otherset, (RObject *)so) < 0) {
        R_DECREF(otherset);
        return NULL;
    }
    return (RObject *)otherset;
}

/* 1 when every element of so is in other, 0 when not, -1 on error */
static int set_issubset_internal(RSet *so, RObject *other)
{
    if (!R_ANYSET_CHECK(other)) {
        RObject *tmp = set_intersection(so, other);
        if (!tmp)
            return -1;
        int result = SET(tmp)->used == so->used;
        R_DECREF(tmp);
        return result;
    }
    if (so->used > SET(other)->used)
        return 0;
    ssize_t pos = 0;
    setentry *entry;
    while (set_next(so, &pos, &entry)) {
        RObject *key = r_incref(entry->key);
        int rv = set_contains_entry(SET(other), key, entry->hash);
        R_DECREF(key);
        if (rv <= 0)
            return rv;
    }
    return 1;
}

static int set_issuperset_internal(RSet *so, RObject *other)
{
    if (R_ANYSET_CHECK(other))
        return set_issubset_internal(SET(other), (RObject *)so);
    RObject *it = r_get_iter(other);
    if (!it)
        return -1;
    RObject *key;
    int rv = 1;
    while (rv > 0 && (key = r_iter_next(it)) != NULL) {
        rv = set_contains_key(so, key);
        R_DECREF(key);
    }
    R_DECREF(it);
    if (rv > 0 && r_err_occurred())
        return -1;
    return rv;
}

static int set_isdisjoint_internal(RSet *so, RObject *other)
{
    if ((RObject *)so == other)
        return so->used == 0;
    if (r_isinstance_exact(other, &r_set_type) || r_isinstance_exact(other, &r_frozenset_type)) {
        if (SET(other)->used > so->used) {
            RObject *tmp = (RObject *)so;
            so = SET(other);
            other = tmp;
        }
        ssize_t pos = 0;
        setentry *entry;
        while (set_next(SET(other), &pos, &entry)) {
            RObject *key = r_incref(entry->key);
            int rv = set_contains_entry(so, key, entry->hash);
            R_DECREF(key);
            if (rv != 0)
                return rv < 0 ? -1 : 0;
        }
        return 1;
    }
    RObject *it = r_get_iter(other);
    if (!it)
        return -1;
    RObject *key;
    while ((key = r_iter_next(it)) != NULL) {
        int rv = set_contains_key(so, key);
        R_DECREF(key);
        if (rv != 0) {
            R_DECREF(it);
            return rv < 0 ? -1 : 0;
        }
    }
    R_DECREF(it);
    return r_err_occurred() ? -1 : 1;
}

static RObject *bool_or_null(int rv)
{
    return rv < 0 ? NULL : r_bool_from_long(rv);
}

static RObject *set_richcompare(RObject *v, RObject *w, r_cmpop op)
{
    if (!R_ANYSET_CHECK(w))
        return r_incref(R_NOTIMPLEMENTED);
    RSet *so = SET(v), *wo = SET(w);
    switch (op) {
    case R_EQ:
        if (so->used != wo->used)
            return r_bool_from_long(0);
        if (so->hash != -1 && wo->hash != -1 && so->hash != wo->hash)
            return r_bool_from_long(0);
        return bool_or_null(set_issubset_internal(so, w));
    case R_NE: {
        RObject *r1 = set_richcompare(v, w, R_EQ);
        if (!r1)
            return NULL;
        int r2 = r_is_true(r1);
        R_DECREF(r1);
        return r2 < 0 ? NULL : r_bool_from_long(!r2);
    }
    case R_LE:
        return bool_or_null(set_issubset_internal(so, w));
    case R_GE:
        return bool_or_null(set_issuperset_internal(so, w));
    case R_LT:
        if (so->used >= wo->used)
            return r_bool_from_long(0);
        return bool_or_null(set_issubset_internal(so, w));
    case R_GT:
        if (so->used <= wo->used)
            return r_bool_from_long(0);
        return bool_or_null(set_issuperset_internal(so, w));
    }
    return r_incref(R_NOTIMPLEMENTED);
}

/* A set key that is not found because it is unhashable is looked up as
 * a frozenset (set_contains, set_remove, set_discard). */
static int with_frozen_retry(RSet *so, RObject *key, int (*op)(RSet *, RObject *))
{
    int rv = op(so, key);
    if (rv >= 0 || !R_SET_CHECK(key) || !r_err_matches(r_exc_TypeError))
        return rv;
    r_err_clear();
    RObject *tmpkey = (RObject *)make_new_set(&r_frozenset_type, key);
    if (!tmpkey)
        return -1;
    rv = op(so, tmpkey);
    R_DECREF(tmpkey);
    return rv;
}

static int set_contains(RObject *o, RObject *key)
{
    return with_frozen_retry(SET(o), key, set_contains_key);
}

static RObject *set_or(RObject *v, RObject *w)
{
    if (!R_ANYSET_CHECK(v) || !R_ANYSET_CHECK(w))
        return r_incref(R_NOTIMPLEMENTED);
    RObject *result = set_copy(v);
    if (!result || v == w)
        return result;
    if (set_update_internal(SET(result), w)) {
        R_DECREF(result);
        return NULL;
    }
    return result;
}

static RObject *set_and(RObject *v, RObject *w)
{
    if (!R_ANYSET_CHECK(v) || !R_ANYSET_CHECK(w))
        return r_incref(R_NOTIMPLEMENTED);
    return set_intersection(SET(v), w);
}

static RObject *set_sub(RObject *v, RObject *w)
{
    if (!R_ANYSET_CHECK(v) || !R_ANYSET_CHECK(w))
        return r_incref(R_NOTIMPLEMENTED);
    return set_difference(SET(v), w);
}

static RObject *set_xor(RObject *v, RObject *w)
{
    if (!R_ANYSET_CHECK(v) || !R_ANYSET_CHECK(w))
        return r_incref(R_NOTIMPLEMENTED);
    return set_symmetric_difference(SET(v), w);
}

RObject *r_set_inplace_or(RObject *so, RObject *other)
{
    if (!R_ANYSET_CHECK(other))
        return r_incref(R_NOTIMPLEMENTED);
    if (set_update_internal(SET(so), other))
        return NULL;
    return r_incref(so);
}

RObject *r_set_inplace_and(RObject *so, RObject *other)
{
    if (!R_ANYSET_CHECK(other))
        return r_incref(R_NOTIMPLEMENTED);
    RObject *tmp = set_intersection(SET(so), other);
    if (!tmp)
        return NULL;
    set_swap_bodies(SET(so), SET(tmp));
    R_DECREF(tmp);
    return r_incref(so);
}

RObject *r_set_inplace_sub(RObject *so, RObject *other)
{
    if (!R_ANYSET_CHECK(other))
        return r_incref(R_NOTIMPLEMENTED);
    if (set_difference_update_internal(SET(so), other))
        return NULL;
    return r_incref(so);
}

RObject *r_set_inplace_xor(RObject *so, RObject *other)
{
    if (!R_ANYSET_CHECK(other))
        return r_incref(R_NOTIMPLEMENTED);
    if (set_symmetric_difference_update_internal(SET(so), other) < 0)
        return NULL;
    return r_incref(so);
}

/* ---- construction ---- */

static RObject *set_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kwnames)
{
    (void)args;
    (void)nargs;
    (void)kwnames;
    return (RObject *)make_new_set(type, NULL);
}

static int set_tp_init(RObject *self, RObject *const *args, size_t nargs, RObject *kwnames)
{
    RSet *so = SET(self);
    if (r_check_no_kwargs("set", kwnames) < 0 ||
        r_check_nargs(R_TYPE(self)->name, nargs, 0, 1) < 0)
        return -1;
    if (so->fill)
        set_clear_internal(so);
    so->hash = -1;
    if (nargs == 0)
        return 0;
    return set_update_internal(so, args[0]);
}

static RObject *frozenset_tp_new(RType *type, RObject *const *args, size_t nargs,
                                 RObject *kwnames)
{
    if (type == &r_frozenset_type && r_check_no_kwargs("frozenset", kwnames) < 0)
        return NULL;
    if (r_check_nargs(type->name, nargs, 0, 1) < 0)
        return NULL;
    RObject *iterable = nargs ? args[0] : NULL;
    if (type != &r_frozenset_type)
        return (RObject *)make_new_set(type, iterable);
    return r_frozenset_new(iterable);
}

/* ---- methods ---- */

/* "set.add", "frozenset.union": the type that defines the method */
static const char *method_name(RObject *self, const char *name)
{
    static _Thread_local char buf[64];
    snprintf(buf, sizeof buf, "%s.%s", R_FROZENSET_CHECK(self) ? "frozenset" : "set", name);
    return buf;
}

static int check_one_arg(RObject *self, const char *name, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs(method_name(self, name), kw) < 0 ||
        r_check_nargs(method_name(self, name), nargs, 1, 1) < 0)
        return -1;
    return 0;
}

static int check_no_args(RObject *self, const char *name, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs(method_name(self, name), kw) < 0 ||
        r_check_nargs(method_name(self, name), nargs, 0, 0) < 0)
        return -1;
    return 0;
}

static RObject *set_add_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (check_one_arg(self, "add", nargs, kw) < 0 || set_add_key(SET(self), args[0]))
        return NULL;
    R_RETURN_NONE;
}

static RObject *set_clear_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (check_no_args(self, "clear", nargs, kw) < 0)
        return NULL;
    set_clear_internal(SET(self));
    R_RETURN_NONE;
}

static RObject *set_contains_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (check_one_arg(self, "__contains__", nargs, kw) < 0)
        return NULL;
    return bool_or_null(set_contains(self, args[0]));
}

static RObject *set_copy_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (check_no_args(self, "copy", nargs, kw) < 0)
        return NULL;
    return set_copy(self);
}

static RObject *frozenset_copy_m(RObject *self, RObject *const *args, size_t nargs,
                                 RObject *kw)
{
    (void)args;
    if (check_no_args(self, "copy", nargs, kw) < 0)
        return NULL;
    if (r_isinstance_exact(self, &r_frozenset_type))
        return r_incref(self);
    return set_copy(self);
}

static RObject *set_discard_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (check_one_arg(self, "discard", nargs, kw) < 0 ||
        with_frozen_retry(SET(self), args[0], set_discard_key) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *set_remove_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (check_one_arg(self, "remove", nargs, kw) < 0)
        return NULL;
    int rv = with_frozen_retry(SET(self), args[0], set_discard_key);
    if (rv < 0)
        return NULL;
    if (rv == DISCARD_NOTFOUND) {
        set_key_error(args[0]);
        return NULL;
    }
    R_RETURN_NONE;
}

static RObject *set_pop_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (check_no_args(self, "pop", nargs, kw) < 0)
        return NULL;
    return r_set_pop(self);
}

static RObject *set_union_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs(method_name(self, "union"), kw) < 0)
        return NULL;
    RObject *result = set_copy(self);
    if (!result)
        return NULL;
    for (size_t i = 0; i < nargs; i++) {
        if (args[i] == self)
            continue;
        if (set_update_internal(SET(result), args[i])) {
            R_DECREF(result);
            return NULL;
        }
    }
    return result;
}

static RObject *set_update_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs(method_name(self, "update"), kw) < 0)
        return NULL;
    for (size_t i = 0; i < nargs; i++)
        if (set_update_internal(SET(self), args[i]))
            return NULL;
    R_RETURN_NONE;
}

static RObject *intersection_multi(RObject *self, RObject *const *args, size_t nargs)
{
    if (nargs == 0)
        return set_copy(self);
    RObject *result = r_incref(self);
    for (size_t i = 0; i < nargs; i++) {
        RObject *newresult = set_intersection(SET(result), args[i]);
        if (!newresult) {
            R_DECREF(result);
            return NULL;
        }
        R_SETREF(result, newresult);
    }
    return result;
}

static RObject *set_intersection_m(RObject *self, RObject *const *args, size_t nargs,
                                   RObject *kw)
{
    if (r_check_no_kwargs(method_name(self, "intersection"), kw) < 0)
        return NULL;
    return intersection_multi(self, args, nargs);
}

static RObject *set_intersection_update_m(RObject *self, RObject *const *args, size_t nargs,
                                          RObject *kw)
{
    if (r_check_no_kwargs(method_name(self, "intersection_update"), kw) < 0)
        return NULL;
    RObject *tmp = intersection_multi(self, args, nargs);
    if (!tmp)
        return NULL;
    set_swap_bodies(SET(self), SET(tmp));
    R_DECREF(tmp);
    R_RETURN_NONE;
}

static RObject *set_difference_m(RObject *self, RObject *const *args, size_t nargs,
                                 RObject *kw)
{
    if (r_check_no_kwargs(method_name(self, "difference"), kw) < 0)
        return NULL;
    if (nargs == 0)
        return set_copy(self);
    RObject *result = set_difference(SET(self), args[0]);
    for (size_t i = 1; result && i < nargs; i++)
        if (set_difference_update_internal(SET(result), args[i]))
            R_CLEAR(result);
    return result;
}

static RObject *set_difference_update_m(RObject *self, RObject *const *args, size_t nargs,
                                        RObject *kw)
{
    if (r_check_no_kwargs(method_name(self, "difference_update"), kw) < 0)
        return NULL;
    for (size_t i = 0; i < nargs; i++)
        if (set_difference_update_internal(SET(self), args[i]))
            return NULL;
    R_RETURN_NONE;
}

static RObject *set_symmetric_difference_m(RObject *self, RObject *const *args, size_t nargs,
                                           RObject *kw)
{
    if (check_one_arg(self, "symmetric_difference", nargs, kw) < 0)
        return NULL;
    return set_symmetric_difference(SET(self), args[0]);
}

static RObject *set_symmetric_difference_update_m(RObject *self, RObject *const *args,
                                                  size_t nargs, RObject *kw)
{
    if (check_one_arg(self, "symmetric_difference_update", nargs, kw) < 0 ||
        set_symmetric_difference_update_internal(SET(self), args[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *set_issubset_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (check_one_arg(self, "issubset", nargs, kw) < 0)
        return NULL;
    return bool_or_null(set_issubset_internal(SET(self), args[0]));
}

static RObject *set_issuperset_m(RObject *self, RObject *const *args, size_t nargs,
                                 RObject *kw)
{
    if (check_one_arg(self, "issuperset", nargs, kw) < 0)
        return NULL;
    return bool_or_null(set_issuperset_internal(SET(self), args[0]));
}

static RObject *set_isdisjoint_m(RObject *self, RObject *const *args, size_t nargs,
                                 RObject *kw)
{
    if (check_one_arg(self, "isdisjoint", nargs, kw) < 0)
        return NULL;
    return bool_or_null(set_isdisjoint_internal(SET(self), args[0]));
}

static const r_method_def set_methods[] = {
    {"add", set_add_m, 0, "Add an element to a set."},
    {"clear", set_clear_m, 0, "Remove all elements from this set."},
    {"__contains__", set_contains_m, 0, "x.__contains__(y) <==> y in x."},
    {"copy", set_copy_m, 0, "Return a shallow copy of a set."},
    {"discard", set_discard_m, 0, "Remove an element from a set if it is a member."},
    {"difference", set_difference_m, 0, "Return the difference of two or more sets as a new set."},
    {"difference_update", set_difference_update_m, 0,
     "Remove all elements of others from the set."},
    {"intersection", set_intersection_m, 0, "Return the intersection of two sets as a new set."},
    {"intersection_update", set_intersection_update_m, 0,
     "Keep only elements found in the set and all others."},
    {"isdisjoint", set_isdisjoint_m, 0, "Return True if two sets have a null intersection."},
    {"issubset", set_issubset_m, 0, "Report whether another set contains this set."},
    {"issuperset", set_issuperset_m, 0, "Report whether this set contains another set."},
    {"pop", set_pop_m, 0, "Remove and return an arbitrary set element."},
    {"remove", set_remove_m, 0, "Remove an element from a set; it must be a member."},
    {"symmetric_difference", set_symmetric_difference_m, 0,
     "Elements in either set but not both, as a new set."},
    {"symmetric_difference_update", set_symmetric_difference_update_m, 0,
     "Keep the elements in either set but not both."},
    {"union", set_union_m, 0, "Return the union of sets as a new set."},
    {"update", set_update_m, 0, "Update a set with the union of itself and others."},
    {NULL, NULL, 0, NULL},
};

static const r_method_def frozenset_methods[] = {
    {"__contains__", set_contains_m, 0, "x.__contains__(y) <==> y in x."},
    {"copy", frozenset_copy_m, 0, "Return a shallow copy of a set."},
    {"difference", set_difference_m, 0, "Return the difference of two or more sets as a new set."},
    {"intersection", set_intersection_m, 0, "Return the intersection of two sets as a new set."},
    {"isdisjoint", set_isdisjoint_m, 0, "Return True if two sets have a null intersection."},
    {"issubset", set_issubset_m, 0, "Report whether another set contains this set."},
    {"issuperset", set_issuperset_m, 0, "Report whether this set contains another set."},
    {"symmetric_difference", set_symmetric_difference_m, 0,
     "Elements in either set but not both, as a new set."},
    {"union", set_union_m, 0, "Return the union of sets as a new set."},
    {NULL, NULL, 0, NULL},
};

RType r_set_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "set",
    .basicsize = sizeof(RSet),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_clear_slot,
    .repr = set_repr,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_or = set_or,
    .nb_xor = set_xor,
    .len = set_len,
    .contains = set_contains,
    .tp_new = set_tp_new,
    .tp_init = set_tp_init,
    .methods = set_methods,
    .doc = "set() -> new empty set object\nset(iterable) -> new set object",
};

RType r_frozenset_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "frozenset",
    .basicsize = sizeof(RSet),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_or = set_or,
    .nb_xor = set_xor,
    .len = set_len,
    .contains = set_contains,
    .tp_new = frozenset_tp_new,
    .methods = frozenset_methods,
    .doc = "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object",
};
