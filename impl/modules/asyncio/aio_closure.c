/* Small callables written in C that stand for the nested functions of
 * asyncio's Python source (_chain_future.<locals>._call_set_state,
 * _wait.<locals>._on_completion, ...): each holds the objects the Python
 * closure captures, and its __qualname__ is the Python function's, which
 * reprs and "Exception in callback" lines show. */
#include <stdio.h>
#include <string.h>

#include "aio.h"
#include "descrobject.h"
#include "errors.h"
#include "strobject.h"
#include "typeobject.h"

typedef struct {
    RObject ob;
    const char *qualname;
    const aio_source *source;
    aio_closure_fn fn;
    size_t ncells;
    RObject *cells[];
} AioClosure;

RObject *aio_closure_new(const char *qualname, aio_closure_fn fn, size_t ncells,
                         RObject *const *cells)
{
    AioClosure *c = (AioClosure *)r_alloc_var(&r_aio_closure_type, ncells * sizeof(RObject *));
    if (!c)
        return NULL;
    c->qualname = qualname;
    c->fn = fn;
    c->ncells = ncells;
    for (size_t i = 0; i < ncells; i++)
        c->cells[i] = cells[i] ? r_incref(cells[i]) : NULL;
    return (RObject *)c;
}

RObject *aio_closure_new_at(const char *qualname, const aio_source *src, aio_closure_fn fn,
                            size_t ncells, RObject *const *cells)
{
    RObject *c = aio_closure_new(qualname, fn, ncells, cells);
    if (c)
        ((AioClosure *)c)->source = src;
    return c;
}

/* module functions written in C that CPython writes in Python */
static struct {
    const r_method_def *def;
    const aio_source *src;
} c_sources[16];
static size_t n_c_sources;

void aio_register_c_source(const r_method_def *def, const aio_source *src)
{
    for (size_t i = 0; i < n_c_sources; i++)
        if (c_sources[i].def == def)
            return;
    if (n_c_sources < sizeof c_sources / sizeof c_sources[0]) {
        c_sources[n_c_sources].def = def;
        c_sources[n_c_sources].src = src;
        n_c_sources++;
    }
}

const aio_source *aio_callable_source(RObject *func)
{
    if (R_TYPE(func) == &r_aio_closure_type)
        return ((AioClosure *)func)->source;
    if (R_TYPE(func) == &r_aio_gather_callback_type)
        return &aio_src__done_callback;
    if (R_TYPE(func) == &r_cfunction_type) {
        /* a bound method is no function for inspect: no source */
        RCFunction *f = (RCFunction *)func;
        if (f->self && !f->module)
            return NULL;
        for (size_t i = 0; i < n_c_sources; i++)
            if (c_sources[i].def == f->def)
                return c_sources[i].src;
    }
    return NULL;
}

RObject *aio_source_file(const aio_source *src)
{
    const char *dot = strchr(src->file, '.');
    int len = dot ? (int)(dot - src->file) : (int)strlen(src->file);
    char name[96];
    snprintf(name, sizeof name, "<frozen asyncio.%.*s>", len, src->file);
    return r_str_from_cstr(name);
}

static RObject *closure_call(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    AioClosure *c = (AioClosure *)self;
    R_INCREF(self); /* the call may drop the last other reference */
    RObject *res = c->fn(c->cells, args, nargs, kw);
    R_DECREF(self);
    return res;
}

static void closure_dealloc(RObject *o)
{
    AioClosure *c = (AioClosure *)o;
    for (size_t i = 0; i < c->ncells; i++)
        R_XDECREF(c->cells[i]);
    r_free(o);
}

static int closure_traverse(RObject *o, r_visitproc visit, void *arg)
{
    AioClosure *c = (AioClosure *)o;
    for (size_t i = 0; i < c->ncells; i++)
        if (c->cells[i]) {
            int rc = visit(c->cells[i], arg);
            if (rc)
                return rc;
        }
    return 0;
}

static void closure_clear(RObject *o)
{
    AioClosure *c = (AioClosure *)o;
    for (size_t i = 0; i < c->ncells; i++)
        R_CLEAR(c->cells[i]);
}

static RObject *closure_repr(RObject *o)
{
    return r_str_from_format("<function %s at %p>", ((AioClosure *)o)->qualname, (void *)o);
}

static RObject *get_qualname(RObject *o)
{
    return r_str_from_cstr(((AioClosure *)o)->qualname);
}

static RObject *get_name(RObject *o)
{
    const char *q = ((AioClosure *)o)->qualname;
    const char *dot = strrchr(q, '.');
    return r_str_from_cstr(dot ? dot + 1 : q);
}

static const r_getset_def closure_getsets[] = {
    {"__qualname__", get_qualname, NULL},
    {"__name__", get_name, NULL},
    {NULL, NULL, NULL},
};

RType r_aio_closure_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "function",
    .basicsize = sizeof(AioClosure),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = closure_dealloc,
    .traverse = closure_traverse,
    .clear = closure_clear,
    .repr = closure_repr,
    .getattro = r_generic_getattr,
    .call = closure_call,
    .getsets = closure_getsets,
};
