#include "funcobject.h"

#include <stdlib.h>

#include "codeobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

RObject *(*r_function_call_hook)(RObject *func, RObject *const *args, size_t nargs,
                                 RObject *kwnames);

/* ---- function ---- */

RObject *r_function_new(RObject *code, RObject *globals, RObject *qualname)
{
    RFunction *f = (RFunction *)r_alloc(&r_function_type);
    if (!f)
        return NULL;
    RCode *co = (RCode *)code;
    f->code = r_incref(code);
    f->globals = r_incref(globals);
    f->name = r_incref(co->name);
    f->qualname = r_incref(qualname ? qualname : co->name);
    RObject *module = r_dict_get_item_cstr(globals, "__name__");
    f->module = module ? r_incref(module) : NULL;
    RObject *builtins = r_dict_get_item_cstr(globals, "__builtins__");
    f->builtins = builtins ? r_incref(builtins) : NULL;
    /* PyFunction_New: a str first constant is the docstring */
    if (R_TUPLE_SIZE(co->consts) > 0 && R_STR_CHECK(R_TUPLE_GET(co->consts, 0)))
        f->doc = r_incref(R_TUPLE_GET(co->consts, 0));
    return (RObject *)f;
}

static void function_dealloc(RObject *o)
{
    RFunction *f = (RFunction *)o;
    R_XDECREF(f->code);
    R_XDECREF(f->globals);
    R_XDECREF(f->builtins);
    R_XDECREF(f->name);
    R_XDECREF(f->qualname);
    R_XDECREF(f->module);
    R_XDECREF(f->defaults);
    R_XDECREF(f->kwdefaults);
    R_XDECREF(f->closure);
    R_XDECREF(f->dict);
    R_XDECREF(f->doc);
    r_free(o);
}

static int visit_all(RObject *const *refs, size_t n, r_visitproc visit, void *arg)
{
    for (size_t i = 0; i < n; i++) {
        int rc = refs[i] ? visit(refs[i], arg) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

static int function_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RFunction *f = (RFunction *)o;
    RObject *refs[] = {f->code,     f->globals,  f->builtins, f->name, f->qualname, f->module,
                       f->defaults, f->kwdefaults, f->closure, f->dict, f->doc};
    return visit_all(refs, sizeof refs / sizeof refs[0], visit, arg);
}

/* As CPython 3.10+'s func_clear, but the code, globals and closure stay: a
 * function reached while a cycle is torn down can still be printed and
 * called (the globals dict and the cells are cleared on their own when
 * they are garbage too). */
static void function_clear(RObject *o)
{
    RFunction *f = (RFunction *)o;
    R_CLEAR(f->module);
    R_CLEAR(f->defaults);
    R_CLEAR(f->kwdefaults);
    R_CLEAR(f->dict);
    R_CLEAR(f->doc);
}

static RObject *function_repr(RObject *o)
{
    return r_str_from_format("<function %U at %p>", ((RFunction *)o)->qualname, (void *)o);
}

static RObject *function_call(RObject *o, RObject *const *args, size_t nargs, RObject *kwnames)
{
    if (!r_function_call_hook)
        return r_err_format(r_exc_SystemError, "no VM to run %R", o);
    return r_function_call_hook(o, args, nargs, kwnames);
}

static RObject *function_descr_get(RObject *func, RObject *obj, RObject *type)
{
    (void)type;
    if (!obj)
        return r_incref(func);
    return r_method_new(func, obj);
}

#define FUNC_FIELD(getter, setter, field, required)                                \
    static RObject *getter(RObject *o)                                             \
    {                                                                              \
        RObject *v = ((RFunction *)o)->field;                                      \
        return r_incref(v ? v : R_NONE);                                           \
    }                                                                              \
    static int setter(RObject *o, RObject *v)                                      \
    {                                                                              \
        if (required && (!v || !R_STR_CHECK(v))) {                                 \
            r_err_set_string(r_exc_TypeError, #field " must be set to a string object"); \
            return -1;                                                             \
        }                                                                          \
        R_SETREF(((RFunction *)o)->field, v && v != R_NONE ? r_incref(v) : NULL);  \
        return 0;                                                                  \
    }

FUNC_FIELD(get_name, set_name, name, 1)
FUNC_FIELD(get_qualname, set_qualname, qualname, 1)
FUNC_FIELD(get_module, set_module, module, 0)
FUNC_FIELD(get_doc, set_doc, doc, 0)
FUNC_FIELD(get_defaults, set_defaults, defaults, 0)

static RObject *get_code(RObject *o)
{
    return r_incref(((RFunction *)o)->code);
}

static RObject *get_globals(RObject *o)
{
    return r_incref(((RFunction *)o)->globals);
}

static RObject *get_dict(RObject *o)
{
    RFunction *f = (RFunction *)o;
    if (!f->dict && !(f->dict = r_dict_new()))
        return NULL;
    return r_incref(f->dict);
}

static const r_getset_def function_getsets[] = {
    {"__name__", get_name, set_name},
    {"__qualname__", get_qualname, set_qualname},
    {"__module__", get_module, set_module},
    {"__doc__", get_doc, set_doc},
    {"__defaults__", get_defaults, set_defaults},
    {"__code__", get_code, NULL},
    {"__globals__", get_globals, NULL},
    {"__dict__", get_dict, NULL},
    {NULL, NULL, NULL},
};

RType r_function_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "function",
    .basicsize = sizeof(RFunction),
    .dictoffset = offsetof(RFunction, dict),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = function_dealloc,
    .traverse = function_traverse,
    .clear = function_clear,
    .repr = function_repr,
    .call = function_call,
    .descr_get = function_descr_get,
    .getsets = function_getsets,
};

/* ---- cell ---- */

RObject *r_cell_new(RObject *value)
{
    RCell *c = (RCell *)r_alloc(&r_cell_type);
    if (!c)
        return NULL;
    c->ref = value ? r_incref(value) : NULL;
    return (RObject *)c;
}

static void cell_dealloc(RObject *o)
{
    R_XDECREF(((RCell *)o)->ref);
    r_free(o);
}

static int cell_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RObject *ref = ((RCell *)o)->ref;
    return ref ? visit(ref, arg) : 0;
}

static void cell_clear(RObject *o)
{
    R_CLEAR(((RCell *)o)->ref);
}

static RObject *cell_repr(RObject *o)
{
    RCell *c = (RCell *)o;
    if (!c->ref)
        return r_str_from_format("<cell at %p: empty>", (void *)o);
    return r_str_from_format("<cell at %p: %s object at %p>", (void *)o, R_TYPE(c->ref)->name,
                             (void *)c->ref);
}

RType r_cell_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "cell",
    .basicsize = sizeof(RCell),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = cell_dealloc,
    .traverse = cell_traverse,
    .clear = cell_clear,
    .repr = cell_repr,
};

/* ---- bound method ---- */

RObject *r_method_new(RObject *func, RObject *self)
{
    RMethod *m = (RMethod *)r_alloc(&r_method_type);
    if (!m)
        return NULL;
    m->func = r_incref(func);
    m->self = r_incref(self);
    return (RObject *)m;
}

static void method_dealloc(RObject *o)
{
    RMethod *m = (RMethod *)o;
    R_XDECREF(m->func);
    R_XDECREF(m->self);
    r_free(o);
}

static int method_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RMethod *m = (RMethod *)o;
    RObject *refs[] = {m->func, m->self};
    return visit_all(refs, 2, visit, arg);
}

static RObject *method_call(RObject *o, RObject *const *args, size_t nargs, RObject *kwnames)
{
    RMethod *m = (RMethod *)o;
    size_t nkw = kwnames ? (size_t)R_TUPLE_SIZE(kwnames) : 0;
    RObject *small[8];
    RObject **all = nargs + nkw + 1 <= 8 ? small : malloc((nargs + nkw + 1) * sizeof *all);
    if (!all)
        return r_err_no_memory();
    all[0] = m->self;
    for (size_t i = 0; i < nargs + nkw; i++)
        all[i + 1] = args[i];
    RObject *res = r_call(m->func, all, nargs + 1, kwnames);
    if (all != small)
        free(all);
    return res;
}

static RObject *method_repr(RObject *o)
{
    RMethod *m = (RMethod *)o;
    RObject *name = r_getattr_cstr(m->func, "__qualname__");
    if (!name)
        return NULL;
    RObject *self_repr = r_repr(m->self);
    if (!self_repr) {
        R_DECREF(name);
        return NULL;
    }
    RObject *res = r_str_from_format("<bound method %U of %U>", name, self_repr);
    R_DECREF(name);
    R_DECREF(self_repr);
    return res;
}

static RObject *method_get_func(RObject *o)
{
    return r_incref(((RMethod *)o)->func);
}

static RObject *method_get_self(RObject *o)
{
    return r_incref(((RMethod *)o)->self);
}

static RObject *method_getattro(RObject *o, RObject *name)
{
    /* attributes not of the method itself come from its function */
    RObject *v = r_generic_getattr(o, name);
    if (v || !r_err_matches(r_exc_AttributeError))
        return v;
    r_err_clear();
    return r_getattr(((RMethod *)o)->func, name);
}

static const r_getset_def method_getsets[] = {
    {"__func__", method_get_func, NULL},
    {"__self__", method_get_self, NULL},
    {NULL, NULL, NULL},
};

RType r_method_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "method",
    .basicsize = sizeof(RMethod),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = method_dealloc,
    .traverse = method_traverse,
    .repr = method_repr,
    .call = method_call,
    .getattro = method_getattro,
    .getsets = method_getsets,
};
