/* functools: partial (CPython's C partial object) and wraps
 * (update_wrapper's copying of the wrapped function's names). */
#include "functoolsmodule.h"

#include <stdlib.h>
#include <string.h>

#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "moduleobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

typedef struct {
    RObject ob;
    RObject *func;
    RObject *args;     /* tuple */
    RObject *keywords; /* dict */
    RObject *dict;
} RPartial;

static void partial_dealloc(RObject *o)
{
    RPartial *p = (RPartial *)o;
    R_XDECREF(p->func);
    R_XDECREF(p->args);
    R_XDECREF(p->keywords);
    R_XDECREF(p->dict);
    r_free(o);
}

static int partial_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RPartial *p = (RPartial *)o;
    RObject *refs[] = {p->func, p->args, p->keywords, p->dict};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        int rc = refs[i] ? visit(refs[i], arg) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

/* The stored arguments become () and __dict__ goes; func stays and the
 * keywords dict is cleared on its own, so a partial reached while a cycle
 * is torn down can still be called and printed. */
static void partial_clear(RObject *o)
{
    RPartial *p = (RPartial *)o;
    if (p->args)
        R_SETREF(p->args, r_tuple_empty());
    R_CLEAR(p->dict);
}

static RObject *partial_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    if (nargs < 1)
        return r_err_format(r_exc_TypeError, "type 'partial' takes at least one argument");
    if (!R_TYPE(args[0])->call)
        return r_err_format(r_exc_TypeError, "the first argument must be callable");
    RPartial *p = (RPartial *)r_alloc(type);
    if (!p)
        return NULL;
    p->func = r_incref(args[0]);
    p->args = r_tuple_from_array(args + 1, (ssize_t)nargs - 1);
    p->keywords = r_dict_new();
    if (!p->args || !p->keywords) {
        R_DECREF(p);
        return NULL;
    }
    size_t nkw = kw ? (size_t)R_TUPLE_SIZE(kw) : 0;
    for (size_t k = 0; k < nkw; k++)
        if (r_dict_set_item(p->keywords, R_TUPLE_GET(kw, k), args[nargs + k]) < 0) {
            R_DECREF(p);
            return NULL;
        }
    return (RObject *)p;
}

/* the stored arguments first, then the call's; call keywords override */
static RObject *partial_call(RObject *o, RObject *const *args, size_t nargs, RObject *kw)
{
    RPartial *p = (RPartial *)o;
    size_t nstored = (size_t)R_TUPLE_SIZE(p->args);
    size_t ncallkw = kw ? (size_t)R_TUPLE_SIZE(kw) : 0;
    RObject *merged = r_dict_copy(p->keywords);
    if (!merged)
        return NULL;
    for (size_t k = 0; k < ncallkw; k++)
        if (r_dict_set_item(merged, R_TUPLE_GET(kw, k), args[nargs + k]) < 0) {
            R_DECREF(merged);
            return NULL;
        }
    size_t nkw = (size_t)r_dict_size(merged);
    RObject **all = malloc((nstored + nargs + nkw + 1) * sizeof *all);
    RObject *names = nkw ? r_tuple_new((ssize_t)nkw) : NULL;
    if (!all || (nkw && !names)) {
        free(all);
        R_XDECREF(names);
        R_DECREF(merged);
        return r_err_no_memory();
    }
    for (size_t i = 0; i < nstored; i++)
        all[i] = R_TUPLE_GET(p->args, i);
    for (size_t i = 0; i < nargs; i++)
        all[nstored + i] = args[i];
    ssize_t pos = 0, i = 0;
    RObject *k, *v;
    while (r_dict_next(merged, &pos, &k, &v)) {
        R_TUPLE_ITEMS(names)[i] = r_incref(k);
        all[nstored + nargs + (size_t)i] = v;
        i++;
    }
    RObject *res = r_call(p->func, all, nstored + nargs, names);
    free(all);
    R_XDECREF(names);
    R_DECREF(merged);
    return res;
}

static RObject *partial_repr(RObject *o)
{
    RPartial *p = (RPartial *)o;
    r_str_builder b;
    r_sb_init(&b);
    r_sb_append_cstr(&b, "functools.partial(");
    RObject *f = r_repr(p->func);
    if (!f) {
        r_sb_discard(&b);
        return NULL;
    }
    r_sb_append_str(&b, f);
    R_DECREF(f);
    for (ssize_t i = 0; i < R_TUPLE_SIZE(p->args); i++) {
        RObject *a = r_repr(R_TUPLE_GET(p->args, i));
        if (!a) {
            r_sb_discard(&b);
            return NULL;
        }
        r_sb_append_cstr(&b, ", ");
        r_sb_append_str(&b, a);
        R_DECREF(a);
    }
    ssize_t pos = 0;
    RObject *k, *v;
    while (r_dict_next(p->keywords, &pos, &k, &v)) {
        RObject *a = r_repr(v);
        if (!a) {
            r_sb_discard(&b);
            return NULL;
        }
        r_sb_append_cstr(&b, ", ");
        r_sb_append_str(&b, k);
        r_sb_append_cstr(&b, "=");
        r_sb_append_str(&b, a);
        R_DECREF(a);
    }
    r_sb_append_cstr(&b, ")");
    return r_sb_finish(&b);
}

static RObject *get_func(RObject *o)
{
    return r_incref(((RPartial *)o)->func);
}

static RObject *get_args(RObject *o)
{
    return r_incref(((RPartial *)o)->args);
}

static RObject *get_keywords(RObject *o)
{
    return r_incref(((RPartial *)o)->keywords);
}

static const r_getset_def partial_getsets[] = {
    {"func", get_func, NULL},
    {"args", get_args, NULL},
    {"keywords", get_keywords, NULL},
    {NULL, NULL, NULL},
};

RType r_partial_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "functools.partial",
    .basicsize = sizeof(RPartial),
    .dictoffset = offsetof(RPartial, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = partial_dealloc,
    .traverse = partial_traverse,
    .clear = partial_clear,
    .repr = partial_repr,
    .call = partial_call,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .getsets = partial_getsets,
    .tp_new = partial_new,
};

/* ---- wraps(wrapped)(wrapper): Lib/functools.py update_wrapper ---- */

static const char *const assigned[] = {"__module__", "__name__", "__qualname__", "__doc__",
                                       NULL};

static RObject *update_wrapper(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)kw;
    /* self is the wrapped function, held by the decorator wraps() made */
    if (nargs != 1)
        return r_err_format(r_exc_TypeError, "update_wrapper() takes one wrapper");
    RObject *wrapper = args[0];
    for (int i = 0; assigned[i]; i++) {
        RObject *v;
        int rc = r_lookup_attr(self, r_str_intern(assigned[i]), &v);
        if (rc < 0)
            return NULL;
        if (rc) {
            int set = r_setattr_cstr(wrapper, assigned[i], v);
            R_DECREF(v);
            if (set < 0)
                return NULL;
        }
    }
    RObject *src = NULL, *dst = NULL;
    if (r_lookup_attr(self, r_str_intern("__dict__"), &src) < 0)
        return NULL;
    if (src && r_lookup_attr(wrapper, r_str_intern("__dict__"), &dst) > 0 && R_DICT_CHECK(dst))
        r_dict_update(dst, src);
    R_XDECREF(src);
    R_XDECREF(dst);
    if (r_err_occurred() || r_setattr_cstr(wrapper, "__wrapped__", self) < 0)
        return NULL;
    return r_incref(wrapper);
}

static const r_method_def update_wrapper_def = {"update_wrapper", update_wrapper, 0, NULL};

static RObject *functools_wraps(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("wraps", kw) < 0 || r_check_nargs("wraps", nargs, 1, 1) < 0)
        return NULL;
    return r_cfunction_new(&update_wrapper_def, args[0], NULL);
}

static const r_method_def functools_functions[] = {
    {"wraps", functools_wraps, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RObject *r_functools_module_new(void)
{
    RObject *m = r_module_new("functools");
    if (!m || r_module_add_functions(m, functools_functions) < 0 ||
        r_module_add_object(m, "partial", (RObject *)&r_partial_type) < 0) {
        R_XDECREF(m);
        return NULL;
    }
    return m;
}
