/* The dict views dict_keys, dict_values and dict_items (CPython's
 * Objects/dictobject.c, "View objects"): live views of a dict with len,
 * iteration, membership, reversed(), and for keys and items the set
 * comparisons and operators, whose results are sets. */
#include <stdint.h>

#include "boolobject.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "listobject.h"
#include "setobject.h"
#include "strobject.h"
#include "tupleobject.h"

typedef struct {
    RObject ob;
    RObject *dict;
} RDictView;

#define VIEW_DICT(o) (((RDictView *)(o))->dict)

static bool is_set_like_view(RObject *o)
{
    return r_typecheck(o, &r_dict_keys_type) || r_typecheck(o, &r_dict_items_type);
}

RObject *r_dict_view_new(RObject *dict, RType *view_type)
{
    if (!view_type->ready && r_type_ready(view_type) < 0)
        return NULL;
    RDictView *dv = (RDictView *)r_alloc(view_type);
    if (!dv)
        return NULL;
    dv->dict = r_incref(dict);
    return (RObject *)dv;
}

static void view_dealloc(RObject *o)
{
    R_XDECREF(VIEW_DICT(o));
    r_free(o);
}

static int view_traverse(RObject *o, r_visitproc visit, void *arg)
{
    return visit(VIEW_DICT(o), arg);
}

static ssize_t view_len(RObject *o)
{
    return r_dict_size(VIEW_DICT(o));
}

/* "dict_keys([1, 2])": the type name and the repr of list(view). */
static RObject *view_repr(RObject *o)
{
    int rc = r_repr_enter(o);
    if (rc != 0)
        return rc > 0 ? r_str_from_cstr("...") : NULL;
    RObject *seq = r_sequence_list(o);
    RObject *res = seq ? r_str_from_format("%s(%R)", R_TYPE(o)->name, seq) : NULL;
    R_XDECREF(seq);
    r_repr_leave(o);
    return res;
}

static RObject *keys_iter(RObject *o)
{
    return r_dict_iter_new(VIEW_DICT(o), R_DICT_ITER_KEYS, false);
}

static RObject *values_iter(RObject *o)
{
    return r_dict_iter_new(VIEW_DICT(o), R_DICT_ITER_VALUES, false);
}

static RObject *items_iter(RObject *o)
{
    return r_dict_iter_new(VIEW_DICT(o), R_DICT_ITER_ITEMS, false);
}

/* the dict's own lookup, whatever a subclass's __contains__ says */
static int keys_contains(RObject *o, RObject *key)
{
    int64_t hash = r_hash(key);
    return hash == -1 ? -1 : r_dict_contains_known_hash(VIEW_DICT(o), key, hash);
}

/* (key, value) is in the items when key maps to an equal value. */
static int items_contains(RObject *o, RObject *obj)
{
    if (!R_TUPLE_CHECK(obj) || R_TUPLE_SIZE(obj) != 2)
        return 0;
    RObject *found = r_dict_get_item(VIEW_DICT(o), R_TUPLE_GET(obj, 0));
    if (!found)
        return r_err_occurred() ? -1 : 0;
    R_INCREF(found);
    int rc = r_richcompare_bool(found, R_TUPLE_GET(obj, 1), R_EQ);
    R_DECREF(found);
    return rc;
}

/* Whether every item of self is in other (all_contained_in). */
static int all_contained_in(RObject *self, RObject *other)
{
    RObject *it = r_get_iter(self);
    if (!it)
        return -1;
    int ok = 1;
    RObject *item;
    while (ok > 0 && (item = r_iter_next(it)) != NULL) {
        ok = r_contains(other, item);
        R_DECREF(item);
    }
    R_DECREF(it);
    if (ok > 0 && r_err_occurred())
        ok = -1;
    return ok;
}

static RObject *view_richcompare(RObject *self, RObject *other, r_cmpop op)
{
    if (!R_ANYSET_CHECK(other) && !is_set_like_view(other))
        return r_incref(R_NOTIMPLEMENTED);
    ssize_t len_self = r_length(self);
    if (len_self < 0)
        return NULL;
    ssize_t len_other = r_length(other);
    if (len_other < 0)
        return NULL;
    int ok = 0;
    switch (op) {
    case R_NE:
    case R_EQ:
        if (len_self == len_other)
            ok = all_contained_in(self, other);
        if (op == R_NE && ok >= 0)
            ok = !ok;
        break;
    case R_LT:
        if (len_self < len_other)
            ok = all_contained_in(self, other);
        break;
    case R_LE:
        if (len_self <= len_other)
            ok = all_contained_in(self, other);
        break;
    case R_GT:
        if (len_self > len_other)
            ok = all_contained_in(other, self);
        break;
    case R_GE:
        if (len_self >= len_other)
            ok = all_contained_in(other, self);
        break;
    }
    return ok < 0 ? NULL : r_bool_from_long(ok);
}

/* set(view); a keys view of an exact dict goes through the dict itself,
 * as CPython's dictviews_to_set does. */
static RObject *view_to_set(RObject *self)
{
    RObject *src = self;
    if (r_typecheck(self, &r_dict_keys_type) && r_isinstance_exact(VIEW_DICT(self), &r_dict_type))
        src = VIEW_DICT(self);
    return r_set_new(src);
}

static RObject *set_method_on(RObject *set, const char *name, RObject *arg)
{
    RObject *res = r_call_method(set, name, &arg, 1);
    if (!res) {
        R_DECREF(set);
        return NULL;
    }
    R_DECREF(res);
    return set;
}

static RObject *view_sub(RObject *self, RObject *other)
{
    RObject *result = view_to_set(self);
    return result ? set_method_on(result, "difference_update", other) : NULL;
}

static RObject *view_or(RObject *self, RObject *other)
{
    RObject *result = view_to_set(self);
    if (result && r_set_update(result, other) < 0)
        R_CLEAR(result);
    return result;
}

static RObject *view_xor(RObject *self, RObject *other)
{
    RObject *result = view_to_set(self);
    return result ? set_method_on(result, "symmetric_difference_update", other) : NULL;
}

/* _PyDictView_Intersect: iterates the smaller operand, testing membership
 * in the view. */
static RObject *view_and(RObject *self, RObject *other)
{
    /* the view may be the right operand */
    if (!is_set_like_view(self)) {
        RObject *tmp = other;
        other = self;
        self = tmp;
    }
    ssize_t len_self = view_len(self);
    if (r_isinstance_exact(other, &r_set_type)) {
        ssize_t len_other = r_length(other);
        if (len_other < 0)
            return NULL;
        if (len_self <= len_other)
            return r_call_method(other, "intersection", &self, 1);
    }
    if (is_set_like_view(other) && view_len(other) > len_self) {
        RObject *tmp = other;
        other = self;
        self = tmp;
    }
    bool keys = r_typecheck(self, &r_dict_keys_type);
    RObject *result = r_set_new(NULL);
    if (!result)
        return NULL;
    RObject *it = r_get_iter(other);
    if (!it) {
        R_DECREF(result);
        return NULL;
    }
    RObject *key;
    while ((key = r_iter_next(it)) != NULL) {
        int rv = keys ? keys_contains(self, key) : items_contains(self, key);
        if (rv > 0)
            rv = r_set_add(result, key) < 0 ? -1 : 1;
        R_DECREF(key);
        if (rv < 0)
            goto error;
    }
    if (r_err_occurred())
        goto error;
    R_DECREF(it);
    return result;
error:
    R_DECREF(it);
    R_DECREF(result);
    return NULL;
}

static RObject *view_reversed(RObject *self, int kind, RObject *const *args, size_t nargs,
                              RObject *kw, const char *fname)
{
    (void)args;
    if (r_check_no_kwargs(fname, kw) < 0 || r_check_nargs(fname, nargs, 0, 0) < 0)
        return NULL;
    return r_dict_iter_new(VIEW_DICT(self), kind, true);
}

static RObject *keys_reversed(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return view_reversed(self, R_DICT_ITER_KEYS, args, nargs, kw, "dict_keys.__reversed__");
}

static RObject *values_reversed(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return view_reversed(self, R_DICT_ITER_VALUES, args, nargs, kw,
                         "dict_values.__reversed__");
}

static RObject *items_reversed(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return view_reversed(self, R_DICT_ITER_ITEMS, args, nargs, kw, "dict_items.__reversed__");
}

static RObject *view_isdisjoint(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("isdisjoint", kw) < 0 || r_check_nargs("isdisjoint", nargs, 1, 1) < 0)
        return NULL;
    RObject *other = args[0];
    if (self == other)
        return r_bool_from_long(view_len(self) == 0);
    /* iterate the smaller one when both sizes are known */
    RObject *it_src = other, *probe = self;
    if (R_ANYSET_CHECK(other) || is_set_like_view(other)) {
        ssize_t len_other = r_length(other);
        if (len_other < 0)
            return NULL;
        if (len_other > view_len(self)) {
            it_src = self;
            probe = other;
        }
    }
    RObject *it = r_get_iter(it_src);
    if (!it)
        return NULL;
    RObject *item;
    int found = 0;
    while (!found && (item = r_iter_next(it)) != NULL) {
        found = r_contains(probe, item);
        R_DECREF(item);
    }
    R_DECREF(it);
    if (found < 0 || r_err_occurred())
        return NULL;
    return r_bool_from_long(!found);
}

static const r_method_def keys_methods[] = {
    {"isdisjoint", view_isdisjoint, 0, "Return True if the view and the given iterable have a "
                                       "null intersection."},
    {"__reversed__", keys_reversed, 0, "Return a reverse iterator over the dict keys."},
    {NULL, NULL, 0, NULL},
};

static const r_method_def values_methods[] = {
    {"__reversed__", values_reversed, 0, "Return a reverse iterator over the dict values."},
    {NULL, NULL, 0, NULL},
};

static const r_method_def items_methods[] = {
    {"isdisjoint", view_isdisjoint, 0, "Return True if the view and the given iterable have a "
                                       "null intersection."},
    {"__reversed__", items_reversed, 0, "Return a reverse iterator over the dict items."},
    {NULL, NULL, 0, NULL},
};

RType r_dict_keys_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "dict_keys",
    .basicsize = sizeof(RDictView),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = view_dealloc,
    .traverse = view_traverse,
    .repr = view_repr,
    .richcompare = view_richcompare,
    .iter = keys_iter,
    .nb_subtract = view_sub,
    .nb_and = view_and,
    .nb_or = view_or,
    .nb_xor = view_xor,
    .len = view_len,
    .contains = keys_contains,
    .methods = keys_methods,
};

RType r_dict_values_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "dict_values",
    .basicsize = sizeof(RDictView),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = view_dealloc,
    .traverse = view_traverse,
    .repr = view_repr,
    .iter = values_iter,
    .len = view_len,
    .methods = values_methods,
};

RType r_dict_items_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "dict_items",
    .basicsize = sizeof(RDictView),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = view_dealloc,
    .traverse = view_traverse,
    .repr = view_repr,
    .richcompare = view_richcompare,
    .iter = items_iter,
    .nb_subtract = view_sub,
    .nb_and = view_and,
    .nb_or = view_or,
    .nb_xor = view_xor,
    .len = view_len,
    .contains = items_contains,
    .methods = items_methods,
};
