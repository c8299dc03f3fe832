/* The built-in exception types (CPython's exceptions.c), made at start-up
 * from one table so that the hierarchy is written down once. */
#include "exceptions.h"

#include <stdlib.h>
#include <string.h>

#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"
#include "unicode_error_str.h"

#define R_DEFINE_EXC(name, base) RType *r_exc_##name;
R_EXCEPTION_TYPES(R_DEFINE_EXC)
#undef R_DEFINE_EXC

static RType *all_types[128];
static size_t ntypes;

RObject *r_exc_new(RType *type, RObject *args)
{
    RObject *empty = NULL;
    if (!args)
        args = empty = r_tuple_empty();
    RObject *exc = r_call((RObject *)type, R_TUPLE_ITEMS(args), (size_t)R_TUPLE_SIZE(args), NULL);
    R_XDECREF(empty);
    if (exc && !R_EXC_CHECK(exc)) {
        r_err_format(r_exc_TypeError,
                     "calling %R should have returned an instance of BaseException, not %s",
                     (RObject *)type, R_TYPE(exc)->name);
        R_DECREF(exc);
        return NULL;
    }
    return exc;
}

RObject *r_exc_new_cstr(RType *type, const char *message)
{
    RObject *msg = r_str_from_cstr(message);
    if (!msg)
        return NULL;
    RObject *args = r_tuple_pack(1, msg);
    R_DECREF(msg);
    if (!args)
        return NULL;
    RObject *exc = r_exc_new(type, args);
    R_DECREF(args);
    return exc;
}

void r_exc_set_traceback(RObject *exc, RObject *tb)
{
    R_SETREF(((RBaseException *)exc)->traceback, tb);
}

void r_exc_set_context(RObject *exc, RObject *context)
{
    if (context == exc) { /* never a cycle of one */
        R_XDECREF(context);
        return;
    }
    R_SETREF(((RBaseException *)exc)->context, context);
}

void r_exc_set_cause(RObject *exc, RObject *cause)
{
    ((RBaseException *)exc)->suppress_context = true;
    R_SETREF(((RBaseException *)exc)->cause, cause);
}

void r_err_set_name_obj(RObject *name, RObject *obj)
{
    RBaseException *e = (RBaseException *)r_err_peek();
    if (!e)
        return;
    R_SETREF(e->name, name ? r_incref(name) : NULL);
    R_SETREF(e->obj, obj ? r_incref(obj) : NULL);
}

RType **r_exception_types(size_t *n)
{
    *n = ntypes;
    return all_types;
}

/* ---- BaseException ---- */

static RObject *exc_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)kw;
    RBaseException *e = (RBaseException *)r_alloc(type);
    if (!e)
        return NULL;
    e->args = r_tuple_from_array(args, (ssize_t)nargs);
    if (!e->args) {
        R_DECREF(e);
        return NULL;
    }
    return (RObject *)e;
}

static int exc_init(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    RBaseException *e = (RBaseException *)self;
    if (kw && R_TUPLE_SIZE(kw) > 0) {
        r_err_format(r_exc_TypeError, "%s() takes no keyword arguments", R_TYPE(self)->name);
        return -1;
    }
    RObject *t = r_tuple_from_array(args, (ssize_t)nargs);
    if (!t)
        return -1;
    R_SETREF(e->args, t);
    if (r_type_is_subtype(R_TYPE(self), r_exc_StopIteration) ||
        r_type_is_subtype(R_TYPE(self), r_exc_SystemExit)) {
        /* StopIteration.value and SystemExit.code: the first argument, or
         * None; SystemExit with several arguments keeps them all */
        RObject *v = nargs == 0 ? R_NONE
                     : nargs == 1 || r_type_is_subtype(R_TYPE(self), r_exc_StopIteration)
                         ? args[0]
                         : e->args;
        R_SETREF(e->value, r_incref(v));
    }
    return 0;
}

static void exc_dealloc(RObject *o)
{
    RBaseException *e = (RBaseException *)o;
    R_XDECREF(e->dict);
    R_XDECREF(e->args);
    R_XDECREF(e->traceback);
    R_XDECREF(e->context);
    R_XDECREF(e->cause);
    R_XDECREF(e->value);
    R_XDECREF(e->name);
    R_XDECREF(e->obj);
    r_free(o);
}

static int exc_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RBaseException *e = (RBaseException *)o;
    RObject *refs[] = {e->dict, e->args, e->traceback, e->context,
                       e->cause, e->value, e->name, e->obj};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        int rc = refs[i] ? visit(refs[i], arg) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

/* BaseException_clear: the traceback -> frame -> locals -> exception cycle
 * of "except E as e" kept in a local, and the rest; args becomes () rather
 * than NULL, so that the exception can still be printed. */
static void exc_clear(RObject *o)
{
    RBaseException *e = (RBaseException *)o;
    R_CLEAR(e->dict);
    R_SETREF(e->args, r_tuple_empty());
    R_CLEAR(e->traceback);
    R_CLEAR(e->context);
    R_CLEAR(e->cause);
    R_CLEAR(e->value);
    R_CLEAR(e->name);
    R_CLEAR(e->obj);
}

static RObject *exc_str(RObject *o)
{
    RObject *args = ((RBaseException *)o)->args;
    if (r_type_is_subtype(R_TYPE(o), r_exc_UnicodeDecodeError) ||
        r_type_is_subtype(R_TYPE(o), r_exc_UnicodeEncodeError)) {
        RObject *s = r_unicode_error_str(o);
        if (s || r_err_occurred())
            return s;
    }
    switch (R_TUPLE_SIZE(args)) {
    case 0:
        return r_str_from_cstr("");
    case 1:
        /* KeyError shows the repr of its key, so that '' stays visible */
        if (r_type_is_subtype(R_TYPE(o), r_exc_KeyError))
            return r_repr(R_TUPLE_GET(args, 0));
        return r_str(R_TUPLE_GET(args, 0));
    default:
        return r_str(args);
    }
}

static RObject *exc_repr(RObject *o)
{
    RObject *args = ((RBaseException *)o)->args;
    RObject *name = r_getattr_cstr((RObject *)R_TYPE(o), "__name__");
    if (!name)
        return NULL;
    RObject *res;
    if (R_TUPLE_SIZE(args) == 1)
        res = r_str_from_format("%U(%R)", name, R_TUPLE_GET(args, 0));
    else if (R_TUPLE_SIZE(args) == 0)
        res = r_str_from_format("%U()", name);
    else
        res = r_str_from_format("%U%R", name, args);
    R_DECREF(name);
    return res;
}

static RObject *get_args(RObject *o)
{
    return r_incref(((RBaseException *)o)->args);
}

static int set_args(RObject *o, RObject *v)
{
    if (!v) {
        r_err_set_string(r_exc_TypeError, "args may not be deleted");
        return -1;
    }
    RObject *t = r_sequence_tuple(v);
    if (!t)
        return -1;
    R_SETREF(((RBaseException *)o)->args, t);
    return 0;
}

#define OPTIONAL_FIELD(getter, setter, field)                           \
    static RObject *getter(RObject *o)                                  \
    {                                                                   \
        RObject *v = ((RBaseException *)o)->field;                      \
        return r_incref(v ? v : R_NONE);                                \
    }                                                                   \
    static int setter(RObject *o, RObject *v)                           \
    {                                                                   \
        R_SETREF(((RBaseException *)o)->field,                          \
                 v && v != R_NONE ? r_incref(v) : NULL);                \
        return 0;                                                       \
    }

OPTIONAL_FIELD(get_traceback, set_traceback, traceback)
OPTIONAL_FIELD(get_context, set_context, context)
OPTIONAL_FIELD(get_value, set_value, value)
OPTIONAL_FIELD(get_name, set_name, name)
OPTIONAL_FIELD(get_obj, set_obj, obj)

static RObject *get_cause(RObject *o)
{
    RObject *v = ((RBaseException *)o)->cause;
    return r_incref(v ? v : R_NONE);
}

static int set_cause(RObject *o, RObject *v)
{
    if (v && v != R_NONE && !R_EXC_CHECK(v)) {
        r_err_set_string(r_exc_TypeError, "exception cause must be None or derive from "
                                          "BaseException");
        return -1;
    }
    r_exc_set_cause(o, v && v != R_NONE ? r_incref(v) : NULL);
    return 0;
}

static RObject *get_suppress(RObject *o)
{
    extern RObject *r_bool_from_long(long v);
    return r_bool_from_long(((RBaseException *)o)->suppress_context);
}

static int set_suppress(RObject *o, RObject *v)
{
    int b = v ? r_is_true(v) : 0;
    if (b < 0)
        return -1;
    ((RBaseException *)o)->suppress_context = b;
    return 0;
}

static RObject *exc_get_dict(RObject *o)
{
    RBaseException *e = (RBaseException *)o;
    if (!e->dict && !(e->dict = r_dict_new()))
        return NULL;
    return r_incref(e->dict);
}

static const r_getset_def exc_getsets[] = {
    {"args", get_args, set_args},
    {"__traceback__", get_traceback, set_traceback},
    {"__context__", get_context, set_context},
    {"__cause__", get_cause, set_cause},
    {"__suppress_context__", get_suppress, set_suppress},
    {"__dict__", exc_get_dict, NULL},
    {NULL, NULL, NULL},
};

static const r_getset_def value_getsets[] = {{"value", get_value, set_value}, {NULL, NULL, NULL}};
static const r_getset_def code_getsets[] = {{"code", get_value, set_value}, {NULL, NULL, NULL}};
static const r_getset_def name_getsets[] = {{"name", get_name, set_name}, {NULL, NULL, NULL}};
static const r_getset_def attr_getsets[] = {
    {"name", get_name, set_name}, {"obj", get_obj, set_obj}, {NULL, NULL, NULL}};

static RObject *with_traceback(RObject *self, RObject *const *args, size_t nargs,
                               RObject *kwnames)
{
    if (r_check_no_kwargs("with_traceback", kwnames) < 0 ||
        r_check_nargs("with_traceback", nargs, 1, 1) < 0)
        return NULL;
    if (set_traceback(self, args[0]) < 0)
        return NULL;
    return r_incref(self);
}

static const r_method_def exc_methods[] = {
    {"with_traceback", with_traceback, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static RType base_exception_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "BaseException",
    .basicsize = sizeof(RBaseException),
    .dictoffset = offsetof(RBaseException, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_EXC_SUBCLASS | R_TPFLAGS_HAVE_GC,
    .dealloc = exc_dealloc,
    .traverse = exc_traverse,
    .clear = exc_clear,
    .repr = exc_repr,
    .str = exc_str,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .tp_new = exc_new,
    .tp_init = exc_init,
    .methods = exc_methods,
    .getsets = exc_getsets,
};

static RType *make_subclass(const char *name, RType *base)
{
    RType *t = calloc(1, sizeof *t);
    if (!t) {
        r_err_no_memory();
        return NULL;
    }
    t->ob.refcnt = R_IMMORTAL;
    t->ob.type = &r_type_type;
    t->name = name;
    t->base = base;
    t->flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_EXC_SUBCLASS;
    if (strcmp(name, "StopIteration") == 0)
        t->getsets = value_getsets;
    else if (strcmp(name, "SystemExit") == 0)
        t->getsets = code_getsets;
    else if (strcmp(name, "NameError") == 0 || strcmp(name, "ImportError") == 0)
        t->getsets = name_getsets;
    else if (strcmp(name, "AttributeError") == 0)
        t->getsets = attr_getsets;
    if (r_type_ready(t) < 0)
        return NULL;
    return t;
}

int r_exceptions_init(void)
{
    if (r_type_ready(&base_exception_type) < 0)
        return -1;
#define R_MAKE_EXC(name, base)                                          \
    if (strcmp(#name, "BaseException") == 0)                            \
        r_exc_##name = &base_exception_type;                            \
    else if (!(r_exc_##name = make_subclass(#name, r_exc_##base)))      \
        return -1;                                                      \
    all_types[ntypes++] = r_exc_##name;
    RType *r_exc_NULL = NULL;
    (void)r_exc_NULL;
    R_EXCEPTION_TYPES(R_MAKE_EXC)
#undef R_MAKE_EXC
    return 0;
}
