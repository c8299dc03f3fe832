#include "descrobject.h"

#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "exceptions.h"
#include "strobject.h"
#include "tupleobject.h"

int r_check_no_kwargs(const char *fname, RObject *kwnames)
{
    if (kwnames && R_TUPLE_SIZE(kwnames) > 0) {
        r_err_format(r_exc_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    return 0;
}

int r_check_nargs(const char *fname, size_t nargs, size_t min, size_t max)
{
    if (nargs >= min && nargs <= max)
        return 0;
    if (min == max && min == 0)
        r_err_format(r_exc_TypeError, "%s() takes no arguments (%zu given)", fname, nargs);
    else if (min == max && min == 1)
        r_err_format(r_exc_TypeError, "%s() takes exactly one argument (%zu given)", fname,
                     nargs);
    else if (nargs < min)
        r_err_format(r_exc_TypeError, "%s expected %s%zu argument%s, got %zu", fname,
                     min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
    else
        r_err_format(r_exc_TypeError, "%s expected %s%zu argument%s, got %zu", fname,
                     min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
    return -1;
}

int r_parse_keywords(const char *fname, RObject *kwnames, RObject *const *values,
                     const char *const *names, RObject **out)
{
    size_t nkw = kwnames ? (size_t)R_TUPLE_SIZE(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        RObject *key = R_TUPLE_GET(kwnames, k);
        bool known = false;
        for (int i = 0; names[i]; i++)
            if (r_str_equal_cstr(key, names[i])) {
                out[i] = values[k];
                known = true;
            }
        if (!known) {
            r_err_format(r_exc_TypeError, "%s() got an unexpected keyword argument '%U'", fname,
                         key);
            return -1;
        }
    }
    return 0;
}

/* builtin_function_or_method */

RObject *r_cfunction_new(const r_method_def *def, RObject *self, RObject *module)
{
    RCFunction *f = (RCFunction *)r_alloc(&r_cfunction_type);
    if (!f)
        return NULL;
    f->def = def;
    f->self = self ? r_incref(self) : NULL;
    f->module = module ? r_incref(module) : NULL;
    return (RObject *)f;
}

static void cfunction_dealloc(RObject *o)
{
    RCFunction *f = (RCFunction *)o;
    R_XDECREF(f->self);
    R_XDECREF(f->module);
    r_free(o);
}

static int cfunction_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RCFunction *f = (RCFunction *)o;
    int rc = f->self ? visit(f->self, arg) : 0;
    return rc || !f->module ? rc : visit(f->module, arg);
}

static RObject *cfunction_call(RObject *o, RObject *const *args, size_t nargs, RObject *kwnames)
{
    RCFunction *f = (RCFunction *)o;
    return f->def->fn(f->self, args, nargs, kwnames);
}

static RObject *cfunction_repr(RObject *o)
{
    RCFunction *f = (RCFunction *)o;
    if (!f->self || R_TYPE(f->self)->name == NULL || f->module)
        return r_str_from_format("<built-in function %s>", f->def->name);
    return r_str_from_format("<built-in method %s of %s object at %p>", f->def->name,
                             R_TYPE(f->self)->name, (void *)f->self);
}

static RObject *cfunction_get_name(RObject *o)
{
    return r_str_from_cstr(((RCFunction *)o)->def->name);
}

static const r_getset_def cfunction_getsets[] = {
    {"__name__", cfunction_get_name, NULL},
    {"__qualname__", cfunction_get_name, NULL},
    {NULL, NULL, NULL},
};

RType r_cfunction_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "builtin_function_or_method",
    .basicsize = sizeof(RCFunction),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = cfunction_dealloc,
    .traverse = cfunction_traverse,
    .repr = cfunction_repr,
    .call = cfunction_call,
    .getsets = cfunction_getsets,
};

/* method_descriptor: a C method in a built-in type's dict */

typedef struct {
    RObject ob;
    RType *owner; /* held: a heap class's descriptors live in its dict */
    const r_method_def *def;
    const r_getset_def *getset;
    const char *name;
    r_wrapperfunc wrapper;
    void *slot;
} RDescr;

static RObject *descr_new(RType *type, RType *owner, const char *name)
{
    RDescr *d = (RDescr *)r_alloc(type);
    if (!d)
        return NULL;
    d->owner = (RType *)r_incref((RObject *)owner);
    d->name = name;
    return (RObject *)d;
}

RObject *r_method_descr_new(RType *owner, const r_method_def *def)
{
    RType *t = def->flags & R_METH_CLASS ? &r_classmethod_descr_type : &r_method_descr_type;
    RDescr *d = (RDescr *)descr_new(t, owner, def->name);
    if (d)
        d->def = def;
    return (RObject *)d;
}

RObject *r_getset_descr_new(RType *owner, const r_getset_def *def)
{
    RDescr *d = (RDescr *)descr_new(&r_getset_descr_type, owner, def->name);
    if (d)
        d->getset = def;
    return (RObject *)d;
}

RObject *r_wrapper_descr_new(RType *owner, const char *name, r_wrapperfunc wrapper, void *slot)
{
    RDescr *d = (RDescr *)descr_new(&r_wrapper_descr_type, owner, name);
    if (d) {
        d->wrapper = wrapper;
        d->slot = slot;
    }
    return (RObject *)d;
}

static void descr_dealloc(RObject *o)
{
    R_XDECREF(((RDescr *)o)->owner);
    r_free(o);
}

static int descr_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RType *owner = ((RDescr *)o)->owner;
    return owner ? visit((RObject *)owner, arg) : 0;
}

static int descr_check(RDescr *d, RObject *obj)
{
    if (r_typecheck(obj, d->owner))
        return 0;
    r_err_format(r_exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                 d->name, d->owner->name, R_TYPE(obj)->name);
    return -1;
}

static RObject *method_descr_get(RObject *descr, RObject *obj, RObject *type)
{
    (void)type;
    RDescr *d = (RDescr *)descr;
    if (!obj)
        return r_incref(descr);
    if (descr_check(d, obj) < 0)
        return NULL;
    return r_cfunction_new(d->def, obj, NULL);
}

static RObject *method_descr_call(RObject *descr, RObject *const *args, size_t nargs,
                                  RObject *kwnames)
{
    RDescr *d = (RDescr *)descr;
    if (nargs < 1)
        return r_err_format(r_exc_TypeError, "descriptor '%s' of '%s' object needs an argument",
                            d->name, d->owner->name);
    if (descr_check(d, args[0]) < 0)
        return NULL;
    return d->def->fn(args[0], args + 1, nargs - 1, kwnames);
}

static RObject *descr_repr(RObject *o)
{
    RDescr *d = (RDescr *)o;
    const char *kind = R_TYPE(o) == &r_getset_descr_type ? "attribute"
                       : R_TYPE(o) == &r_wrapper_descr_type ? "slot wrapper"
                                                            : "method";
    return r_str_from_format("<%s '%s' of '%s' objects>", kind, d->name, d->owner->name);
}

RType r_method_descr_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "method_descriptor",
    .basicsize = sizeof(RDescr),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = descr_dealloc,
    .traverse = descr_traverse,
    .repr = descr_repr,
    .call = method_descr_call,
    .descr_get = method_descr_get,
};

static RObject *classmethod_descr_get(RObject *descr, RObject *obj, RObject *type)
{
    RDescr *d = (RDescr *)descr;
    if (!type)
        type = (RObject *)R_TYPE(obj);
    return r_cfunction_new(d->def, type, NULL);
}

RType r_classmethod_descr_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "classmethod_descriptor",
    .basicsize = sizeof(RDescr),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = descr_dealloc,
    .traverse = descr_traverse,
    .repr = descr_repr,
    .descr_get = classmethod_descr_get,
};

static RObject *getset_get(RObject *descr, RObject *obj, RObject *type)
{
    (void)type;
    RDescr *d = (RDescr *)descr;
    if (!obj)
        return r_incref(descr);
    if (descr_check(d, obj) < 0)
        return NULL;
    return d->getset->get(obj);
}

static int getset_set(RObject *descr, RObject *obj, RObject *value)
{
    RDescr *d = (RDescr *)descr;
    if (descr_check(d, obj) < 0)
        return -1;
    if (!d->getset->set) {
        r_err_format(r_exc_AttributeError, "attribute '%s' of '%s' objects is not writable",
                     d->name, d->owner->name);
        return -1;
    }
    return d->getset->set(obj, value);
}

RType r_getset_descr_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "getset_descriptor",
    .basicsize = sizeof(RDescr),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = descr_dealloc,
    .traverse = descr_traverse,
    .repr = descr_repr,
    .descr_get = getset_get,
    .descr_set = getset_set,
};

/* wrapper_descriptor and its bound form, method-wrapper */

typedef struct {
    RObject ob;
    RDescr *descr;
    RObject *self;
} RMethodWrapper;

static void method_wrapper_dealloc(RObject *o)
{
    RMethodWrapper *w = (RMethodWrapper *)o;
    R_XDECREF(w->descr);
    R_XDECREF(w->self);
    r_free(o);
}

static int method_wrapper_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RMethodWrapper *w = (RMethodWrapper *)o;
    int rc = w->descr ? visit((RObject *)w->descr, arg) : 0;
    return rc || !w->self ? rc : visit(w->self, arg);
}

static RObject *method_wrapper_call(RObject *o, RObject *const *args, size_t nargs,
                                    RObject *kwnames)
{
    RMethodWrapper *w = (RMethodWrapper *)o;
    return w->descr->wrapper(w->self, args, nargs, kwnames, w->descr->slot);
}

static RObject *method_wrapper_repr(RObject *o)
{
    RMethodWrapper *w = (RMethodWrapper *)o;
    return r_str_from_format("<method-wrapper '%s' of %s object at %p>", w->descr->name,
                             R_TYPE(w->self)->name, (void *)w->self);
}

static RType method_wrapper_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "method-wrapper",
    .basicsize = sizeof(RMethodWrapper),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = method_wrapper_dealloc,
    .traverse = method_wrapper_traverse,
    .repr = method_wrapper_repr,
    .call = method_wrapper_call,
};

static RObject *wrapper_descr_get(RObject *descr, RObject *obj, RObject *type)
{
    (void)type;
    if (!obj)
        return r_incref(descr);
    if (descr_check((RDescr *)descr, obj) < 0)
        return NULL;
    RMethodWrapper *w = (RMethodWrapper *)r_alloc(&method_wrapper_type);
    if (!w)
        return NULL;
    w->descr = (RDescr *)r_incref(descr);
    w->self = r_incref(obj);
    return (RObject *)w;
}

static RObject *wrapper_descr_call(RObject *descr, RObject *const *args, size_t nargs,
                                   RObject *kwnames)
{
    RDescr *d = (RDescr *)descr;
    if (nargs < 1)
        return r_err_format(r_exc_TypeError, "descriptor '%s' of '%s' object needs an argument",
                            d->name, d->owner->name);
    if (descr_check(d, args[0]) < 0)
        return NULL;
    return d->wrapper(args[0], args + 1, nargs - 1, kwnames, d->slot);
}

RType r_wrapper_descr_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "wrapper_descriptor",
    .basicsize = sizeof(RDescr),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = descr_dealloc,
    .traverse = descr_traverse,
    .repr = descr_repr,
    .call = wrapper_descr_call,
    .descr_get = wrapper_descr_get,
};
