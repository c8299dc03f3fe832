/* The generic object protocol (CPython's object.c and abstract.c): each
 * operation dispatches on the type's slot and raises CPython's TypeError
 * when there is none. */
#include "object.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "exceptions.h"
#include "profile.h"
#include "gc.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

RObject *r_alloc_var(RType *type, size_t extra)
{
    /* a type is readied when its first instance is made */
    if (!type->ready && r_type_ready(type) < 0)
        return NULL;
    bool gc = (type->flags & R_TPFLAGS_HAVE_GC) != 0;
    size_t size = type->basicsize + extra;
    RObject *o = gc ? r_gc_alloc(size) : calloc(1, size);
    if (!o)
        return r_err_no_memory();
    o->refcnt = 1;
    o->type = type;
    if (type->flags & R_TPFLAGS_HEAPTYPE)
        R_INCREF(type);
    /* tracked from birth: every traverse copes with the NULL fields of an
     * object still being filled in */
    if (gc)
        r_gc_track(o);
    return o;
}

RObject *r_alloc(RType *type)
{
    return r_alloc_var(type, 0);
}

void r_free(RObject *o)
{
    RType *t = o->type;
    if (r_gc_is_gc(o))
        r_gc_free(o);
    else
        free(o);
    if (t->flags & R_TPFLAGS_HEAPTYPE)
        R_DECREF(t);
}

void r_dealloc(RObject *o)
{
    RType *t = o->type;
    bool gc = r_gc_is_gc(o);
    /* PEP 442: a GC object's finaliser runs once, even if it resurrects */
    if (t->finalize && (!gc || !r_gc_set_finalized(o))) {
        /* resurrect for the finaliser, as CPython's PEP 442 path does */
        o->refcnt = 1;
        RObject *saved = r_err_fetch();
        t->finalize(o);
        r_err_restore(saved);
        if (--o->refcnt != 0)
            return; /* the finaliser kept it alive */
    }
    /* out of the collector's sight before dealloc leaves dangling fields:
     * what the releases run may start a collection */
    if (gc)
        r_gc_untrack(o);
    t->dealloc(o);
}

static const char *type_name(RObject *o)
{
    return R_TYPE(o)->name;
}

RObject *r_type_name_of(RObject *o)
{
    return r_str_from_cstr(type_name(o));
}

static RObject *default_repr(RObject *o)
{
    RType *t = R_TYPE(o);
    if (t->module && !r_str_equal_cstr(t->module, "builtins"))
        return r_str_from_format("<%U.%U object at %p>", t->module,
                                 t->qualname ? t->qualname : t->module, (void *)o);
    return r_str_from_format("<%s object at %p>", t->name, (void *)o);
}

RObject *r_repr(RObject *o)
{
    RObject *s = R_TYPE(o)->repr ? R_TYPE(o)->repr(o) : default_repr(o);
    if (s && !R_STR_CHECK(s)) {
        r_err_format(r_exc_TypeError, "__repr__ returned non-string (type %s)", type_name(s));
        R_DECREF(s);
        return NULL;
    }
    return s;
}

RObject *r_str(RObject *o)
{
    if (R_TYPE(o) == &r_str_type)
        return r_incref(o);
    RObject *s = R_TYPE(o)->str ? R_TYPE(o)->str(o) : r_repr(o);
    if (s && !R_STR_CHECK(s)) {
        r_err_format(r_exc_TypeError, "__str__ returned non-string (type %s)", type_name(s));
        R_DECREF(s);
        return NULL;
    }
    return s;
}

int64_t r_hash(RObject *o)
{
    if (R_TYPE(o)->hash)
        return R_TYPE(o)->hash(o);
    r_err_format(r_exc_TypeError, "unhashable type: '%s'", type_name(o));
    return -1;
}

/* CPython's _Py_HashPointer: the address rotated by 4 bits */
int64_t r_hash_pointer(const void *p)
{
    uintptr_t y = (uintptr_t)p;
    y = (y >> 4) | (y << (8 * sizeof(y) - 4));
    int64_t h = (int64_t)y;
    return h == -1 ? -2 : h;
}

static const r_cmpop swapped_op[] = {R_GT, R_GE, R_EQ, R_NE, R_LT, R_LE};
static const char *const op_symbol[] = {"<", "<=", "==", "!=", ">", ">="};

RObject *r_richcompare(RObject *v, RObject *w, r_cmpop op)
{
    RObject *res;
    bool checked_reverse = false;
    RType *tv = R_TYPE(v), *tw = R_TYPE(w);
    if (tv != tw && r_type_is_subtype(tw, tv) && tw->richcompare) {
        checked_reverse = true;
        res = tw->richcompare(w, v, swapped_op[op]);
        if (res != R_NOTIMPLEMENTED)
            return res;
        R_DECREF(res);
    }
    if (tv->richcompare) {
        res = tv->richcompare(v, w, op);
        if (res != R_NOTIMPLEMENTED)
            return res;
        R_DECREF(res);
    }
    if (!checked_reverse && tw->richcompare) {
        res = tw->richcompare(w, v, swapped_op[op]);
        if (res != R_NOTIMPLEMENTED)
            return res;
        R_DECREF(res);
    }
    extern RObject *r_bool_from_long(long v);
    switch (op) {
    case R_EQ:
        return r_bool_from_long(v == w);
    case R_NE:
        return r_bool_from_long(v != w);
    default:
        return r_err_format(r_exc_TypeError,
                            "'%s' not supported between instances of '%s' and '%s'",
                            op_symbol[op], type_name(v), type_name(w));
    }
}

int r_richcompare_bool(RObject *v, RObject *w, r_cmpop op)
{
    /* identity implies equality, as CPython's PyObject_RichCompareBool */
    if (v == w) {
        if (op == R_EQ)
            return 1;
        if (op == R_NE)
            return 0;
    }
    RObject *res = r_richcompare(v, w, op);
    if (!res)
        return -1;
    int b = r_is_true(res);
    R_DECREF(res);
    return b;
}

int r_is_true(RObject *o)
{
    if (o == R_NONE)
        return 0;
    RType *t = R_TYPE(o);
    if (t->nb_bool)
        return t->nb_bool(o);
    if (t->len) {
        ssize_t n = t->len(o);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

RObject *r_getattr(RObject *o, RObject *name)
{
    RType *t = R_TYPE(o);
    if (t->getattro)
        return t->getattro(o, name);
    return r_err_format(r_exc_AttributeError, "'%s' object has no attribute '%U'", type_name(o),
                        name);
}

RObject *r_getattr_cstr(RObject *o, const char *name)
{
    RObject *n = r_str_intern(name);
    return n ? r_getattr(o, n) : NULL;
}

int r_lookup_attr(RObject *o, RObject *name, RObject **out)
{
    *out = r_getattr(o, name);
    if (*out)
        return 1;
    if (r_err_matches(r_exc_AttributeError)) {
        r_err_clear();
        return 0;
    }
    return -1;
}

int r_setattr(RObject *o, RObject *name, RObject *value)
{
    RType *t = R_TYPE(o);
    if (t->setattro)
        return t->setattro(o, name, value);
    if (t->getattro)
        r_err_format(r_exc_AttributeError, "'%s' object has no attribute '%U'", type_name(o),
                     name);
    else
        r_err_format(r_exc_TypeError, "'%s' object has no attributes (%s .%U)", type_name(o),
                     value ? "assign to" : "del", name);
    return -1;
}

int r_setattr_cstr(RObject *o, const char *name, RObject *value)
{
    RObject *n = r_str_intern(name);
    return n ? r_setattr(o, n, value) : -1;
}

RObject *r_call(RObject *callable, RObject *const *args, size_t nargs, RObject *kwnames)
{
    r_vectorcall call = R_TYPE(callable)->call;
    if (!call)
        return r_err_format(r_exc_TypeError, "'%s' object is not callable", type_name(callable));
    RObject *res = call(callable, args, nargs, kwnames);
    if (!res && !r_err_occurred())
        r_err_set_string(r_exc_SystemError, "error return without exception set");
    return res;
}

RObject *r_call0(RObject *callable)
{
    return r_call(callable, NULL, 0, NULL);
}

RObject *r_call1(RObject *callable, RObject *arg)
{
    return r_call(callable, &arg, 1, NULL);
}

RObject *r_call_method(RObject *o, const char *name, RObject *const *args, size_t nargs)
{
    RObject *m = r_getattr_cstr(o, name);
    if (!m)
        return NULL;
    RObject *res = r_call(m, args, nargs, NULL);
    R_DECREF(m);
    return res;
}

RObject *r_get_iter(RObject *o)
{
    RType *t = R_TYPE(o);
    if (t->iter) {
        RObject *it = t->iter(o);
        if (it && !R_TYPE(it)->iternext) {
            r_err_format(r_exc_TypeError, "iter() returned non-iterator of type '%s'",
                         type_name(it));
            R_DECREF(it);
            return NULL;
        }
        return it;
    }
    if (t->getitem && t != &r_type_type)
        return r_sequence_iter_new(o);
    return r_err_format(r_exc_TypeError, "'%s' object is not iterable", type_name(o));
}

RObject *r_iter_next(RObject *it)
{
    RObject *item = R_TYPE(it)->iternext(it);
    if (!item && r_err_matches(r_exc_StopIteration))
        r_err_clear();
    return item;
}

ssize_t r_length(RObject *o)
{
    if (R_TYPE(o)->len)
        return R_TYPE(o)->len(o);
    r_err_format(r_exc_TypeError, "object of type '%s' has no len()", type_name(o));
    return -1;
}

RObject *r_getitem(RObject *o, RObject *key)
{
    if (R_TYPE(o)->getitem)
        return R_TYPE(o)->getitem(o, key);
    return r_err_format(r_exc_TypeError, "'%s' object is not subscriptable", type_name(o));
}

int r_setitem(RObject *o, RObject *key, RObject *value)
{
    if (R_TYPE(o)->setitem)
        return R_TYPE(o)->setitem(o, key, value);
    r_err_format(r_exc_TypeError, "'%s' object does not support item assignment", type_name(o));
    return -1;
}

int r_delitem(RObject *o, RObject *key)
{
    if (R_TYPE(o)->setitem)
        return R_TYPE(o)->setitem(o, key, NULL);
    r_err_format(r_exc_TypeError, "'%s' object doesn't support item deletion", type_name(o));
    return -1;
}

int r_contains(RObject *container, RObject *value)
{
    if (R_TYPE(container)->contains)
        return R_TYPE(container)->contains(container, value);
    RObject *it = r_get_iter(container);
    if (!it) {
        if (r_err_matches(r_exc_TypeError)) {
            r_err_clear();
            r_err_format(r_exc_TypeError, "argument of type '%s' is not iterable",
                         type_name(container));
        }
        return -1;
    }
    RObject *item;
    int found = 0;
    while (!found && (item = r_iter_next(it)) != NULL) {
        found = r_richcompare_bool(item, value, R_EQ);
        R_DECREF(item);
    }
    R_DECREF(it);
    if (found < 0 || r_err_occurred())
        return -1;
    return found;
}

/* CPython's binary_op1: the right operand's slot goes first when its type
 * is a subclass of the left's. */
RObject *r_number_binop(RObject *v, RObject *w, size_t slot_offset, const char *opname)
{
    RType *tv = R_TYPE(v), *tw = R_TYPE(w);
    r_binaryfunc slotv = *(r_binaryfunc *)((char *)tv + slot_offset);
    r_binaryfunc slotw = tw != tv ? *(r_binaryfunc *)((char *)tw + slot_offset) : NULL;
    if (slotw == slotv)
        slotw = NULL;
    RObject *res;
    if (slotv) {
        if (slotw && r_type_is_subtype(tw, tv)) {
            res = slotw(v, w);
            if (res != R_NOTIMPLEMENTED)
                return res;
            R_DECREF(res);
            slotw = NULL;
        }
        res = slotv(v, w);
        if (res != R_NOTIMPLEMENTED)
            return res;
        R_DECREF(res);
    }
    if (slotw) {
        res = slotw(v, w);
        if (res != R_NOTIMPLEMENTED)
            return res;
        R_DECREF(res);
    }
    return r_err_format(r_exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                        opname, type_name(v), type_name(w));
}

/* None, NotImplemented and Ellipsis */

static RObject *none_repr(RObject *o)
{
    (void)o;
    return r_str_from_cstr("None");
}

static int none_bool(RObject *o)
{
    (void)o;
    return 0;
}

static int64_t none_hash(RObject *o)
{
    /* version: Objects/object.c gives None a constant hash from 3.12
     * (gh-99540), its address before */
    if (r_none_hash_is_constant())
        return 0xFCA86420;
    return r_hash_pointer(o);
}

static int64_t notimpl_hash(RObject *o)
{
    return r_hash_pointer(o);
}

static void immortal_dealloc(RObject *o)
{
    /* never reached: immortal objects are not freed */
    o->refcnt = R_IMMORTAL;
}

RType r_none_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "NoneType",
    .basicsize = sizeof(RObject),
    .dealloc = immortal_dealloc,
    .repr = none_repr,
    .hash = none_hash,
    .nb_bool = none_bool,
};

RObject r_none_object = R_STATIC_HEAD(&r_none_type);

static RObject *notimpl_repr(RObject *o)
{
    (void)o;
    return r_str_from_cstr("NotImplemented");
}

RType r_notimplemented_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "NotImplementedType",
    .basicsize = sizeof(RObject),
    .dealloc = immortal_dealloc,
    .repr = notimpl_repr,
    .hash = notimpl_hash,
};

RObject r_notimplemented_object = R_STATIC_HEAD(&r_notimplemented_type);

static RObject *ellipsis_repr(RObject *o)
{
    (void)o;
    return r_str_from_cstr("Ellipsis");
}

RType r_ellipsis_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "ellipsis",
    .basicsize = sizeof(RObject),
    .dealloc = immortal_dealloc,
    .repr = ellipsis_repr,
    .hash = none_hash,
};

RObject r_ellipsis_object = R_STATIC_HEAD(&r_ellipsis_type);
