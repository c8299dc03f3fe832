/* contextvars, after CPython's Python/context.c. A context maps variables
 * to values; CPython keeps the map in an immutable HAMT, so copying a
 * context costs nothing and a set builds a new map. Here the map is a dict
 * shared by the contexts copied from one another and copied by the first
 * of them to set a variable, which gives the same sharing (the order of a
 * HAMT is by hash, so no program can rely on an iteration order). Each
 * thread has its own current context, made empty when first needed: a new
 * thread starts in an empty one, as in CPython 3.8-3.13. keys(), values()
 * and items() give iterators over a list made at the call, where CPython
 * gives its HAMT's own iterator types. */
#include "contextvarsmodule.h"

#include "boolobject.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "frame.h"
#include "gc.h"
#include "listobject.h"
#include "moduleobject.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

typedef struct RContext {
    RObject ob;
    RObject *vars;          /* dict var -> value, maybe shared; NULL while empty */
    /* while entered: the context run() will restore (maybe NULL), with
     * ENTERED set; one word, so that a Context fits mimalloc's 48-byte
     * bin with its collector header (one per task) */
    uintptr_t entered_prev;
} RContext;

enum { ENTERED = 1 };

static bool is_entered(const RContext *c)
{
    return (c->entered_prev & ENTERED) != 0;
}

/* the context to restore (a reference the Context owns), or NULL */
static RContext *prev_of(const RContext *c)
{
    return (RContext *)(c->entered_prev & ~(uintptr_t)ENTERED);
}

typedef struct {
    RObject ob;
    RObject *name;
    RObject *default_value; /* NULL: no default */
} RContextVar;

typedef struct {
    RObject ob;
    RObject *ctx, *var;
    RObject *old_value; /* NULL: the variable was not set (Token.MISSING) */
    bool used;
} RToken;

/* 3.8-3.9 name the types plainly, 3.10+ as _contextvars' */
static int ready_types(void)
{
    RType *types[] = {&r_context_type, &r_contextvar_type, &r_token_type};
    static const char *const names[][2] = {{"Context", "_contextvars.Context"},
                                           {"ContextVar", "_contextvars.ContextVar"},
                                           {"Token", "_contextvars.Token"}};
    for (int i = 0; i < 3; i++) {
        RType *t = types[i];
        if (t->ready)
            continue;
        bool prefixed = r_profile.minor >= 10;
        t->name = names[i][prefixed];
        t->module = r_incref(r_str_intern(prefixed ? "_contextvars" : "builtins"));
        t->qualname = r_incref(r_str_intern(names[i][0]));
        if (r_type_ready(t) < 0)
            return -1;
    }
    return 0;
}

bool r_context_check(RObject *o)
{
    return R_TYPE(o) == &r_context_type;
}

/* A context is tracked by the cycle collector from the first time it holds
 * variables, as CPython's dicts are from their first tracked value: one
 * without them refers to nothing but, while entered, the context it will
 * restore, which the thread's current context keeps alive anyway. Most
 * contexts never hold a variable (asyncio copies one per task and per
 * done-callback), and the collector then has two objects fewer to walk per
 * task. */
static void set_vars(RContext *c, RObject *vars)
{
    c->vars = vars;
    r_gc_retrack((RObject *)c);
}

static RContext *context_new(RObject *vars)
{
    if (!r_context_type.ready && ready_types() < 0)
        return NULL;
    RContext *c = (RContext *)r_alloc(&r_context_type);
    if (!c)
        return NULL;
    r_gc_untrack((RObject *)c);
    if (vars && r_dict_size(vars) > 0)
        set_vars(c, r_incref(vars));
    return c;
}

/* The thread's current context (borrowed), made empty when first needed. */
static RContext *context_current(void)
{
    r_thread_vm *vm = r_vm_state();
    if (!vm->context)
        vm->context = (RObject *)context_new(NULL);
    return (RContext *)vm->context;
}

RObject *r_context_copy_current(void)
{
    RObject *vars = r_vm_state()->context ? ((RContext *)r_vm_state()->context)->vars : NULL;
    return (RObject *)context_new(vars);
}

bool r_context_current_is_empty(void)
{
    RContext *c = (RContext *)r_vm_state()->context;
    return !c || !c->vars || r_dict_size(c->vars) == 0;
}

RObject *r_context_new_empty(void)
{
    return (RObject *)context_new(NULL);
}

static RObject *lookup(RContext *c, RObject *var)
{
    return c && c->vars ? r_dict_get_item(c->vars, var) : NULL;
}

/* value NULL deletes; the dict is copied first when another context shares it */
static int context_store(RContext *c, RObject *var, RObject *value)
{
    if (!c->vars || c->vars->refcnt > 1) {
        RObject *own = c->vars ? r_dict_copy(c->vars) : r_dict_new();
        if (!own)
            return -1;
        R_XDECREF(c->vars);
        set_vars(c, own);
    }
    return value ? r_dict_set_item(c->vars, var, value) : r_dict_del_item(c->vars, var);
}

/* ---- Context ---- */

static int enter(RContext *c)
{
    if (is_entered(c)) {
        r_err_format(r_exc_RuntimeError, "cannot enter context: %R is already entered",
                     (RObject *)c);
        return -1;
    }
    r_thread_vm *vm = r_vm_state();
    c->entered_prev = (uintptr_t)vm->context | ENTERED; /* the reference moves */
    vm->context = r_incref((RObject *)c);
    return 0;
}

static void leave(RContext *c)
{
    r_thread_vm *vm = r_vm_state();
    RObject *was = vm->context;
    vm->context = (RObject *)prev_of(c);
    c->entered_prev = 0;
    R_DECREF(was);
}

int r_context_enter(RObject *ctx)
{
    return enter((RContext *)ctx);
}

void r_context_exit(RObject *ctx)
{
    leave((RContext *)ctx);
}

RObject *r_context_run(RObject *ctx, RObject *callable, RObject *const *args, size_t nargs,
                       RObject *kwnames)
{
    RContext *c = (RContext *)ctx;
    if (enter(c) < 0)
        return NULL;
    RObject *res = r_call(callable, args, nargs, kwnames);
    leave(c);
    return res;
}

static RObject *context_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)type;
    (void)args;
    if (nargs || (kw && R_TUPLE_SIZE(kw)))
        return r_err_format(r_exc_TypeError, "Context() does not accept any arguments");
    return (RObject *)context_new(NULL);
}

static void context_dealloc(RObject *o)
{
    RContext *c = (RContext *)o;
    R_XDECREF(c->vars);
    R_XDECREF(prev_of(c));
    r_free(o);
}

static int context_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RContext *c = (RContext *)o;
    return R_VISIT_EACH(visit, arg, c->vars, (RObject *)prev_of(c));
}

static void context_clear(RObject *o)
{
    RContext *c = (RContext *)o;
    R_CLEAR(c->vars);
    RContext *prev = prev_of(c);
    c->entered_prev &= ENTERED;
    R_XDECREF(prev);
}

static int check_var(RObject *key)
{
    if (R_TYPE(key) == &r_contextvar_type)
        return 0;
    r_err_format(r_exc_TypeError, "a ContextVar key was expected, got %R", key);
    return -1;
}

static RObject *context_getitem(RObject *o, RObject *key)
{
    if (check_var(key) < 0)
        return NULL;
    RObject *v = lookup((RContext *)o, key);
    if (!v) {
        if (!r_err_occurred())
            r_err_set_object(r_exc_KeyError, key);
        return NULL;
    }
    return r_incref(v);
}

static int context_contains(RObject *o, RObject *key)
{
    if (check_var(key) < 0)
        return -1;
    return lookup((RContext *)o, key) != NULL ? 1 : (r_err_occurred() ? -1 : 0);
}

static ssize_t context_len(RObject *o)
{
    RContext *c = (RContext *)o;
    return c->vars ? r_dict_size(c->vars) : 0;
}

/* which: 0 keys, 1 values, 2 (key, value) pairs, as a list */
static RObject *snapshot(RContext *c, int which)
{
    RObject *l = r_list_new(0);
    ssize_t pos = 0;
    RObject *k, *v;
    while (l && c->vars && r_dict_next(c->vars, &pos, &k, &v)) {
        RObject *item = which == 0 ? r_incref(k) : which == 1 ? r_incref(v) : r_tuple_pack(2, k, v);
        if (!item || r_list_append(l, item) < 0) {
            R_XDECREF(item);
            R_DECREF(l);
            return NULL;
        }
        R_DECREF(item);
    }
    return l;
}

/* iterating a context, and keys/values/items, go over a snapshot: the
 * variables of a context only change through its own run() */
static RObject *snapshot_iter(RObject *o, int which)
{
    RObject *l = snapshot((RContext *)o, which);
    RObject *it = l ? r_get_iter(l) : NULL;
    R_XDECREF(l);
    return it;
}

static RObject *context_iter(RObject *o)
{
    return snapshot_iter(o, 0);
}

static RObject *context_richcompare(RObject *a, RObject *b, r_cmpop op)
{
    if ((op != R_EQ && op != R_NE) || R_TYPE(b) != &r_context_type)
        return r_incref(R_NOTIMPLEMENTED);
    RContext *x = (RContext *)a, *y = (RContext *)b;
    int eq;
    if (x->vars == y->vars)
        eq = 1;
    else if (!x->vars || !y->vars)
        eq = context_len(a) == 0 && context_len(b) == 0;
    else if ((eq = r_richcompare_bool(x->vars, y->vars, R_EQ)) < 0)
        return NULL;
    return r_bool_from_long(op == R_EQ ? eq : !eq);
}

static RObject *m_context_run(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (nargs < 1)
        return r_err_format(r_exc_TypeError, "run() missing 1 required positional argument");
    return r_context_run(self, args[0], args + 1, nargs - 1, kw);
}

static RObject *m_context_copy(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("copy", kw) < 0 || r_check_nargs("copy", nargs, 0, 0) < 0)
        return NULL;
    return (RObject *)context_new(((RContext *)self)->vars);
}

static RObject *m_context_get(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("get", kw) < 0 || r_check_nargs("get", nargs, 1, 2) < 0 ||
        check_var(args[0]) < 0)
        return NULL;
    RObject *v = lookup((RContext *)self, args[0]);
    if (!v && r_err_occurred())
        return NULL;
    return r_incref(v ? v : nargs > 1 ? args[1] : R_NONE);
}

#define SNAPSHOT_METHOD(fn, pyname, which)                                               \
    static RObject *fn(RObject *self, RObject *const *args, size_t nargs, RObject *kw)   \
    {                                                                                    \
        (void)args;                                                                      \
        if (r_check_no_kwargs(pyname, kw) < 0 || r_check_nargs(pyname, nargs, 0, 0) < 0) \
            return NULL;                                                                 \
        return snapshot_iter(self, which);                                               \
    }
SNAPSHOT_METHOD(m_context_keys, "keys", 0)
SNAPSHOT_METHOD(m_context_values, "values", 1)
SNAPSHOT_METHOD(m_context_items, "items", 2)

static const r_method_def context_methods[] = {
    {"run", m_context_run, 0, NULL},
    {"copy", m_context_copy, 0, NULL},
    {"get", m_context_get, 0, NULL},
    {"keys", m_context_keys, 0, NULL},
    {"values", m_context_values, 0, NULL},
    {"items", m_context_items, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_context_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Context",
    .basicsize = sizeof(RContext),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = context_dealloc,
    .traverse = context_traverse,
    .clear = context_clear,
    .richcompare = context_richcompare,
    .getattro = r_generic_getattr,
    .iter = context_iter,
    .len = context_len,
    .getitem = context_getitem,
    .contains = context_contains,
    .methods = context_methods,
    .tp_new = context_tp_new,
};

/* ---- ContextVar ---- */

static RObject *contextvar_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)type;
    static const char *const names[] = {"default", NULL};
    RObject *opts[1] = {NULL};
    if (nargs != 1)
        return r_err_format(r_exc_TypeError,
                            nargs ? "ContextVar() takes at most 1 positional argument (%zu given)"
                                  : "ContextVar() takes exactly 1 positional argument (0 given)",
                            nargs);
    if (r_parse_keywords("ContextVar", kw, args + nargs, names, opts) < 0)
        return NULL;
    if (!R_STR_CHECK(args[0]))
        return r_err_format(r_exc_TypeError, "context variable name must be a str");
    if (ready_types() < 0)
        return NULL;
    RContextVar *v = (RContextVar *)r_alloc(&r_contextvar_type);
    if (!v)
        return NULL;
    v->name = r_incref(args[0]);
    v->default_value = opts[0] ? r_incref(opts[0]) : NULL;
    return (RObject *)v;
}

static void contextvar_dealloc(RObject *o)
{
    RContextVar *v = (RContextVar *)o;
    R_XDECREF(v->name);
    R_XDECREF(v->default_value);
    r_free(o);
}

static int contextvar_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RContextVar *v = (RContextVar *)o;
    return R_VISIT_EACH(visit, arg, v->name, v->default_value);
}

static void contextvar_clear(RObject *o)
{
    R_CLEAR(((RContextVar *)o)->default_value);
}

static RObject *contextvar_repr(RObject *o)
{
    RContextVar *v = (RContextVar *)o;
    if (v->default_value)
        return r_str_from_format("<ContextVar name=%R default=%R at %p>", v->name,
                                 v->default_value, (void *)o);
    return r_str_from_format("<ContextVar name=%R at %p>", v->name, (void *)o);
}

static RObject *m_var_get(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("get", kw) < 0 || r_check_nargs("get", nargs, 0, 1) < 0)
        return NULL;
    RContextVar *var = (RContextVar *)self;
    RObject *v = lookup((RContext *)r_vm_state()->context, self);
    if (v)
        return r_incref(v);
    if (r_err_occurred())
        return NULL;
    if (nargs)
        return r_incref(args[0]);
    if (var->default_value)
        return r_incref(var->default_value);
    r_err_set_object(r_exc_LookupError, self);
    return NULL;
}

static RObject *m_var_set(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("set", kw) < 0 || r_check_nargs("set", nargs, 1, 1) < 0)
        return NULL;
    RContext *c = context_current();
    if (!c)
        return NULL;
    RObject *old = lookup(c, self);
    if (!old && r_err_occurred())
        return NULL;
    RToken *t = (RToken *)r_alloc(&r_token_type);
    if (!t)
        return NULL;
    t->ctx = r_incref((RObject *)c);
    t->var = r_incref(self);
    t->old_value = old ? r_incref(old) : NULL;
    if (context_store(c, self, args[0]) < 0) {
        R_DECREF(t);
        return NULL;
    }
    return (RObject *)t;
}

static RObject *m_var_reset(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("reset", kw) < 0 || r_check_nargs("reset", nargs, 1, 1) < 0)
        return NULL;
    if (R_TYPE(args[0]) != &r_token_type)
        return r_err_format(r_exc_TypeError, "expected an instance of Token, got %R", args[0]);
    RToken *t = (RToken *)args[0];
    if (t->used)
        return r_err_format(r_exc_RuntimeError, "%R has already been used once", args[0]);
    if (t->var != self)
        return r_err_format(r_exc_ValueError, "%R was created by a different ContextVar",
                            args[0]);
    RContext *c = context_current();
    if (!c)
        return NULL;
    if ((RObject *)c != t->ctx)
        return r_err_format(r_exc_ValueError, "%R was created in a different Context", args[0]);
    t->used = true;
    if (context_store(c, self, t->old_value) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *get_var_name(RObject *o)
{
    return r_incref(((RContextVar *)o)->name);
}

static const r_method_def contextvar_methods[] = {
    {"get", m_var_get, 0, NULL},
    {"set", m_var_set, 0, NULL},
    {"reset", m_var_reset, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const r_getset_def contextvar_getsets[] = {
    {"name", get_var_name, NULL},
    {NULL, NULL, NULL},
};

RType r_contextvar_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "ContextVar",
    .basicsize = sizeof(RContextVar),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = contextvar_dealloc,
    .traverse = contextvar_traverse,
    .clear = contextvar_clear,
    .repr = contextvar_repr,
    .getattro = r_generic_getattr,
    .methods = contextvar_methods,
    .getsets = contextvar_getsets,
    .tp_new = contextvar_tp_new,
};

/* ---- Token ---- */

static RObject *token_missing_repr(RObject *o)
{
    (void)o;
    return r_str_from_cstr("<Token.MISSING>");
}

static RType token_missing_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Token.MISSING",
    .basicsize = sizeof(RObject),
    .repr = token_missing_repr,
};

static RObject token_missing = R_STATIC_HEAD(&token_missing_type);

static RObject *token_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)type;
    (void)args;
    (void)nargs;
    (void)kw;
    return r_err_format(r_exc_RuntimeError, "Tokens can only be created by ContextVars");
}

static void token_dealloc(RObject *o)
{
    RToken *t = (RToken *)o;
    R_XDECREF(t->ctx);
    R_XDECREF(t->var);
    R_XDECREF(t->old_value);
    r_free(o);
}

static int token_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RToken *t = (RToken *)o;
    return R_VISIT_EACH(visit, arg, t->ctx, t->var, t->old_value);
}

static void token_clear(RObject *o)
{
    RToken *t = (RToken *)o;
    R_CLEAR(t->ctx);
    R_CLEAR(t->var);
    R_CLEAR(t->old_value);
}

static RObject *token_repr(RObject *o)
{
    RToken *t = (RToken *)o;
    return r_str_from_format("<Token%s var=%R at %p>", t->used ? " used" : "", t->var, (void *)o);
}

static RObject *get_token_var(RObject *o)
{
    return r_incref(((RToken *)o)->var);
}

static RObject *get_token_old_value(RObject *o)
{
    RToken *t = (RToken *)o;
    return r_incref(t->old_value ? t->old_value : &token_missing);
}

static const r_getset_def token_getsets[] = {
    {"var", get_token_var, NULL},
    {"old_value", get_token_old_value, NULL},
    {NULL, NULL, NULL},
};

RType r_token_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Token",
    .basicsize = sizeof(RToken),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = token_dealloc,
    .traverse = token_traverse,
    .clear = token_clear,
    .repr = token_repr,
    .getattro = r_generic_getattr,
    .getsets = token_getsets,
    .tp_new = token_tp_new,
};

/* ---- the module ---- */

static RObject *f_copy_context(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("copy_context", kw) < 0 ||
        r_check_nargs("copy_context", nargs, 0, 0) < 0)
        return NULL;
    return r_context_copy_current();
}

static const r_method_def contextvars_functions[] = {
    {"copy_context", f_copy_context, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RObject *r_contextvars_module_new(void)
{
    if (ready_types() < 0)
        return NULL;
    if (!token_missing_type.ready) {
        token_missing_type.module = r_incref(r_str_intern("builtins"));
        token_missing_type.qualname = r_incref(r_str_intern("Token.MISSING"));
        if (r_type_ready(&token_missing_type) < 0)
            return NULL;
    }
    if (!r_dict_get_item_cstr(r_token_type.dict, "MISSING") &&
        r_dict_set_item_cstr(r_token_type.dict, "MISSING", &token_missing) < 0)
        return NULL;
    RObject *m = r_module_new("contextvars");
    if (!m || r_module_add_functions(m, contextvars_functions) < 0 ||
        r_module_add_object(m, "Context", (RObject *)&r_context_type) < 0 ||
        r_module_add_object(m, "ContextVar", (RObject *)&r_contextvar_type) < 0 ||
        r_module_add_object(m, "Token", (RObject *)&r_token_type) < 0) {
        R_XDECREF(m);
        return NULL;
    }
    return m;
}
