/* dict (CPython 3.12's Objects/dictobject.c): the compact layout -- a
 * hash index table over an insertion-ordered entries array -- with
 * CPython's probing, growth and deletion rules, so that iteration order,
 * popitem() and the "changed during iteration" errors come out the same;
 * the dict type, its methods and its iterators. The views are in
 * dictviews.c.
 *
 * version: 3.8 names methods without their type in argument errors
 * ("keys() takes no arguments (1 given)"); 3.9+'s texts, with
 * "dict.", are used. */
#include "dictobject.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "listobject.h"
#include "profile.h"
#include "setobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#define DKIX_EMPTY (-1)
#define DKIX_DUMMY (-2)
#define DKIX_ERROR (-3)
#define PERTURB_SHIFT 5
#define LOG_MINSIZE 3
#define USABLE_FRACTION(n) (((n) << 1) / 3)
/* the size asked for when the table is full */
#define GROWTH_RATE(d) ((d)->used * 3)

#define DK_SIZE(dk) ((ssize_t)1 << (dk)->log2_size)

typedef struct {
    int64_t hash;
    RObject *key;   /* NULL once deleted */
    RObject *value; /* NULL once deleted */
} RDictEntry;

/* The table: 2**log2_size index slots (an entry index, DKIX_EMPTY or
 * DKIX_DUMMY), then the entries in insertion order. An index slot is as
 * wide as the table's size needs, 1, 2, 4 or 8 bytes (DK_IXSIZE). */
typedef struct {
    uint8_t log2_size;
    bool unicode;      /* all keys are exact str (3.11+'s DICT_KEYS_UNICODE) */
    ssize_t usable;    /* entries that can still be appended */
    ssize_t nentries;  /* entries used, deleted ones included */
    void *indices;
    RDictEntry *entries;
} RDictKeys;

static size_t index_width(uint8_t log2_size)
{
    return log2_size < 8 ? 1 : log2_size < 16 ? 2 : log2_size < 32 ? 4 : 8;
}

static ssize_t get_index(const RDictKeys *dk, size_t i)
{
    switch (index_width(dk->log2_size)) {
    case 1:
        return ((const int8_t *)dk->indices)[i];
    case 2:
        return ((const int16_t *)dk->indices)[i];
    case 4:
        return ((const int32_t *)dk->indices)[i];
    default:
        return ((const int64_t *)dk->indices)[i];
    }
}

static void set_index(RDictKeys *dk, size_t i, ssize_t ix)
{
    switch (index_width(dk->log2_size)) {
    case 1:
        ((int8_t *)dk->indices)[i] = (int8_t)ix;
        break;
    case 2:
        ((int16_t *)dk->indices)[i] = (int16_t)ix;
        break;
    case 4:
        ((int32_t *)dk->indices)[i] = (int32_t)ix;
        break;
    default:
        ((int64_t *)dk->indices)[i] = ix;
    }
}

typedef struct {
    RObject ob;
    ssize_t used;
    RDictKeys *keys;
} RDict;

static RObject *dict_iter(RObject *self);

/* The keys of an empty dict (Py_EMPTY_KEYS): one index slot and no room,
 * so the first insertion allocates; its size of 1 also decides whether
 * update() presizes an empty dict. */
static int8_t empty_indices[1] = {-1};
static RDictKeys empty_keys = {
    .log2_size = 0,
    .unicode = true,
    .usable = 0,
    .nentries = 0,
    .indices = empty_indices,
    .entries = NULL,
};

static bool is_exact_str(RObject *o)
{
    return R_TYPE(o) == &r_str_type;
}

/* ---- keys objects ---- */

static RDictKeys *new_keys(uint8_t log2_size, bool unicode)
{
    ssize_t size = (ssize_t)1 << log2_size;
    ssize_t usable = USABLE_FRACTION(size);
    size_t index_bytes = (size_t)size * index_width(log2_size); /* a multiple of 8 */
    RDictKeys *dk = malloc(sizeof *dk + index_bytes + (size_t)usable * sizeof(RDictEntry));
    if (!dk) {
        r_err_no_memory();
        return NULL;
    }
    dk->log2_size = log2_size;
    dk->unicode = unicode;
    dk->usable = usable;
    dk->nentries = 0;
    dk->indices = dk + 1;
    dk->entries = (RDictEntry *)((char *)dk->indices + index_bytes);
    memset(dk->indices, 0xff, index_bytes); /* every slot DKIX_EMPTY (-1) */
    return dk;
}

static void free_keys_storage(RDictKeys *dk)
{
    if (dk != &empty_keys)
        free(dk);
}

/* Releases the entries (their destructors may run any code) and the keys. */
static void free_keys(RDictKeys *dk)
{
    for (ssize_t i = 0; i < dk->nentries; i++) {
        R_XDECREF(dk->entries[i].key);
        R_XDECREF(dk->entries[i].value);
    }
    free_keys_storage(dk);
}

/* A copy of the whole keys object, deleted entries included
 * (clone_combined_dict_keys). */
static RDictKeys *clone_keys(RDictKeys *src)
{
    RDictKeys *dk = new_keys(src->log2_size, src->unicode);
    if (!dk)
        return NULL;
    dk->usable = src->usable;
    dk->nentries = src->nentries;
    memcpy(dk->indices, src->indices, (size_t)DK_SIZE(src) * index_width(src->log2_size));
    if (src->nentries)
        memcpy(dk->entries, src->entries, (size_t)src->nentries * sizeof(RDictEntry));
    for (ssize_t i = 0; i < dk->nentries; i++) {
        R_XINCREF(dk->entries[i].key);
        R_XINCREF(dk->entries[i].value);
    }
    return dk;
}

/* The log2 size of a table for minsize slots (calculate_log2_keysize).
 * version: 3.10+ compute it as below, which gives 16 slots, not 8, for
 * minsize 1..7; 3.8/3.9 take the smallest power of two >= minsize, so
 * their tables grow at other points. */
static uint8_t log2_keysize(ssize_t minsize)
{
    size_t v = ((size_t)minsize | (1 << LOG_MINSIZE)) - 1;
    uint8_t bits = 0;
    v |= (1 << LOG_MINSIZE) - 1;
    while (v) {
        bits++;
        v >>= 1;
    }
    return bits;
}

/* The size for n items with room to grow (estimate_log2_keysize). */
static uint8_t estimate_log2_keysize(ssize_t n)
{
    return log2_keysize((n * 3 + 1) / 2);
}

/* The slot of the index table that leads to entry ix (lookdict_index). */
static size_t index_slot_of(RDictKeys *dk, int64_t hash, ssize_t ix)
{
    size_t mask = (size_t)DK_SIZE(dk) - 1;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    for (;;) {
        if (get_index(dk, i) == ix)
            return i;
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* The first free (empty or dummy) slot for hash (find_empty_slot). */
static size_t find_empty_slot(RDictKeys *dk, int64_t hash)
{
    size_t mask = (size_t)DK_SIZE(dk) - 1;
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    while (get_index(dk, i) >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

static void build_indices(RDictKeys *dk)
{
    size_t mask = (size_t)DK_SIZE(dk) - 1;
    for (ssize_t ix = 0; ix < dk->nentries; ix++) {
        int64_t hash = dk->entries[ix].hash;
        size_t i = (size_t)hash & mask;
        size_t perturb = (size_t)hash;
        while (get_index(dk, i) != DKIX_EMPTY) {
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb + 1) & mask;
        }
        set_index(dk, i, ix);
    }
}

/* ---- lookup, insertion, deletion ---- */

/* The entry index of key, DKIX_EMPTY when absent, DKIX_ERROR when a
 * comparison failed; *value is the value or NULL. A comparison that
 * changes the dict restarts the search, as in CPython. */
static ssize_t lookup(RDict *mp, RObject *key, int64_t hash, RObject **value)
{
restart:;
    RDictKeys *dk = mp->keys;
    size_t mask = (size_t)DK_SIZE(dk) - 1;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    for (;;) {
        ssize_t ix = get_index(dk, i);
        if (ix == DKIX_EMPTY) {
            *value = NULL;
            return DKIX_EMPTY;
        }
        if (ix >= 0) {
            RDictEntry *ep = &dk->entries[ix];
            if (ep->key == key) {
                *value = ep->value;
                return ix;
            }
            if (ep->hash == hash) {
                RObject *startkey = r_incref(ep->key);
                int cmp = r_richcompare_bool(startkey, key, R_EQ);
                R_DECREF(startkey);
                if (cmp < 0) {
                    *value = NULL;
                    return DKIX_ERROR;
                }
                if (dk != mp->keys || ep->key != startkey)
                    goto restart; /* the dict changed under the comparison */
                if (cmp > 0) {
                    *value = ep->value;
                    return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* Rebuilds the table at 2**log2_newsize slots, compacting the entries;
 * the table stays str-only only if it was and unicode asks for it. */
static int dictresize(RDict *mp, uint8_t log2_newsize, bool unicode)
{
    if (log2_newsize >= sizeof(size_t) * 8) {
        r_err_no_memory();
        return -1;
    }
    RDictKeys *oldkeys = mp->keys;
    if (!oldkeys->unicode)
        unicode = false;
    RDictKeys *newkeys = new_keys(log2_newsize, unicode);
    if (!newkeys)
        return -1;
    ssize_t numentries = mp->used;
    if (numentries == 0) {
        /* nothing to copy (the empty table has no entries array) */
    } else if (oldkeys->nentries == numentries) {
        memcpy(newkeys->entries, oldkeys->entries, (size_t)numentries * sizeof(RDictEntry));
    } else {
        RDictEntry *ep = oldkeys->entries;
        for (ssize_t i = 0; i < numentries; i++) {
            while (ep->value == NULL)
                ep++;
            newkeys->entries[i] = *ep++;
        }
    }
    newkeys->nentries = numentries;
    newkeys->usable -= numentries;
    build_indices(newkeys);
    mp->keys = newkeys;
    free_keys_storage(oldkeys); /* the references moved to newkeys */
    return 0;
}

static int insertion_resize(RDict *mp, bool keep_unicode)
{
    return dictresize(mp, log2_keysize(GROWTH_RATE(mp)), keep_unicode);
}

/* Adds a new entry; the key is known to be absent. Steals key and value. */
static int insert_new_entry(RDict *mp, RObject *key, int64_t hash, RObject *value)
{
    if (mp->keys->usable <= 0 && insertion_resize(mp, true) < 0) {
        R_DECREF(key);
        R_DECREF(value);
        return -1;
    }
    RDictKeys *dk = mp->keys;
    if (!is_exact_str(key))
        dk->unicode = false;
    size_t slot = find_empty_slot(dk, hash);
    set_index(dk, slot, dk->nentries);
    RDictEntry *ep = &dk->entries[dk->nentries];
    ep->key = key;
    ep->hash = hash;
    ep->value = value;
    mp->used++;
    dk->usable--;
    dk->nentries++;
    return 0;
}

/* The first insertion into a dict with no table (insert_to_emptydict). */
static int insert_to_empty(RDict *mp, RObject *key, int64_t hash, RObject *value)
{
    RDictKeys *dk = new_keys(LOG_MINSIZE, is_exact_str(key));
    if (!dk) {
        R_DECREF(key);
        R_DECREF(value);
        return -1;
    }
    free_keys_storage(mp->keys);
    mp->keys = dk;
    return insert_new_entry(mp, key, hash, value);
}

/* insertdict: steals key and value. */
static int insertdict(RDict *mp, RObject *key, int64_t hash, RObject *value)
{
    if (mp->keys == &empty_keys)
        return insert_to_empty(mp, key, hash, value);
    /* version: 3.11+ keep str-only tables apart; the first other key
     * converts the table with a resize */
    if (mp->keys->unicode && !is_exact_str(key) && insertion_resize(mp, false) < 0)
        goto fail;
    RObject *old_value;
    ssize_t ix = lookup(mp, key, hash, &old_value);
    if (ix == DKIX_ERROR)
        goto fail;
    if (ix == DKIX_EMPTY)
        return insert_new_entry(mp, key, hash, value);
    if (old_value != value) {
        mp->keys->entries[ix].value = value;
        R_DECREF(old_value); /* may run code that uses the dict */
    } else {
        R_DECREF(value);
    }
    R_DECREF(key); /* the stored key stays */
    return 0;
fail:
    R_DECREF(key);
    R_DECREF(value);
    return -1;
}

static int delitem_at(RDict *mp, int64_t hash, ssize_t ix)
{
    RDictKeys *dk = mp->keys;
    RDictEntry *ep = &dk->entries[ix];
    set_index(dk, index_slot_of(dk, hash, ix), DKIX_DUMMY);
    RObject *old_key = ep->key, *old_value = ep->value;
    ep->key = NULL;
    ep->value = NULL;
    mp->used--;
    R_DECREF(old_value);
    R_DECREF(old_key);
    return 0;
}

/* KeyError(key), the key wrapped in a tuple so that a tuple key is not
 * taken for the arguments (_PyErr_SetKeyError). */
static void set_key_error(RObject *key)
{
    RObject *args = r_tuple_pack(1, key);
    if (args) {
        r_err_set_object(r_exc_KeyError, args);
        R_DECREF(args);
    }
}

/* ---- the C API ---- */

static RObject *dict_alloc(RType *type)
{
    RDict *mp = (RDict *)r_alloc(type);
    if (!mp)
        return NULL;
    mp->keys = &empty_keys;
    mp->used = 0;
    return (RObject *)mp;
}

RObject *r_dict_new(void)
{
    return dict_alloc(&r_dict_type);
}

RObject *r_dict_get_item(RObject *dict, RObject *key)
{
    int64_t hash = r_hash(key);
    if (hash == -1)
        return NULL;
    RObject *value;
    if (lookup((RDict *)dict, key, hash, &value) == DKIX_ERROR)
        return NULL;
    return value;
}

RObject *r_dict_get_item_cstr(RObject *dict, const char *key)
{
    RObject *k = r_str_intern(key);
    return k ? r_dict_get_item(dict, k) : NULL;
}

int r_dict_set_item(RObject *dict, RObject *key, RObject *value)
{
    int64_t hash = r_hash(key);
    if (hash == -1)
        return -1;
    return insertdict((RDict *)dict, r_incref(key), hash, r_incref(value));
}

int r_dict_set_item_cstr(RObject *dict, const char *key, RObject *value)
{
    RObject *k = r_str_intern(key);
    return k ? r_dict_set_item(dict, k, value) : -1;
}

int r_dict_del_item(RObject *dict, RObject *key)
{
    int64_t hash = r_hash(key);
    if (hash == -1)
        return -1;
    RObject *value;
    ssize_t ix = lookup((RDict *)dict, key, hash, &value);
    if (ix == DKIX_ERROR)
        return -1;
    if (ix == DKIX_EMPTY || !value) {
        set_key_error(key);
        return -1;
    }
    return delitem_at((RDict *)dict, hash, ix);
}

ssize_t r_dict_size(RObject *dict)
{
    return ((RDict *)dict)->used;
}

bool r_dict_next_entry(RObject *dict, ssize_t *pos, RObject **key, RObject **value,
                       int64_t *hash)
{
    RDictKeys *dk = ((RDict *)dict)->keys;
    ssize_t i = *pos;
    while (i < dk->nentries && dk->entries[i].value == NULL)
        i++;
    if (i >= dk->nentries)
        return false;
    *pos = i + 1;
    if (key)
        *key = dk->entries[i].key;
    if (value)
        *value = dk->entries[i].value;
    if (hash)
        *hash = dk->entries[i].hash;
    return true;
}

bool r_dict_next(RObject *dict, ssize_t *pos, RObject **key, RObject **value)
{
    return r_dict_next_entry(dict, pos, key, value, NULL);
}

int r_dict_contains_known_hash(RObject *dict, RObject *key, int64_t hash)
{
    RObject *value;
    ssize_t ix = lookup((RDict *)dict, key, hash, &value);
    if (ix == DKIX_ERROR)
        return -1;
    return ix != DKIX_EMPTY && value != NULL;
}

int r_dict_set_item_known_hash(RObject *dict, RObject *key, int64_t hash, RObject *value)
{
    return insertdict((RDict *)dict, r_incref(key), hash, r_incref(value));
}

/* Presizes an empty dict for n keys (used by dict.fromkeys). */
static int dict_presize(RObject *dict, ssize_t n, bool unicode)
{
    return dictresize((RDict *)dict, estimate_log2_keysize(n), unicode);
}

RObject *r_dict_copy(RObject *o)
{
    RDict *mp = (RDict *)o;
    if (mp->used == 0)
        return r_dict_new();
    /* a copy of the table when at most a third of its entries are
     * deleted and the type iterates as a dict does */
    if (R_TYPE(o)->iter == dict_iter && mp->used >= (mp->keys->nentries * 2) / 3) {
        RDictKeys *dk = clone_keys(mp->keys);
        if (!dk)
            return NULL;
        RDict *copy = (RDict *)r_dict_new();
        if (!copy) {
            free_keys(dk);
            return NULL;
        }
        copy->keys = dk;
        copy->used = mp->used;
        return (RObject *)copy;
    }
    RObject *copy = r_dict_new();
    if (copy && r_dict_update(copy, o) < 0)
        R_CLEAR(copy);
    return copy;
}

/* dict_merge with override 1 (PyDict_Merge). */
static int dict_merge(RObject *a, RObject *b)
{
    RDict *mp = (RDict *)a;
    if (R_DICT_CHECK(b) && R_TYPE(b)->iter == dict_iter) {
        RDict *other = (RDict *)b;
        if (other == mp || other->used == 0)
            return 0;
        if (mp->used == 0) {
            /* a fresh, clean table is cloned */
            RDictKeys *okeys = other->keys;
            if (other->used == okeys->nentries &&
                (okeys->log2_size == LOG_MINSIZE ||
                 USABLE_FRACTION(DK_SIZE(okeys) / 2) < other->used)) {
                RDictKeys *dk = clone_keys(okeys);
                if (!dk)
                    return -1;
                RDictKeys *old = mp->keys;
                mp->keys = dk;
                mp->used = other->used;
                free_keys(old);
                return 0;
            }
        }
        /* one big resize first, expecting few common keys */
        if (USABLE_FRACTION(DK_SIZE(mp->keys)) < other->used &&
            dictresize(mp, estimate_log2_keysize(mp->used + other->used),
                       other->keys->unicode) < 0)
            return -1;
        ssize_t orig_size = other->keys->nentries;
        ssize_t pos = 0;
        RObject *key, *value;
        int64_t hash;
        while (r_dict_next_entry(b, &pos, &key, &value, &hash)) {
            if (insertdict(mp, r_incref(key), hash, r_incref(value)) < 0)
                return -1;
            if (orig_size != other->keys->nentries) {
                r_err_set_string(r_exc_RuntimeError, "dict mutated during update");
                return -1;
            }
        }
        return 0;
    }
    /* any other mapping: its keys(), then b[key] for each */
    RObject *keys = r_call_method(b, "keys", NULL, 0);
    if (!keys)
        return -1;
    RObject *it = r_get_iter(keys);
    R_DECREF(keys);
    if (!it)
        return -1;
    RObject *key;
    while ((key = r_iter_next(it)) != NULL) {
        RObject *value = r_getitem(b, key);
        int rc = value ? r_dict_set_item(a, key, value) : -1;
        R_XDECREF(value);
        R_DECREF(key);
        if (rc < 0) {
            R_DECREF(it);
            return -1;
        }
    }
    R_DECREF(it);
    return r_err_occurred() ? -1 : 0;
}

/* PyDict_MergeFromSeq2: an iterable of key/value pairs. */
static int merge_from_seq2(RObject *d, RObject *seq2)
{
    RObject *it = r_get_iter(seq2);
    if (!it)
        return -1;
    RObject *item;
    for (ssize_t i = 0;; ++i) {
        item = r_iter_next(it);
        if (!item)
            break;
        RObject *fast = r_sequence_fast(item, "");
        R_DECREF(item);
        if (!fast) {
            if (r_err_matches(r_exc_TypeError))
                r_err_format(r_exc_TypeError,
                             "cannot convert dictionary update sequence element #%zd to a "
                             "sequence",
                             i);
            goto fail;
        }
        ssize_t n = R_TUPLE_CHECK(fast) ? R_TUPLE_SIZE(fast) : R_LIST_SIZE(fast);
        if (n != 2) {
            r_err_format(r_exc_ValueError,
                         "dictionary update sequence element #%zd has length %zd; 2 is required",
                         i, n);
            R_DECREF(fast);
            goto fail;
        }
        RObject **items = R_TUPLE_CHECK(fast) ? R_TUPLE_ITEMS(fast) : R_LIST_ITEMS(fast);
        RObject *key = r_incref(items[0]), *value = r_incref(items[1]);
        R_DECREF(fast);
        int rc = r_dict_set_item(d, key, value);
        R_DECREF(key);
        R_DECREF(value);
        if (rc < 0)
            goto fail;
    }
    R_DECREF(it);
    return r_err_occurred() ? -1 : 0;
fail:
    R_DECREF(it);
    return -1;
}

/* dict_update_arg: a dict, anything with keys(), or pairs. */
static int update_arg(RObject *self, RObject *arg)
{
    if (r_isinstance_exact(arg, &r_dict_type))
        return dict_merge(self, arg);
    RObject *keys_attr = r_str_intern("keys");
    RObject *func;
    if (!keys_attr || r_lookup_attr(arg, keys_attr, &func) < 0)
        return -1;
    if (func) {
        R_DECREF(func);
        return dict_merge(self, arg);
    }
    return merge_from_seq2(self, arg);
}

int r_dict_update(RObject *dict, RObject *other)
{
    return dict_merge(dict, other);
}

/* update(self, [arg], **kwargs) as dict() and dict.update take it */
static int update_common(RObject *self, RObject *const *args, size_t nargs, RObject *kwnames,
                         const char *fname)
{
    if (r_check_nargs(fname, nargs, 0, 1) < 0)
        return -1;
    if (nargs == 1 && update_arg(self, args[0]) < 0)
        return -1;
    ssize_t nkw = kwnames ? R_TUPLE_SIZE(kwnames) : 0;
    for (ssize_t i = 0; i < nkw; i++)
        if (r_dict_set_item(self, R_TUPLE_GET(kwnames, i), args[nargs + (size_t)i]) < 0)
            return -1;
    return 0;
}

/* ---- slots ---- */

static void dict_dealloc(RObject *o)
{
    RDict *mp = (RDict *)o;
    RDictKeys *dk = mp->keys;
    mp->keys = &empty_keys;
    mp->used = 0;
    free_keys(dk);
    r_free(o);
}

static void dict_clear_slot(RObject *o)
{
    RDict *mp = (RDict *)o;
    RDictKeys *dk = mp->keys;
    if (dk == &empty_keys)
        return;
    /* empty first: the destructors of the items may use the dict */
    mp->keys = &empty_keys;
    mp->used = 0;
    free_keys(dk);
}

static int dict_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RDictKeys *dk = ((RDict *)o)->keys;
    for (ssize_t i = 0; i < dk->nentries; i++) {
        if (dk->entries[i].value) {
            int rc = visit(dk->entries[i].key, arg);
            if (rc || (rc = visit(dk->entries[i].value, arg)))
                return rc;
        }
    }
    return 0;
}

static RObject *dict_repr(RObject *o)
{
    RDict *mp = (RDict *)o;
    int rc = r_repr_enter(o);
    if (rc != 0)
        return rc > 0 ? r_str_from_cstr("{...}") : NULL;
    if (mp->used == 0) {
        r_repr_leave(o);
        return r_str_from_cstr("{}");
    }
    r_str_builder b;
    r_sb_init(&b);
    r_sb_append(&b, "{", 1);
    ssize_t pos = 0;
    RObject *key, *value;
    bool first = true;
    /* a repr may change the dict: r_dict_next re-reads it each time */
    while (r_dict_next(o, &pos, &key, &value)) {
        R_INCREF(key);
        R_INCREF(value);
        if (!first)
            r_sb_append(&b, ", ", 2);
        first = false;
        RObject *s = r_repr(key);
        if (s) {
            r_sb_append_str(&b, s);
            R_DECREF(s);
            r_sb_append(&b, ": ", 2);
            s = r_repr(value);
        }
        R_DECREF(key);
        R_DECREF(value);
        if (!s) {
            r_sb_discard(&b);
            r_repr_leave(o);
            return NULL;
        }
        r_sb_append_str(&b, s);
        R_DECREF(s);
    }
    r_sb_append(&b, "}", 1);
    r_repr_leave(o);
    return r_sb_finish(&b);
}

static ssize_t dict_length(RObject *o)
{
    return ((RDict *)o)->used;
}

/* 1 when a and b hold equal items, 0 when not, -1 on error. */
static int dict_equal(RDict *a, RDict *b)
{
    if (a->used != b->used)
        return 0;
    for (ssize_t i = 0; i < a->keys->nentries; i++) {
        RDictEntry *ep = &a->keys->entries[i];
        RObject *aval = ep->value;
        if (!aval)
            continue;
        RObject *key = ep->key;
        R_INCREF(aval);
        R_INCREF(key);
        RObject *bval;
        ssize_t ix = lookup(b, key, ep->hash, &bval);
        if (ix == DKIX_ERROR || !bval) {
            R_DECREF(key);
            R_DECREF(aval);
            return ix == DKIX_ERROR ? -1 : 0;
        }
        R_INCREF(bval);
        int cmp = r_richcompare_bool(aval, bval, R_EQ);
        R_DECREF(key);
        R_DECREF(aval);
        R_DECREF(bval);
        if (cmp <= 0)
            return cmp;
    }
    return 1;
}

static RObject *dict_richcompare(RObject *v, RObject *w, r_cmpop op)
{
    if (!R_DICT_CHECK(v) || !R_DICT_CHECK(w) || (op != R_EQ && op != R_NE))
        return r_incref(R_NOTIMPLEMENTED);
    int cmp = dict_equal((RDict *)v, (RDict *)w);
    if (cmp < 0)
        return NULL;
    return r_bool_from_long(cmp == (op == R_EQ));
}

static RObject *dict_subscript(RObject *o, RObject *key)
{
    int64_t hash = r_hash(key);
    if (hash == -1)
        return NULL;
    RObject *value;
    ssize_t ix = lookup((RDict *)o, key, hash, &value);
    if (ix == DKIX_ERROR)
        return NULL;
    if (ix == DKIX_EMPTY || !value) {
        if (!r_isinstance_exact(o, &r_dict_type)) {
            /* a subclass may define __missing__ */
            bool found;
            RObject *res = r_call_special(o, "__missing__", &key, 1, &found);
            if (found || r_err_occurred())
                return res;
        }
        set_key_error(key);
        return NULL;
    }
    return r_incref(value);
}

static int dict_ass_sub(RObject *o, RObject *key, RObject *value)
{
    if (!value)
        return r_dict_del_item(o, key);
    return r_dict_set_item(o, key, value);
}

static int dict_contains(RObject *o, RObject *key)
{
    int64_t hash = r_hash(key);
    if (hash == -1)
        return -1;
    return r_dict_contains_known_hash(o, key, hash);
}

static RObject *dict_or(RObject *self, RObject *other)
{
    if (!r_dict_has_union_operators() || !R_DICT_CHECK(self) || !R_DICT_CHECK(other))
        return r_incref(R_NOTIMPLEMENTED);
    RObject *res = r_dict_copy(self);
    if (res && dict_merge(res, other) < 0)
        R_CLEAR(res);
    return res;
}

RObject *r_dict_inplace_or(RObject *self, RObject *other)
{
    if (update_arg(self, other) < 0)
        return NULL;
    return r_incref(self);
}

static RObject *dict_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kwnames)
{
    (void)args;
    (void)nargs;
    (void)kwnames;
    return dict_alloc(type);
}

static int dict_tp_init(RObject *self, RObject *const *args, size_t nargs, RObject *kwnames)
{
    return update_common(self, args, nargs, kwnames, "dict");
}

/* ---- methods ---- */

static RObject *dict_get_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("dict.get", kw) < 0 || r_check_nargs("get", nargs, 1, 2) < 0)
        return NULL;
    int64_t hash = r_hash(args[0]);
    if (hash == -1)
        return NULL;
    RObject *value;
    if (lookup((RDict *)self, args[0], hash, &value) == DKIX_ERROR)
        return NULL;
    if (!value)
        value = nargs == 2 ? args[1] : R_NONE;
    return r_incref(value);
}

static RObject *dict_setdefault_m(RObject *self, RObject *const *args, size_t nargs,
                                  RObject *kw)
{
    if (r_check_no_kwargs("dict.setdefault", kw) < 0 ||
        r_check_nargs("setdefault", nargs, 1, 2) < 0)
        return NULL;
    RDict *mp = (RDict *)self;
    RObject *key = args[0], *defaultobj = nargs == 2 ? args[1] : R_NONE;
    int64_t hash = r_hash(key);
    if (hash == -1)
        return NULL;
    if (mp->keys == &empty_keys) {
        if (insert_to_empty(mp, r_incref(key), hash, r_incref(defaultobj)) < 0)
            return NULL;
        return r_incref(defaultobj);
    }
    if (mp->keys->unicode && !is_exact_str(key) && insertion_resize(mp, false) < 0)
        return NULL;
    RObject *value;
    ssize_t ix = lookup(mp, key, hash, &value);
    if (ix == DKIX_ERROR)
        return NULL;
    if (ix == DKIX_EMPTY) {
        if (insert_new_entry(mp, r_incref(key), hash, r_incref(defaultobj)) < 0)
            return NULL;
        return r_incref(defaultobj);
    }
    return r_incref(value);
}

static RObject *dict_pop_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("dict.pop", kw) < 0 || r_check_nargs("pop", nargs, 1, 2) < 0)
        return NULL;
    RDict *mp = (RDict *)self;
    RObject *key = args[0], *deflt = nargs == 2 ? args[1] : NULL;
    /* an empty dict answers without hashing the key (_PyDict_Pop) */
    if (mp->used == 0) {
        if (deflt)
            return r_incref(deflt);
        set_key_error(key);
        return NULL;
    }
    int64_t hash = r_hash(key);
    if (hash == -1)
        return NULL;
    RObject *value;
    ssize_t ix = lookup(mp, key, hash, &value);
    if (ix == DKIX_ERROR)
        return NULL;
    if (ix == DKIX_EMPTY || !value) {
        if (deflt)
            return r_incref(deflt);
        set_key_error(key);
        return NULL;
    }
    R_INCREF(value);
    delitem_at(mp, hash, ix);
    return value;
}

static RObject *dict_popitem_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("dict.popitem", kw) < 0 ||
        r_check_nargs("dict.popitem", nargs, 0, 0) < 0)
        return NULL;
    RDict *mp = (RDict *)self;
    /* the tuple first: nothing can fail once the item is taken */
    RObject *res = r_tuple_new(2);
    if (!res)
        return NULL;
    if (mp->used == 0) {
        R_DECREF(res);
        r_err_set_string(r_exc_KeyError, "popitem(): dictionary is empty");
        return NULL;
    }
    RDictKeys *dk = mp->keys;
    ssize_t i = dk->nentries - 1;
    while (i >= 0 && dk->entries[i].value == NULL)
        i--;
    RDictEntry *ep = &dk->entries[i];
    set_index(dk, index_slot_of(dk, ep->hash, i), DKIX_DUMMY);
    R_TUPLE_ITEMS(res)[0] = ep->key;
    R_TUPLE_ITEMS(res)[1] = ep->value;
    ep->key = NULL;
    ep->value = NULL;
    /* the slot is reused, but usable stays: the index keeps a dummy */
    dk->nentries = i;
    mp->used--;
    return res;
}

static RObject *dict_update_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (update_common(self, args, nargs, kw, "update") < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *dict_clear_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("dict.clear", kw) < 0 ||
        r_check_nargs("dict.clear", nargs, 0, 0) < 0)
        return NULL;
    dict_clear_slot(self);
    R_RETURN_NONE;
}

static RObject *dict_copy_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("dict.copy", kw) < 0 || r_check_nargs("dict.copy", nargs, 0, 0) < 0)
        return NULL;
    return r_dict_copy(self);
}

static RObject *dict_fromkeys_m(RObject *cls, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("dict.fromkeys", kw) < 0 ||
        r_check_nargs("fromkeys", nargs, 1, 2) < 0)
        return NULL;
    RObject *iterable = args[0], *value = nargs == 2 ? args[1] : R_NONE;
    RObject *d = r_call0(cls);
    if (!d)
        return NULL;
    bool exact = r_isinstance_exact(d, &r_dict_type);
    if (exact && r_isinstance_exact(iterable, &r_dict_type)) {
        if (dict_presize(d, r_dict_size(iterable), ((RDict *)iterable)->keys->unicode) < 0)
            goto fail;
        ssize_t pos = 0;
        RObject *key;
        int64_t hash;
        while (r_dict_next_entry(iterable, &pos, &key, NULL, &hash))
            if (insertdict((RDict *)d, r_incref(key), hash, r_incref(value)) < 0)
                goto fail;
        return d;
    }
    if (exact && (r_isinstance_exact(iterable, &r_set_type) ||
                  r_isinstance_exact(iterable, &r_frozenset_type))) {
        if (dict_presize(d, r_set_size(iterable), false) < 0)
            goto fail;
        ssize_t pos = 0;
        RObject *key;
        int64_t hash;
        while (r_set_next_entry(iterable, &pos, &key, &hash))
            if (insertdict((RDict *)d, r_incref(key), hash, r_incref(value)) < 0)
                goto fail;
        return d;
    }
    RObject *it = r_get_iter(iterable);
    if (!it)
        goto fail;
    RObject *key;
    while ((key = r_iter_next(it)) != NULL) {
        int rc = exact ? r_dict_set_item(d, key, value) : r_setitem(d, key, value);
        R_DECREF(key);
        if (rc < 0) {
            R_DECREF(it);
            goto fail;
        }
    }
    R_DECREF(it);
    if (r_err_occurred())
        goto fail;
    return d;
fail:
    R_DECREF(d);
    return NULL;
}

static RObject *dict_contains_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("dict.__contains__", kw) < 0 ||
        r_check_nargs("dict.__contains__", nargs, 1, 1) < 0)
        return NULL;
    int rc = dict_contains(self, args[0]);
    return rc < 0 ? NULL : r_bool_from_long(rc);
}

static RObject *dict_view_m(RObject *self, size_t nargs, RObject *kw, const char *fname,
                            RType *view_type)
{
    if (r_check_no_kwargs(fname, kw) < 0 || r_check_nargs(fname, nargs, 0, 0) < 0)
        return NULL;
    return r_dict_view_new(self, view_type);
}

static RObject *dict_keys_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    return dict_view_m(self, nargs, kw, "dict.keys", &r_dict_keys_type);
}

static RObject *dict_values_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    return dict_view_m(self, nargs, kw, "dict.values", &r_dict_values_type);
}

static RObject *dict_items_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    return dict_view_m(self, nargs, kw, "dict.items", &r_dict_items_type);
}

/* ---- iterators ---- */

typedef struct {
    RObject ob;
    RObject *dict; /* NULL once exhausted */
    ssize_t used;  /* the dict's size when iteration began */
    ssize_t pos;
    ssize_t len;   /* items still expected */
} RDictIter;

typedef enum {
    ITER_KEYS = R_DICT_ITER_KEYS,
    ITER_VALUES = R_DICT_ITER_VALUES,
    ITER_ITEMS = R_DICT_ITER_ITEMS
} iter_kind;

static void dictiter_dealloc(RObject *o)
{
    R_XDECREF(((RDictIter *)o)->dict);
    r_free(o);
}

static int dictiter_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RObject *d = ((RDictIter *)o)->dict;
    return d ? visit(d, arg) : 0;
}

static RObject *iter_self(RObject *o)
{
    return r_incref(o);
}

static RObject *iter_result(iter_kind kind, RDictEntry *ep)
{
    switch (kind) {
    case ITER_KEYS:
        return r_incref(ep->key);
    case ITER_VALUES:
        return r_incref(ep->value);
    default:
        return r_tuple_pack(2, ep->key, ep->value);
    }
}

static RObject *dictiter_next(RObject *o, iter_kind kind)
{
    RDictIter *di = (RDictIter *)o;
    RDict *d = (RDict *)di->dict;
    if (!d)
        return NULL;
    if (di->used != d->used) {
        r_err_set_string(r_exc_RuntimeError, "dictionary changed size during iteration");
        di->used = -1; /* stays broken */
        return NULL;
    }
    ssize_t i = di->pos, n = d->keys->nentries;
    while (i < n && d->keys->entries[i].value == NULL)
        i++;
    if (i >= n)
        goto fail;
    RDictEntry *ep = &d->keys->entries[i];
    /* an item beyond the ones expected: deletions and insertions balanced */
    if (di->len == 0) {
        r_err_set_string(r_exc_RuntimeError, "dictionary keys changed during iteration");
        goto fail;
    }
    di->pos = i + 1;
    di->len--;
    return iter_result(kind, ep);
fail:
    di->dict = NULL;
    R_DECREF(d);
    return NULL;
}

static RObject *dictreviter_next(RObject *o, iter_kind kind)
{
    RDictIter *di = (RDictIter *)o;
    RDict *d = (RDict *)di->dict;
    if (!d)
        return NULL;
    if (di->used != d->used) {
        r_err_set_string(r_exc_RuntimeError, "dictionary changed size during iteration");
        di->used = -1;
        return NULL;
    }
    ssize_t i = di->pos;
    if (i < 0 || i >= d->keys->nentries)
        goto fail;
    RDictEntry *ep = &d->keys->entries[i];
    while (ep->value == NULL) {
        if (--i < 0)
            goto fail;
        ep--;
    }
    di->pos = i - 1;
    di->len--;
    return iter_result(kind, ep);
fail:
    di->dict = NULL;
    R_DECREF(d);
    return NULL;
}

static RObject *keyiter_next(RObject *o) { return dictiter_next(o, ITER_KEYS); }
static RObject *valueiter_next(RObject *o) { return dictiter_next(o, ITER_VALUES); }
static RObject *itemiter_next(RObject *o) { return dictiter_next(o, ITER_ITEMS); }
static RObject *revkeyiter_next(RObject *o) { return dictreviter_next(o, ITER_KEYS); }
static RObject *revvalueiter_next(RObject *o) { return dictreviter_next(o, ITER_VALUES); }
static RObject *revitemiter_next(RObject *o) { return dictreviter_next(o, ITER_ITEMS); }

#define DICTITER_TYPE(var, tpname, next)          \
    static RType var = {                          \
        .ob = R_STATIC_HEAD(&r_type_type),        \
        .name = tpname,                           \
        .basicsize = sizeof(RDictIter),           \
        .flags = R_TPFLAGS_HAVE_GC,               \
        .dealloc = dictiter_dealloc,              \
        .traverse = dictiter_traverse,            \
        .iter = iter_self,                        \
        .iternext = next,                         \
    }

DICTITER_TYPE(keyiter_type, "dict_keyiterator", keyiter_next);
DICTITER_TYPE(valueiter_type, "dict_valueiterator", valueiter_next);
DICTITER_TYPE(itemiter_type, "dict_itemiterator", itemiter_next);
DICTITER_TYPE(revkeyiter_type, "dict_reversekeyiterator", revkeyiter_next);
DICTITER_TYPE(revvalueiter_type, "dict_reversevalueiterator", revvalueiter_next);
DICTITER_TYPE(revitemiter_type, "dict_reverseitemiterator", revitemiter_next);

static RType *const iter_types[2][3] = {
    {&keyiter_type, &valueiter_type, &itemiter_type},
    {&revkeyiter_type, &revvalueiter_type, &revitemiter_type},
};

RObject *r_dict_iter_new(RObject *dict, int kind, bool reverse)
{
    RType *type = iter_types[reverse][kind];
    if (!type->ready && r_type_ready(type) < 0)
        return NULL;
    RDictIter *di = (RDictIter *)r_alloc(type);
    if (!di)
        return NULL;
    RDict *d = (RDict *)dict;
    di->dict = r_incref(dict);
    di->used = d->used;
    di->len = d->used;
    di->pos = reverse ? (d->used ? d->keys->nentries - 1 : -1) : 0;
    return (RObject *)di;
}

static RObject *dict_iter(RObject *self)
{
    return r_dict_iter_new(self, ITER_KEYS, false);
}

static RObject *dict_reversed_m(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("dict.__reversed__", kw) < 0 ||
        r_check_nargs("dict.__reversed__", nargs, 0, 0) < 0)
        return NULL;
    return r_dict_iter_new(self, ITER_KEYS, true);
}

static const r_method_def dict_methods[] = {
    {"__contains__", dict_contains_m, 0, "True if the dictionary has the specified key."},
    {"__reversed__", dict_reversed_m, 0, "Return a reverse iterator over the dict keys."},
    {"get", dict_get_m, 0, "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", dict_setdefault_m, 0, "Insert key with a value of default if key is not in "
                                         "the dictionary."},
    {"pop", dict_pop_m, 0, "D.pop(k[,d]) -> v, remove specified key and return the value."},
    {"popitem", dict_popitem_m, 0, "Remove and return a (key, value) pair as a 2-tuple."},
    {"keys", dict_keys_m, 0, "D.keys() -> a set-like object providing a view on D's keys"},
    {"items", dict_items_m, 0, "D.items() -> a set-like object providing a view on D's items"},
    {"values", dict_values_m, 0, "D.values() -> an object providing a view on D's values"},
    {"update", dict_update_m, 0, "D.update([E, ]**F) -> None.  Update D from dict/iterable E "
                                 "and F."},
    {"fromkeys", dict_fromkeys_m, R_METH_CLASS, "Create a new dictionary with keys from "
                                                "iterable and values set to value."},
    {"clear", dict_clear_m, 0, "D.clear() -> None.  Remove all items from D."},
    {"copy", dict_copy_m, 0, "D.copy() -> a shallow copy of D"},
    {NULL, NULL, 0, NULL},
};

RType r_dict_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "dict",
    .basicsize = sizeof(RDict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_DICT_SUBCLASS | R_TPFLAGS_HAVE_GC,
    .dealloc = dict_dealloc,
    .traverse = dict_traverse,
    .clear = dict_clear_slot,
    .repr = dict_repr,
    .richcompare = dict_richcompare,
    .iter = dict_iter,
    .nb_or = dict_or,
    .len = dict_length,
    .getitem = dict_subscript,
    .setitem = dict_ass_sub,
    .contains = dict_contains,
    .tp_new = dict_tp_new,
    .tp_init = dict_tp_init,
    .methods = dict_methods,
    .doc = "dict() -> new empty dictionary",
};
