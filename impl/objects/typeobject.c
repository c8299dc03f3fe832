/* type, object and heap classes (CPython's typeobject.c, for single
 * inheritance): slot inheritance, attribute lookup along the mro, the
 * descriptors in a built-in type's dict, and the slot_* functions through
 * which a class's dunder methods take over its slots. */
#include "typeobject.h"

#include <stdlib.h>
#include <string.h>

#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "strobject.h"
#include "tupleobject.h"

extern RObject *r_bool_from_long(long v);

bool r_type_is_subtype(const RType *a, const RType *b)
{
    for (; a; a = a->base)
        if (a == b)
            return true;
    return false;
}

RObject *r_type_lookup(RType *type, RObject *name)
{
    for (RType *t = type; t; t = t->base) {
        if (!t->dict)
            continue;
        RObject *v = r_dict_get_item(t->dict, name);
        if (v)
            return v;
        if (r_err_occurred())
            return NULL;
    }
    return NULL;
}

static const char *short_name(RType *t)
{
    return t->name;
}

/* ---- slot inheritance ---- */

#define INHERIT(field) if (!t->field) t->field = b->field

static void inherit_slots(RType *t, RType *b)
{
    INHERIT(dealloc);
    INHERIT(finalize);
    INHERIT(traverse);
    INHERIT(clear);
    INHERIT(repr);
    INHERIT(str);
    INHERIT(getattro);
    INHERIT(setattro);
    INHERIT(call);
    INHERIT(iter);
    INHERIT(iternext);
    INHERIT(nb_add);
    INHERIT(nb_subtract);
    INHERIT(nb_multiply);
    INHERIT(nb_true_divide);
    INHERIT(nb_floor_divide);
    INHERIT(nb_remainder);
    INHERIT(nb_power);
    INHERIT(nb_lshift);
    INHERIT(nb_rshift);
    INHERIT(nb_and);
    INHERIT(nb_or);
    INHERIT(nb_xor);
    INHERIT(nb_negative);
    INHERIT(nb_positive);
    INHERIT(nb_invert);
    INHERIT(nb_absolute);
    INHERIT(nb_int);
    INHERIT(nb_float);
    INHERIT(nb_index);
    INHERIT(nb_bool);
    INHERIT(len);
    INHERIT(getitem);
    INHERIT(setitem);
    INHERIT(contains);
    INHERIT(am_await);
    INHERIT(descr_get);
    INHERIT(descr_set);
    /* a static type made on object without a tp_new of its own cannot be
     * instantiated from Python, as CPython's inherit_special rules: object's
     * tp_new would make one with none of its fields set */
    if (t->tp_new || (t->flags & R_TPFLAGS_HEAPTYPE) || b != &r_object_type)
        INHERIT(tp_new);
    INHERIT(tp_init);
    /* __eq__ and __hash__ go together: a type that defines a comparison of
     * its own does not inherit the hash (CPython's inherit_slots) */
    if (!t->richcompare && !t->hash) {
        t->richcompare = b->richcompare;
        t->hash = b->hash;
    }
    if (!t->basicsize)
        t->basicsize = b->basicsize;
    if (!t->dictoffset)
        t->dictoffset = b->dictoffset;
    t->flags |= b->flags & (R_TPFLAGS_INT_SUBCLASS | R_TPFLAGS_STR_SUBCLASS |
                            R_TPFLAGS_TUPLE_SUBCLASS | R_TPFLAGS_LIST_SUBCLASS |
                            R_TPFLAGS_DICT_SUBCLASS | R_TPFLAGS_EXC_SUBCLASS |
                            R_TPFLAGS_TYPE_SUBCLASS | R_TPFLAGS_HAVE_GC);
}

/* ---- slot wrappers: a built-in slot seen as a dunder method ---- */

static RObject *wrap_unary(RObject *self, RObject *const *args, size_t nargs, RObject *kw,
                           void *slot)
{
    (void)args;
    if (r_check_no_kwargs("expected", kw) < 0 || r_check_nargs("expected", nargs, 0, 0) < 0)
        return NULL;
    return ((r_unaryfunc)slot)(self);
}

static RObject *wrap_init(RObject *self, RObject *const *args, size_t nargs, RObject *kw,
                          void *slot)
{
    int (*init)(RObject *, RObject *const *, size_t, RObject *) =
        (int (*)(RObject *, RObject *const *, size_t, RObject *))slot;
    if (init(self, args, nargs, kw) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *wrap_hash(RObject *self, RObject *const *args, size_t nargs, RObject *kw,
                          void *slot)
{
    (void)args;
    (void)kw;
    (void)nargs;
    int64_t h = ((int64_t (*)(RObject *))slot)(self);
    if (h == -1 && r_err_occurred())
        return NULL;
    extern RObject *r_int_from_i64(int64_t v);
    return r_int_from_i64(h);
}

static RObject *wrap_len(RObject *self, RObject *const *args, size_t nargs, RObject *kw,
                         void *slot)
{
    (void)args;
    (void)kw;
    (void)nargs;
    ssize_t n = ((ssize_t (*)(RObject *))slot)(self);
    if (n < 0)
        return NULL;
    extern RObject *r_int_from_i64(int64_t v);
    return r_int_from_i64(n);
}

static RObject *wrap_binary(RObject *self, RObject *const *args, size_t nargs, RObject *kw,
                            void *slot)
{
    if (r_check_no_kwargs("expected", kw) < 0 || r_check_nargs("expected", nargs, 1, 1) < 0)
        return NULL;
    return ((r_binaryfunc)slot)(self, args[0]);
}

static RObject *wrap_call(RObject *self, RObject *const *args, size_t nargs, RObject *kw,
                          void *slot)
{
    return ((r_vectorcall)slot)(self, args, nargs, kw);
}

static RObject *wrap_setattr(RObject *self, RObject *const *args, size_t nargs, RObject *kw,
                             void *slot)
{
    if (r_check_no_kwargs("expected", kw) < 0 || r_check_nargs("expected", nargs, 2, 2) < 0)
        return NULL;
    if (((int (*)(RObject *, RObject *, RObject *))slot)(self, args[0], args[1]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *wrap_next(RObject *self, RObject *const *args, size_t nargs, RObject *kw,
                          void *slot)
{
    (void)args;
    (void)kw;
    (void)nargs;
    RObject *v = ((r_unaryfunc)slot)(self);
    if (!v && !r_err_occurred())
        r_err_set_object(r_exc_StopIteration, NULL);
    return v;
}

#define RICH_WRAPPER(fname, op)                                                              \
    static RObject *fname(RObject *self, RObject *const *args, size_t nargs, RObject *kw,    \
                          void *slot)                                                        \
    {                                                                                        \
        if (r_check_no_kwargs("expected", kw) < 0 || r_check_nargs("expected", nargs, 1, 1) < 0) \
            return NULL;                                                                     \
        return ((RObject * (*)(RObject *, RObject *, r_cmpop)) slot)(self, args[0], op);    \
    }
RICH_WRAPPER(wrap_lt, R_LT)
RICH_WRAPPER(wrap_le, R_LE)
RICH_WRAPPER(wrap_eq, R_EQ)
RICH_WRAPPER(wrap_ne, R_NE)
RICH_WRAPPER(wrap_gt, R_GT)
RICH_WRAPPER(wrap_ge, R_GE)

static int add_wrapper(RType *t, const char *name, r_wrapperfunc w, void *slot)
{
    RObject *key = r_str_intern(name);
    if (!key)
        return -1;
    if (r_dict_get_item(t->dict, key))
        return 0; /* an explicit method wins */
    RObject *d = r_wrapper_descr_new(t, name, w, slot);
    if (!d)
        return -1;
    int rc = r_dict_set_item(t->dict, key, d);
    R_DECREF(d);
    return rc;
}

/* Wrappers only for the slots the type defines itself, as CPython. */
static int add_slot_wrappers(RType *t)
{
    RType *b = t->base;
#define OWN(field) (t->field && (!b || t->field != b->field))
    int rc = 0;
    if (OWN(tp_init)) rc |= add_wrapper(t, "__init__", wrap_init, (void *)t->tp_init);
    if (OWN(repr)) rc |= add_wrapper(t, "__repr__", wrap_unary, (void *)t->repr);
    if (OWN(str)) rc |= add_wrapper(t, "__str__", wrap_unary, (void *)t->str);
    if (OWN(hash)) rc |= add_wrapper(t, "__hash__", wrap_hash, (void *)t->hash);
    if (OWN(call)) rc |= add_wrapper(t, "__call__", wrap_call, (void *)t->call);
    if (OWN(iter)) rc |= add_wrapper(t, "__iter__", wrap_unary, (void *)t->iter);
    if (OWN(iternext)) rc |= add_wrapper(t, "__next__", wrap_next, (void *)t->iternext);
    if (OWN(len)) rc |= add_wrapper(t, "__len__", wrap_len, (void *)t->len);
    if (OWN(getitem)) rc |= add_wrapper(t, "__getitem__", wrap_binary, (void *)t->getitem);
    if (OWN(getattro)) rc |= add_wrapper(t, "__getattribute__", wrap_binary, (void *)t->getattro);
    if (OWN(setattro)) rc |= add_wrapper(t, "__setattr__", wrap_setattr, (void *)t->setattro);
    if (OWN(am_await)) rc |= add_wrapper(t, "__await__", wrap_unary, (void *)t->am_await);
    if (OWN(richcompare)) {
        void *s = (void *)t->richcompare;
        rc |= add_wrapper(t, "__lt__", wrap_lt, s);
        rc |= add_wrapper(t, "__le__", wrap_le, s);
        rc |= add_wrapper(t, "__eq__", wrap_eq, s);
        rc |= add_wrapper(t, "__ne__", wrap_ne, s);
        rc |= add_wrapper(t, "__gt__", wrap_gt, s);
        rc |= add_wrapper(t, "__ge__", wrap_ge, s);
    }
#undef OWN
    return rc ? -1 : 0;
}

static int add_methods_and_getsets(RType *t)
{
    for (const r_method_def *m = t->methods; m && m->name; m++) {
        RObject *d = r_method_descr_new(t, m);
        if (!d || r_dict_set_item_cstr(t->dict, m->name, d) < 0) {
            R_XDECREF(d);
            return -1;
        }
        R_DECREF(d);
    }
    for (const r_getset_def *g = t->getsets; g && g->name; g++) {
        RObject *d = r_getset_descr_new(t, g);
        if (!d || r_dict_set_item_cstr(t->dict, g->name, d) < 0) {
            R_XDECREF(d);
            return -1;
        }
        R_DECREF(d);
    }
    return 0;
}

static int make_mro(RType *t)
{
    ssize_t n = 0;
    for (RType *x = t; x; x = x->base)
        n++;
    RObject *mro = r_tuple_new(n);
    if (!mro)
        return -1;
    ssize_t i = 0;
    for (RType *x = t; x; x = x->base)
        R_TUPLE_ITEMS(mro)[i++] = r_incref((RObject *)x);
    R_SETREF(t->mro, mro);
    return 0;
}

int r_type_ready(RType *t)
{
    if (t->ready)
        return 0;
    if (!t->ob.type)
        t->ob.type = &r_type_type;
    if (t != &r_object_type && !t->base)
        t->base = &r_object_type;
    if (t->base && !t->base->ready && r_type_ready(t->base) < 0)
        return -1;
    t->ready = true; /* before filling the dict: descriptors refer to t */
    if (t->base)
        inherit_slots(t, t->base);
    if (!t->dict && !(t->dict = r_dict_new()))
        return -1;
    if (add_methods_and_getsets(t) < 0 || add_slot_wrappers(t) < 0 || make_mro(t) < 0)
        return -1;
    return 0;
}

/* ---- the instance dict and generic attribute access ---- */

/* The first non-heap base: it owns the rest of the object. */
static RType *static_base(RType *t)
{
    while (t->flags & R_TPFLAGS_HEAPTYPE)
        t = t->base;
    return t;
}

RObject **r_instance_dict_slot(RObject *o)
{
    size_t off = R_TYPE(o)->dictoffset;
    if (off == R_DICT_AFTER_ITEMS) {
        /* after the base's items, aligned: r_type_new left room for it */
        RType *base = static_base(R_TYPE(o));
        off = base->basicsize + base->var_size(o);
        off = (off + sizeof(RObject *) - 1) / sizeof(RObject *) * sizeof(RObject *);
    }
    return off ? (RObject **)((char *)o + off) : NULL;
}

RObject *r_instance_dict(RObject *o)
{
    RObject **slot = r_instance_dict_slot(o);
    if (!slot)
        return NULL;
    if (!*slot)
        *slot = r_dict_new();
    return *slot;
}

RObject *r_generic_getattr(RObject *o, RObject *name)
{
    RType *type = R_TYPE(o);
    if (!R_STR_CHECK(name))
        return r_err_format(r_exc_TypeError, "attribute name must be string, not '%s'",
                            R_TYPE(name)->name);
    RObject *descr = r_type_lookup(type, name);
    if (!descr && r_err_occurred())
        return NULL;
    RObject *(*get)(RObject *, RObject *, RObject *) = NULL;
    if (descr) {
        R_INCREF(descr);
        get = R_TYPE(descr)->descr_get;
        if (get && R_TYPE(descr)->descr_set) {
            RObject *res = get(descr, o, (RObject *)type);
            R_DECREF(descr);
            return res;
        }
    }
    if (type->dictoffset) {
        RObject *dict = *r_instance_dict_slot(o);
        if (dict) {
            RObject *v = r_dict_get_item(dict, name);
            if (v) {
                R_XDECREF(descr);
                return r_incref(v);
            }
            if (r_err_occurred()) {
                R_XDECREF(descr);
                return NULL;
            }
        }
    }
    if (get) {
        RObject *res = get(descr, o, (RObject *)type);
        R_DECREF(descr);
        return res;
    }
    if (descr)
        return descr;
    r_err_format(r_exc_AttributeError, "'%s' object has no attribute '%U'", short_name(type),
                 name);
    r_err_set_name_obj(name, o);
    return NULL;
}

int r_generic_setattr(RObject *o, RObject *name, RObject *value)
{
    RType *type = R_TYPE(o);
    if (!R_STR_CHECK(name)) {
        r_err_format(r_exc_TypeError, "attribute name must be string, not '%s'",
                     R_TYPE(name)->name);
        return -1;
    }
    RObject *descr = r_type_lookup(type, name);
    if (descr && R_TYPE(descr)->descr_set)
        return R_TYPE(descr)->descr_set(descr, o, value);
    RObject *dict = r_instance_dict(o);
    if (!dict) {
        if (r_err_occurred())
            return -1;
        if (descr)
            r_err_format(r_exc_AttributeError, "'%s' object attribute '%U' is read-only",
                         short_name(type), name);
        else
            r_err_format(r_exc_AttributeError, "'%s' object has no attribute '%U'",
                         short_name(type), name);
        return -1;
    }
    if (value)
        return r_dict_set_item(dict, name, value);
    if (r_dict_del_item(dict, name) < 0) {
        if (r_err_matches(r_exc_KeyError)) {
            r_err_clear();
            r_err_format(r_exc_AttributeError, "'%s' object has no attribute '%U'",
                         short_name(type), name);
        }
        return -1;
    }
    return 0;
}

/* ---- object ---- */

static RObject *object_new(RType *type, RObject *const *args, size_t nargs, RObject *kw);
static int object_init(RObject *self, RObject *const *args, size_t nargs, RObject *kw);

static bool has_args(size_t nargs, RObject *kw)
{
    return nargs > 0 || (kw && R_TUPLE_SIZE(kw) > 0);
}

static RObject *object_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (has_args(nargs, kw)) {
        if (type->tp_new != object_new)
            return r_err_format(r_exc_TypeError,
                                "object.__new__() takes exactly one argument (the type to "
                                "instantiate)");
        if (type->tp_init == object_init)
            return r_err_format(r_exc_TypeError, "%s() takes no arguments", short_name(type));
    }
    return r_alloc(type);
}

static int object_init(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    RType *type = R_TYPE(self);
    if (has_args(nargs, kw)) {
        if (type->tp_init != object_init) {
            r_err_set_string(r_exc_TypeError,
                             "object.__init__() takes exactly one argument (the instance to "
                             "initialize)");
            return -1;
        }
        if (type->tp_new == object_new) {
            r_err_format(r_exc_TypeError, "%s() takes no arguments", short_name(type));
            return -1;
        }
    }
    return 0;
}

static void object_dealloc(RObject *o)
{
    r_free(o);
}

static RObject *object_repr(RObject *o)
{
    RType *t = R_TYPE(o);
    if (t->module && !r_str_equal_cstr(t->module, "builtins"))
        return r_str_from_format("<%U.%U object at %p>", t->module, t->qualname, (void *)o);
    return r_str_from_format("<%s object at %p>", t->name, (void *)o);
}

static int64_t object_hash(RObject *o)
{
    return r_hash_pointer(o);
}

static RObject *object_richcompare(RObject *a, RObject *b, r_cmpop op)
{
    if (op == R_EQ)
        return a == b ? r_bool_from_long(1) : r_incref(R_NOTIMPLEMENTED);
    if (op == R_NE) {
        /* defer to __eq__ and invert, as CPython's object_richcompare; a
         * type with a hash of its own and no comparison (NoneType) compares
         * as object does */
        if (!R_TYPE(a)->richcompare || R_TYPE(a)->richcompare == object_richcompare)
            return a == b ? r_bool_from_long(0) : r_incref(R_NOTIMPLEMENTED);
        RObject *eq = R_TYPE(a)->richcompare(a, b, R_EQ);
        if (!eq || eq == R_NOTIMPLEMENTED)
            return eq;
        int t = r_is_true(eq);
        R_DECREF(eq);
        return t < 0 ? NULL : r_bool_from_long(!t);
    }
    return r_incref(R_NOTIMPLEMENTED);
}

static RObject *object_get_class(RObject *o)
{
    return r_incref((RObject *)R_TYPE(o));
}

static RObject *object_get_dict(RObject *o)
{
    RObject *d = r_instance_dict(o);
    if (!d) {
        if (!r_err_occurred())
            r_err_format(r_exc_AttributeError, "'%s' object has no attribute '__dict__'",
                         short_name(R_TYPE(o)));
        return NULL;
    }
    return r_incref(d);
}

static const r_getset_def object_getsets[] = {
    {"__class__", object_get_class, NULL},
    {NULL, NULL, NULL},
};

static const r_getset_def instance_dict_getsets[] = {
    {"__dict__", object_get_dict, NULL},
    {NULL, NULL, NULL},
};

RType r_object_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "object",
    .basicsize = sizeof(RObject),
    .flags = R_TPFLAGS_BASETYPE,
    .dealloc = object_dealloc,
    .repr = object_repr,
    .hash = object_hash,
    .richcompare = object_richcompare,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .tp_new = object_new,
    .tp_init = object_init,
    .getsets = object_getsets,
};

/* ---- slots of heap classes: call the class's dunder ---- */

RObject *r_call_special(RObject *self, const char *name, RObject *const *args, size_t nargs,
                        bool *found)
{
    RObject *key = r_str_intern(name);
    if (!key)
        return NULL;
    RObject *f = r_type_lookup(R_TYPE(self), key);
    *found = f != NULL;
    if (!f)
        return NULL;
    RObject *bound;
    if (R_TYPE(f)->descr_get)
        bound = R_TYPE(f)->descr_get(f, self, (RObject *)R_TYPE(self));
    else
        bound = r_incref(f);
    if (!bound)
        return NULL;
    RObject *res = r_call(bound, args, nargs, NULL);
    R_DECREF(bound);
    return res;
}

static RObject *call_required(RObject *self, const char *name, RObject *const *args,
                              size_t nargs)
{
    bool found;
    RObject *res = r_call_special(self, name, args, nargs, &found);
    if (!found && !r_err_occurred())
        r_err_format(r_exc_AttributeError, "'%s' object has no attribute '%s'",
                     short_name(R_TYPE(self)), name);
    return res;
}

static RObject *slot_repr(RObject *self)
{
    return call_required(self, "__repr__", NULL, 0);
}

static RObject *slot_str(RObject *self)
{
    return call_required(self, "__str__", NULL, 0);
}

static RObject *slot_iter(RObject *self)
{
    return call_required(self, "__iter__", NULL, 0);
}

static RObject *slot_iternext(RObject *self)
{
    return call_required(self, "__next__", NULL, 0);
}

static RObject *slot_await(RObject *self)
{
    return call_required(self, "__await__", NULL, 0);
}

static RObject *slot_call(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    RObject *key = r_str_intern("__call__");
    RObject *f = r_type_lookup(R_TYPE(self), key);
    if (!f)
        return r_err_format(r_exc_TypeError, "'%s' object is not callable",
                            short_name(R_TYPE(self)));
    RObject *bound = R_TYPE(f)->descr_get ? R_TYPE(f)->descr_get(f, self, (RObject *)R_TYPE(self))
                                          : r_incref(f);
    if (!bound)
        return NULL;
    RObject *res = r_call(bound, args, nargs, kw);
    R_DECREF(bound);
    return res;
}

static int slot_init(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    RObject *key = r_str_intern("__init__");
    RObject *f = r_type_lookup(R_TYPE(self), key);
    if (!f)
        return 0;
    RObject *bound = R_TYPE(f)->descr_get ? R_TYPE(f)->descr_get(f, self, (RObject *)R_TYPE(self))
                                          : r_incref(f);
    if (!bound)
        return -1;
    RObject *res = r_call(bound, args, nargs, kw);
    R_DECREF(bound);
    if (!res)
        return -1;
    if (res != R_NONE) {
        r_err_format(r_exc_TypeError, "__init__() should return None, not '%s'",
                     R_TYPE(res)->name);
        R_DECREF(res);
        return -1;
    }
    R_DECREF(res);
    return 0;
}

static ssize_t slot_len(RObject *self)
{
    RObject *res = call_required(self, "__len__", NULL, 0);
    if (!res)
        return -1;
    extern ssize_t r_int_as_ssize(RObject *o);
    ssize_t n = r_int_as_ssize(res);
    R_DECREF(res);
    if (n < 0 && !r_err_occurred()) {
        r_err_set_string(r_exc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return n;
}

static RObject *slot_getitem(RObject *self, RObject *key)
{
    return call_required(self, "__getitem__", &key, 1);
}

static int slot_bool(RObject *self)
{
    RObject *res = call_required(self, "__bool__", NULL, 0);
    if (!res)
        return -1;
    int b = r_is_true(res);
    R_DECREF(res);
    return b;
}

static int64_t unhashable(RObject *self)
{
    r_err_format(r_exc_TypeError, "unhashable type: '%s'", short_name(R_TYPE(self)));
    return -1;
}

static int64_t slot_hash(RObject *self)
{
    RObject *res = call_required(self, "__hash__", NULL, 0);
    if (!res)
        return -1;
    extern int64_t r_int_hash_value(RObject *o);
    int64_t h = r_int_hash_value(res);
    R_DECREF(res);
    return h;
}

static const char *const rich_names[] = {"__lt__", "__le__", "__eq__",
                                         "__ne__", "__gt__", "__ge__"};

static RObject *slot_richcompare(RObject *self, RObject *other, r_cmpop op)
{
    bool found;
    RObject *res = r_call_special(self, rich_names[op], &other, 1, &found);
    if (!found && !r_err_occurred())
        return r_incref(R_NOTIMPLEMENTED);
    return res;
}

/* A dunder defined in a class body takes over the matching slot. */
static void update_slots_from_dict(RType *t)
{
    struct {
        const char *name;
        int which;
    } dunders[] = {{"__repr__", 1},  {"__str__", 2},      {"__iter__", 3}, {"__next__", 4},
                   {"__await__", 5}, {"__call__", 6},     {"__init__", 7}, {"__len__", 8},
                   {"__getitem__", 9}, {"__bool__", 10},  {"__hash__", 11}, {"__eq__", 12},
                   {"__lt__", 12},   {"__le__", 12},      {"__gt__", 12},  {"__ge__", 12},
                   {"__ne__", 12}};
    bool defines_eq = false, defines_hash = false;
    for (size_t i = 0; i < sizeof dunders / sizeof dunders[0]; i++) {
        RObject *v = r_dict_get_item_cstr(t->dict, dunders[i].name);
        if (!v)
            continue;
        switch (dunders[i].which) {
        case 1: t->repr = slot_repr; break;
        case 2: t->str = slot_str; break;
        case 3: t->iter = slot_iter; break;
        case 4: t->iternext = slot_iternext; break;
        case 5: t->am_await = slot_await; break;
        case 6: t->call = slot_call; break;
        case 7: t->tp_init = slot_init; break;
        case 8: t->len = slot_len; break;
        case 9: t->getitem = slot_getitem; break;
        case 10: t->nb_bool = slot_bool; break;
        case 11:
            defines_hash = true;
            t->hash = v == R_NONE ? unhashable : slot_hash;
            break;
        case 12:
            t->richcompare = slot_richcompare;
            if (strcmp(dunders[i].name, "__eq__") == 0)
                defines_eq = true;
            break;
        }
    }
    /* defining __eq__ without __hash__ makes instances unhashable */
    if (defines_eq && !defines_hash)
        t->hash = unhashable;
}

/* The __dict__ slot a heap class added, or NULL when its base keeps one. */
static RObject **added_dict_slot(RObject *o, RType *base)
{
    RType *t = R_TYPE(o);
    if (t->dictoffset && (!base->dictoffset || base->dictoffset != t->dictoffset))
        return r_instance_dict_slot(o);
    return NULL;
}

static void heap_instance_dealloc(RObject *o)
{
    RType *base = static_base(R_TYPE(o));
    RObject **slot = added_dict_slot(o, base);
    if (slot)
        R_CLEAR(*slot);
    base->dealloc(o);
}

/* CPython's subtype_traverse: the class (an instance holds it), the
 * __dict__ the class added, then what the base holds. */
static int heap_instance_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RType *base = static_base(R_TYPE(o));
    int rc = visit((RObject *)R_TYPE(o), arg);
    RObject **slot = added_dict_slot(o, base);
    if (!rc && slot && *slot)
        rc = visit(*slot, arg);
    if (!rc && base->traverse)
        rc = base->traverse(o, visit, arg);
    return rc;
}

/* subtype_clear: the added __dict__ (a cycle as in self.me = self goes
 * through it), then the base's clear. */
static void heap_instance_clear(RObject *o)
{
    RType *base = static_base(R_TYPE(o));
    RObject **slot = added_dict_slot(o, base);
    if (slot)
        R_CLEAR(*slot);
    if (base->clear)
        base->clear(o);
}

RType *r_type_new_simple(const char *name, RType *base, const char *module)
{
    RObject *n = r_str_from_cstr(name);
    RObject *bases = r_tuple_pack(1, (RObject *)base);
    RObject *ns = r_dict_new();
    RObject *cls = NULL;
    if (n && bases && ns && r_dict_set_item_cstr(ns, "__module__", r_str_intern(module)) == 0 &&
        r_dict_set_item_cstr(ns, "__qualname__", n) == 0)
        cls = r_type_new(n, bases, ns);
    R_XDECREF(n);
    R_XDECREF(bases);
    R_XDECREF(ns);
    return (RType *)cls;
}

RObject *r_type_new(RObject *name, RObject *bases, RObject *dict)
{
    RType *base = &r_object_type;
    if (R_TUPLE_SIZE(bases) > 1)
        return r_err_format(r_exc_TypeError, "multiple bases are outside the case language");
    /* refpy never calls a class's finaliser: refusing the class beats a
     * program that runs and quietly differs from CPython */
    if (r_dict_get_item_cstr(dict, "__del__"))
        return r_err_format(r_exc_TypeError, "__del__ is outside the case language (refpy "
                                             "never calls it)");
    if (R_TUPLE_SIZE(bases) == 1) {
        RObject *b = R_TUPLE_GET(bases, 0);
        if (!r_typecheck(b, &r_type_type))
            return r_err_format(r_exc_TypeError, "bases must be types");
        base = (RType *)b;
        if (!(base->flags & R_TPFLAGS_BASETYPE))
            return r_err_format(r_exc_TypeError, "type '%s' is not an acceptable base type",
                                base->name);
    }
    RType *t = (RType *)r_alloc(&r_type_type);
    if (!t)
        return NULL;
    t->name = strdup(r_str_utf8(name));
    t->base = (RType *)r_incref((RObject *)base);
    /* every heap class's instances are tracked: they hold their class,
     * which holds its methods, whose globals may hold the instances */
    t->flags = R_TPFLAGS_HEAPTYPE | R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC;
    t->basicsize = base->basicsize;
    if (!base->dictoffset && base->var_size) {
        /* the slot follows the items: room for it and its alignment */
        t->dictoffset = R_DICT_AFTER_ITEMS;
        t->basicsize += 2 * sizeof(RObject *) - 1;
    } else if (!base->dictoffset) {
        t->dictoffset = t->basicsize;
        t->basicsize += sizeof(RObject *);
    }
    t->dict = r_dict_copy(dict);
    if (!t->name || !t->dict) {
        R_DECREF(t);
        return r_err_no_memory();
    }
    RObject *qualname = r_dict_get_item_cstr(t->dict, "__qualname__");
    t->qualname = r_incref(qualname ? qualname : name);
    if (qualname)
        r_dict_del_item(t->dict, r_str_intern("__qualname__"));
    RObject *module = r_dict_get_item_cstr(t->dict, "__module__");
    t->module = module ? r_incref(module) : NULL;
    /* type_new_set_doc: a class without a docstring has __doc__ None */
    if (!r_dict_get_item_cstr(t->dict, "__doc__") &&
        r_dict_set_item_cstr(t->dict, "__doc__", R_NONE) < 0) {
        R_DECREF(t);
        return NULL;
    }
    update_slots_from_dict(t);
    t->dealloc = heap_instance_dealloc;
    t->traverse = heap_instance_traverse;
    t->clear = heap_instance_clear;
    if (!t->getsets && t->dictoffset != base->dictoffset)
        t->getsets = instance_dict_getsets;
    t->ready = false;
    /* r_type_ready fills the inherited slots; heap types skip the wrappers
     * (their dunders are real functions in the dict) */
    RType *saved_base = t->base;
    t->ready = true;
    inherit_slots(t, saved_base);
    if (t->getsets && add_methods_and_getsets(t) < 0) {
        R_DECREF(t);
        return NULL;
    }
    if (make_mro(t) < 0) {
        R_DECREF(t);
        return NULL;
    }
    return (RObject *)t;
}

/* ---- type ---- */

static RObject *type_repr(RObject *o)
{
    RType *t = (RType *)o;
    if (t->module && !r_str_equal_cstr(t->module, "builtins"))
        return r_str_from_format("<class '%U.%U'>", t->module, t->qualname);
    return r_str_from_format("<class '%s'>", t->name);
}

static RObject *type_call(RObject *callable, RObject *const *args, size_t nargs, RObject *kw)
{
    RType *t = (RType *)callable;
    bool nokw = !kw || R_TUPLE_SIZE(kw) == 0;
    if (t == &r_type_type && nargs == 1 && nokw)
        return r_incref((RObject *)R_TYPE(args[0]));
    if (t == &r_type_type && nargs == 3 && nokw) {
        RType *want[] = {&r_str_type, &r_tuple_type, &r_dict_type};
        for (int i = 0; i < 3; i++)
            if (!r_typecheck(args[i], want[i]))
                return r_err_format(r_exc_TypeError,
                                    "type.__new__() argument %d must be %s, not %s", i + 1,
                                    want[i]->name, R_TYPE(args[i])->name);
        return r_type_new(args[0], args[1], args[2]);
    }
    if (t == &r_type_type)
        return r_err_format(r_exc_TypeError, "type() takes 1 or 3 arguments");
    if (!t->tp_new)
        return r_err_format(r_exc_TypeError, "cannot create '%s' instances", t->name);
    RObject *obj = t->tp_new(t, args, nargs, kw);
    if (!obj)
        return NULL;
    if (r_typecheck(obj, t) && R_TYPE(obj)->tp_init &&
        R_TYPE(obj)->tp_init(obj, args, nargs, kw) < 0) {
        R_DECREF(obj);
        return NULL;
    }
    return obj;
}

static RObject *type_getattro(RObject *o, RObject *name)
{
    RType *t = (RType *)o;
    RType *meta = R_TYPE(o);
    RObject *meta_attr = r_type_lookup(meta, name);
    if (meta_attr && R_TYPE(meta_attr)->descr_get && R_TYPE(meta_attr)->descr_set)
        return R_TYPE(meta_attr)->descr_get(meta_attr, o, (RObject *)meta);
    RObject *attr = r_type_lookup(t, name);
    if (attr) {
        if (R_TYPE(attr)->descr_get)
            return R_TYPE(attr)->descr_get(attr, NULL, o);
        return r_incref(attr);
    }
    if (r_err_occurred())
        return NULL;
    if (meta_attr) {
        if (R_TYPE(meta_attr)->descr_get)
            return R_TYPE(meta_attr)->descr_get(meta_attr, o, (RObject *)meta);
        return r_incref(meta_attr);
    }
    r_err_format(r_exc_AttributeError, "type object '%s' has no attribute '%U'", t->name, name);
    r_err_set_name_obj(name, o);
    return NULL;
}

static int type_setattro(RObject *o, RObject *name, RObject *value)
{
    RType *t = (RType *)o;
    if (!(t->flags & R_TPFLAGS_HEAPTYPE)) {
        r_err_format(r_exc_TypeError, "cannot set '%U' attribute of immutable type '%s'", name,
                     t->name);
        return -1;
    }
    int rc = value ? r_dict_set_item(t->dict, name, value) : r_dict_del_item(t->dict, name);
    if (rc == 0)
        update_slots_from_dict(t);
    return rc;
}

static void type_dealloc(RObject *o)
{
    RType *t = (RType *)o;
    /* only heap types are ever freed */
    R_XDECREF(t->dict);
    R_XDECREF(t->mro);
    R_XDECREF(t->qualname);
    R_XDECREF(t->module);
    R_XDECREF(t->base);
    free((char *)t->name);
    r_free(o);
}

/* Only heap types are tracked (static ones have no GC header). */
static int type_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RType *t = (RType *)o;
    RObject *refs[] = {t->dict, t->mro, (RObject *)t->base, t->qualname, t->module};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        int rc = refs[i] ? visit(refs[i], arg) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

/* CPython's type_clear: empties the dict (methods -> globals -> class is
 * the usual cycle) and drops the mro, which holds the class itself; the
 * dict stays, so lookups on a class caught in a cycle still work. */
static void type_clear(RObject *o)
{
    RType *t = (RType *)o;
    if (t->dict)
        R_TYPE(t->dict)->clear(t->dict);
    R_CLEAR(t->mro);
}

static RObject *type_get_name(RObject *o)
{
    RType *t = (RType *)o;
    if (t->flags & R_TPFLAGS_HEAPTYPE)
        return r_str_from_cstr(t->name);
    const char *dot = strrchr(t->name, '.');
    return r_str_from_cstr(dot ? dot + 1 : t->name);
}

static RObject *type_get_qualname(RObject *o)
{
    RType *t = (RType *)o;
    if (t->qualname)
        return r_incref(t->qualname);
    return type_get_name(o);
}

static RObject *type_get_module(RObject *o)
{
    RType *t = (RType *)o;
    if (t->module)
        return r_incref(t->module);
    const char *dot = strrchr(t->name, '.');
    if (dot)
        return r_str_from_utf8(t->name, (size_t)(dot - t->name));
    return r_str_from_cstr("builtins");
}

static RObject *type_get_mro(RObject *o)
{
    RObject *mro = ((RType *)o)->mro; /* NULL once cleared by the collector */
    return r_incref(mro ? mro : R_NONE);
}

static RObject *type_get_base(RObject *o)
{
    RType *t = (RType *)o;
    return r_incref(t->base ? (RObject *)t->base : R_NONE);
}

static RObject *type_get_bases(RObject *o)
{
    RType *t = (RType *)o;
    return t->base ? r_tuple_pack(1, (RObject *)t->base) : r_tuple_empty();
}

static RObject *type_get_dict(RObject *o)
{
    return r_dict_copy(((RType *)o)->dict);
}

static const r_getset_def type_getsets[] = {
    {"__name__", type_get_name, NULL},
    {"__qualname__", type_get_qualname, NULL},
    {"__module__", type_get_module, NULL},
    {"__mro__", type_get_mro, NULL},
    {"__base__", type_get_base, NULL},
    {"__bases__", type_get_bases, NULL},
    {"__dict__", type_get_dict, NULL},
    {NULL, NULL, NULL},
};

static RObject *type_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)type;
    return type_call((RObject *)&r_type_type, args, nargs, kw);
}

RType r_type_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "type",
    .basicsize = sizeof(RType),
    .flags = R_TPFLAGS_TYPE_SUBCLASS | R_TPFLAGS_HAVE_GC,
    .dealloc = type_dealloc,
    .traverse = type_traverse,
    .clear = type_clear,
    .repr = type_repr,
    .hash = object_hash,
    .richcompare = object_richcompare,
    .getattro = type_getattro,
    .setattro = type_setattro,
    .call = type_call,
    .tp_new = type_tp_new,
    .getsets = type_getsets,
};

/* ---- super ---- */

typedef struct {
    RObject ob;
    RType *type;    /* the class whose method is running */
    RObject *obj;   /* the instance (or class) */
    RType *obj_type;
} RSuper;

static void super_dealloc(RObject *o)
{
    RSuper *s = (RSuper *)o;
    R_XDECREF(s->type);
    R_XDECREF(s->obj);
    R_XDECREF(s->obj_type);
    r_free(o);
}

static int super_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RSuper *s = (RSuper *)o;
    RObject *refs[] = {(RObject *)s->type, s->obj, (RObject *)s->obj_type};
    for (size_t i = 0; i < 3; i++) {
        int rc = refs[i] ? visit(refs[i], arg) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

static RObject *super_getattro(RObject *o, RObject *name)
{
    RSuper *s = (RSuper *)o;
    if (s->obj_type && !r_str_equal_cstr(name, "__class__")) {
        /* start after s->type along obj_type's mro */
        RType *t = s->obj_type;
        while (t && t != s->type)
            t = t->base;
        for (t = t ? t->base : NULL; t; t = t->base) {
            RObject *v = t->dict ? r_dict_get_item(t->dict, name) : NULL;
            if (!v)
                continue;
            if (R_TYPE(v)->descr_get)
                return R_TYPE(v)->descr_get(v, s->obj == (RObject *)s->obj_type ? NULL : s->obj,
                                            (RObject *)s->obj_type);
            return r_incref(v);
        }
    }
    return r_generic_getattr(o, name);
}

static RObject *super_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("super", kw) < 0)
        return NULL;
    if (nargs != 2)
        return r_err_format(r_exc_RuntimeError, "super(): no arguments");
    if (!r_typecheck(args[0], &r_type_type))
        return r_err_format(r_exc_TypeError, "super() argument 1 must be type, not %s",
                            R_TYPE(args[0])->name);
    RType *cls = (RType *)args[0];
    RObject *obj = args[1];
    RType *obj_type;
    if (r_typecheck(obj, &r_type_type) && r_type_is_subtype((RType *)obj, cls))
        obj_type = (RType *)obj;
    else if (r_type_is_subtype(R_TYPE(obj), cls))
        obj_type = R_TYPE(obj);
    else
        return r_err_format(r_exc_TypeError,
                            "super(type, obj): obj must be an instance or subtype of type");
    RSuper *s = (RSuper *)r_alloc(type);
    if (!s)
        return NULL;
    s->type = (RType *)r_incref((RObject *)cls);
    s->obj = r_incref(obj);
    s->obj_type = (RType *)r_incref((RObject *)obj_type);
    return (RObject *)s;
}

static RObject *super_repr(RObject *o)
{
    RSuper *s = (RSuper *)o;
    return r_str_from_format("<super: <class '%s'>, <%s object>>", s->type->name,
                             s->obj_type->name);
}

RType r_super_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "super",
    .basicsize = sizeof(RSuper),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = super_dealloc,
    .traverse = super_traverse,
    .repr = super_repr,
    .getattro = super_getattro,
    .tp_new = super_new,
};
