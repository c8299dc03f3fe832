/* dict: a hash table that iterates in insertion order, with CPython's
 * probing so that behaviour on collisions and deletions matches. */
#ifndef REFPY_DICTOBJECT_H
#define REFPY_DICTOBJECT_H

#include "object.h"

extern RType r_dict_type;
#define R_DICT_CHECK(o) r_typecheck((RObject *)(o), &r_dict_type)

RObject *r_dict_new(void);
/* Borrowed value or NULL; an exception set by __hash__/__eq__ is kept. */
RObject *r_dict_get_item(RObject *dict, RObject *key);
RObject *r_dict_get_item_cstr(RObject *dict, const char *key);
int r_dict_set_item(RObject *dict, RObject *key, RObject *value);
int r_dict_set_item_cstr(RObject *dict, const char *key, RObject *value);
/* 0 when deleted, -1 with KeyError set when missing */
int r_dict_del_item(RObject *dict, RObject *key);
ssize_t r_dict_size(RObject *dict);
/* Iteration in insertion order: *pos starts at 0; borrowed key/value. */
bool r_dict_next(RObject *dict, ssize_t *pos, RObject **key, RObject **value);
RObject *r_dict_copy(RObject *dict);
int r_dict_update(RObject *dict, RObject *other);

/* As r_dict_next, with the stored hash (_PyDict_Next); any out-pointer may
 * be NULL. */
bool r_dict_next_entry(RObject *dict, ssize_t *pos, RObject **key, RObject **value,
                       int64_t *hash);
/* Lookup and insertion with a hash the caller already has. */
int r_dict_contains_known_hash(RObject *dict, RObject *key, int64_t hash);
int r_dict_set_item_known_hash(RObject *dict, RObject *key, int64_t hash, RObject *value);
/* d |= other (3.9+): the dict itself, updated. */
RObject *r_dict_inplace_or(RObject *dict, RObject *other);

/* Iterators over the keys, values or items, forwards or reversed. */
enum { R_DICT_ITER_KEYS, R_DICT_ITER_VALUES, R_DICT_ITER_ITEMS };
RObject *r_dict_iter_new(RObject *dict, int kind, bool reverse);

/* The views dict.keys(), dict.values(), dict.items() (dictviews.c). */
extern RType r_dict_keys_type;
extern RType r_dict_values_type;
extern RType r_dict_items_type;
RObject *r_dict_view_new(RObject *dict, RType *view_type);

#endif
