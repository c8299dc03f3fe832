/* Asynchronous generators (CPython's genobject.c, PEP 525): the generator
 * object, the awaitables its __anext__/asend and athrow/aclose return, the
 * wrapper that tells a value the body yielded from one an inner await
 * passes up to the event loop, and the per-thread hooks an event loop
 * installs (sys.set_asyncgen_hooks). */
#include "asyncgen.h"

#include <stdlib.h>

#include "boolobject.h"
#include "descrobject.h"
#include "listobject.h"
#include "errors.h"
#include "exceptions.h"
#include "gc.h"
#include "gen.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

/* ---- the hooks, per thread as tstate->async_gen_firstiter/finalizer ---- */

static _Thread_local RObject *hook_firstiter, *hook_finalizer;

void r_asyncgen_get_hooks(RObject **firstiter, RObject **finalizer)
{
    *firstiter = hook_firstiter;
    *finalizer = hook_finalizer;
}

void r_asyncgen_set_hooks(RObject *firstiter, RObject *finalizer)
{
    R_XINCREF(firstiter);
    R_XINCREF(finalizer);
    R_SETREF(hook_firstiter, firstiter);
    R_SETREF(hook_finalizer, finalizer);
}

/* async_gen_init_hooks: on the first use, keep the finalizer and tell
 * firstiter */
static int init_hooks(RGen *g)
{
    if (R_AGEN(g)->ag_hooks_inited)
        return 0;
    R_AGEN(g)->ag_hooks_inited = true;
    if (hook_finalizer)
        R_AGEN(g)->ag_finalizer = r_incref(hook_finalizer);
    if (hook_firstiter) {
        RObject *firstiter = r_incref(hook_firstiter);
        RObject *r = r_call1(firstiter, (RObject *)g);
        R_DECREF(firstiter);
        if (!r)
            return -1;
        R_DECREF(r);
    }
    return 0;
}

/* ---- the weak set of an event loop ---- */

int r_agen_set_add(r_agen_set *s, RObject *agen)
{
    RGen *g = (RGen *)agen;
    if (R_AGEN(g)->ag_set == s)
        return 0;
    if (R_AGEN(g)->ag_set)
        r_agen_set_discard(R_AGEN(g)->ag_set, agen); /* one loop at a time */
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        RObject **items = realloc(s->items, cap * sizeof *items);
        if (!items) {
            r_err_no_memory();
            return -1;
        }
        s->items = items;
        s->cap = cap;
    }
    s->items[s->n++] = agen;
    R_AGEN(g)->ag_set = s;
    return 0;
}

void r_agen_set_discard(r_agen_set *s, RObject *agen)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->items[i] == agen) {
            s->items[i] = s->items[--s->n];
            R_AGEN(agen)->ag_set = NULL;
            return;
        }
}

RObject *r_agen_set_take_all(r_agen_set *s)
{
    RObject *list = r_list_new(0);
    for (size_t i = 0; list && i < s->n; i++)
        if (r_list_append(list, s->items[i]) < 0)
            R_CLEAR(list);
    if (list)
        r_agen_set_release(s);
    return list;
}

void r_agen_set_release(r_agen_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        R_AGEN(s->items[i])->ag_set = NULL;
    free(s->items);
    s->items = NULL;
    s->n = s->cap = 0;
}

/* ---- the wrapped value of `yield` in an async generator ---- */

typedef struct {
    RObject ob;
    RObject *value;
} WrappedValue;

static void wrapped_dealloc(RObject *o)
{
    R_XDECREF(((WrappedValue *)o)->value);
    r_free(o);
}

static int wrapped_traverse(RObject *o, r_visitproc visit, void *arg)
{
    return R_VISIT_EACH(visit, arg, ((WrappedValue *)o)->value);
}

static RType wrapped_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "async_generator_wrapped_value",
    .basicsize = sizeof(WrappedValue),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = wrapped_dealloc,
    .traverse = wrapped_traverse,
};

RObject *r_asyncgen_wrap_value(RObject *value)
{
    WrappedValue *w = (WrappedValue *)r_alloc(&wrapped_type);
    if (w)
        w->value = r_incref(value);
    R_DECREF(value);
    return (RObject *)w;
}

/* async_gen_unwrap_value: what one step of the body gave, as the awaitable
 * must pass it on. A yield ends the awaitable with StopIteration(value);
 * the end of the body is StopAsyncIteration; anything else an inner await
 * yielded goes up to whoever drives the awaitable. */
static RObject *unwrap(RGen *g, r_gen_status st, RObject *res)
{
    if (st == R_GEN_RETURN) {
        R_DECREF(res);
        r_err_set_object(r_exc_StopAsyncIteration, NULL);
        st = R_GEN_ERROR;
    }
    if (st == R_GEN_ERROR) {
        if (r_err_matches(r_exc_StopAsyncIteration) || r_err_matches(r_exc_GeneratorExit))
            R_AGEN(g)->ag_closed = true;
        R_AGEN(g)->ag_running_async = false;
        return NULL;
    }
    if (R_TYPE(res) == &wrapped_type) {
        r_gen_set_stop_iteration(((WrappedValue *)res)->value);
        R_DECREF(res);
        R_AGEN(g)->ag_running_async = false;
        return NULL;
    }
    return res;
}

/* one step of the body by throw: a status as r_gen_send gives it */
static r_gen_status throw_step(RGen *g, bool close_on_genexit, RObject **res)
{
    *res = r_gen_throw_current((RObject *)g, close_on_genexit);
    if (*res)
        return R_GEN_NEXT;
    if (r_err_matches(r_exc_StopIteration)) {
        RObject *stop = r_err_fetch();
        RObject *v = ((RBaseException *)stop)->value;
        *res = r_incref(v ? v : R_NONE);
        R_DECREF(stop);
        return R_GEN_RETURN;
    }
    return R_GEN_ERROR;
}

typedef enum { AWAITABLE_INIT, AWAITABLE_ITER, AWAITABLE_CLOSED } awaitable_state;

/* ---- the awaitables: asend (what __anext__() and asend(v) return) and
 * athrow (what athrow(...) and aclose() return) ---- */

typedef struct {
    RObject ob;
    RGen *gen;
    RObject *extra; /* asend: the value to send; athrow: its arguments, NULL for aclose() */
    awaitable_state state;
} Awaitable;

static RType asend_type;

static RObject *asend_send_value(Awaitable *o, RObject *arg)
{
    if (o->state == AWAITABLE_CLOSED) {
        r_err_set_string(r_exc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
        return NULL;
    }
    if (o->state == AWAITABLE_INIT) {
        if (R_AGEN(o->gen)->ag_running_async) {
            r_err_set_string(r_exc_RuntimeError,
                             "anext(): asynchronous generator is already running");
            return NULL;
        }
        if (!arg || arg == R_NONE)
            arg = o->extra;
        o->state = AWAITABLE_ITER;
    }
    R_AGEN(o->gen)->ag_running_async = true;
    RObject *res;
    r_gen_status st = r_gen_send((RObject *)o->gen, arg ? arg : R_NONE, false, &res);
    res = unwrap(o->gen, st, res);
    if (!res)
        o->state = AWAITABLE_CLOSED;
    return res;
}

static RObject *asend_iternext(RObject *self)
{
    return asend_send_value((Awaitable *)self, NULL);
}

static RObject *asend_send(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("send", kw) < 0 || r_check_nargs("send", nargs, 1, 1) < 0)
        return NULL;
    return asend_send_value((Awaitable *)self, args[0]);
}

/* throw(typ[, val[, tb]]) as an exception made current */
static int set_thrown(RObject *const *args, size_t nargs)
{
    RObject *typ = args[0];
    if (r_typecheck(typ, &r_type_type) && R_EXC_TYPE_CHECK(typ)) {
        RObject *exc = r_call(typ, args + 1, nargs > 1 && args[1] != R_NONE ? 1 : 0, NULL);
        if (!exc)
            return -1;
        r_err_restore(exc);
        return 0;
    }
    if (R_EXC_CHECK(typ)) {
        r_err_restore(r_incref(typ));
        return 0;
    }
    r_err_format(r_exc_TypeError,
                 "exceptions must be classes or instances deriving from BaseException, not %s",
                 R_TYPE(typ)->name);
    return -1;
}

static RObject *asend_throw(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    Awaitable *o = (Awaitable *)self;
    if (r_check_no_kwargs("throw", kw) < 0 || r_check_nargs("throw", nargs, 1, 3) < 0)
        return NULL;
    if (o->state == AWAITABLE_CLOSED) {
        r_err_set_string(r_exc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
        return NULL;
    }
    if (set_thrown(args, nargs) < 0)
        return NULL;
    RObject *res;
    r_gen_status st = throw_step(o->gen, true, &res);
    res = unwrap(o->gen, st, res);
    if (!res)
        o->state = AWAITABLE_CLOSED;
    return res;
}

static RObject *awaitable_close(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    ((Awaitable *)self)->state = AWAITABLE_CLOSED;
    R_RETURN_NONE;
}

static RObject *self_iter(RObject *self)
{
    return r_incref(self);
}

static void awaitable_dealloc(RObject *o)
{
    R_XDECREF(((Awaitable *)o)->gen);
    R_XDECREF(((Awaitable *)o)->extra);
    r_free(o);
}

static int awaitable_traverse(RObject *o, r_visitproc visit, void *arg)
{
    return R_VISIT_EACH(visit, arg, (RObject *)((Awaitable *)o)->gen, ((Awaitable *)o)->extra);
}

static const r_method_def asend_methods[] = {
    {"send", asend_send, 0, NULL},
    {"throw", asend_throw, 0, NULL},
    {"close", awaitable_close, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static RType asend_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "async_generator_asend",
    .basicsize = sizeof(Awaitable),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = awaitable_dealloc,
    .traverse = awaitable_traverse,
    .getattro = r_generic_getattr,
    .iter = self_iter,
    .iternext = asend_iternext,
    .am_await = self_iter,
    .methods = asend_methods,
};

static RObject *asend_new(RGen *g, RObject *sendval)
{
    if (init_hooks(g) < 0)
        return NULL;
    Awaitable *o = (Awaitable *)r_alloc(&asend_type);
    if (!o)
        return NULL;
    o->gen = (RGen *)r_incref((RObject *)g);
    o->extra = sendval ? r_incref(sendval) : NULL;
    return (RObject *)o;
}

/* ---- athrow ---- */

static RObject *athrow_end(Awaitable *o, bool ignored_exit)
{
    R_AGEN(o->gen)->ag_running_async = false;
    o->state = AWAITABLE_CLOSED;
    if (ignored_exit) {
        r_err_set_string(r_exc_RuntimeError, "async generator ignored GeneratorExit");
        return NULL;
    }
    /* check_error: aclose() ends with StopIteration where the body ended */
    if ((r_err_matches(r_exc_StopAsyncIteration) || r_err_matches(r_exc_GeneratorExit)) &&
        !o->extra) {
        r_err_clear();
        r_err_set_object(r_exc_StopIteration, NULL);
    }
    return NULL;
}

/* the value of one step in aclose() mode: a value the body yields after
 * GeneratorExit means it ignored it; one an inner await yields goes up */
static RObject *aclose_step(Awaitable *o, r_gen_status st, RObject *res)
{
    if (st == R_GEN_NEXT) {
        if (R_TYPE(res) == &wrapped_type) {
            R_DECREF(res);
            return athrow_end(o, true);
        }
        return res;
    }
    if (st == R_GEN_RETURN) {
        R_DECREF(res);
        r_err_set_object(r_exc_StopIteration, NULL);
    }
    return athrow_end(o, false);
}

static RObject *athrow_send_value(Awaitable *o, RObject *arg)
{
    RGen *g = o->gen;
    if (o->state == AWAITABLE_CLOSED) {
        r_err_set_string(r_exc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
        return NULL;
    }
    if (!g->frame) {
        o->state = AWAITABLE_CLOSED;
        r_err_set_object(r_exc_StopIteration, NULL);
        return NULL;
    }
    RObject *res;
    r_gen_status st;
    if (o->state == AWAITABLE_INIT) {
        if (R_AGEN(g)->ag_running_async) {
            o->state = AWAITABLE_CLOSED;
            r_err_set_string(r_exc_RuntimeError,
                             o->extra ? "athrow(): asynchronous generator is already running"
                                     : "aclose(): asynchronous generator is already running");
            return NULL;
        }
        if (R_AGEN(g)->ag_closed) {
            o->state = AWAITABLE_CLOSED;
            r_err_set_object(r_exc_StopAsyncIteration, NULL);
            return NULL;
        }
        if (arg && arg != R_NONE) {
            r_err_set_string(r_exc_RuntimeError,
                             "can't send non-None value to a just-started coroutine");
            return NULL;
        }
        o->state = AWAITABLE_ITER;
        R_AGEN(g)->ag_running_async = true;
        if (!o->extra) {
            R_AGEN(g)->ag_closed = true;
            r_err_set_object(r_exc_GeneratorExit, NULL);
            st = throw_step(g, false, &res);
            return aclose_step(o, st, res);
        }
        if (set_thrown(R_TUPLE_ITEMS(o->extra), (size_t)R_TUPLE_SIZE(o->extra)) < 0)
            return athrow_end(o, false);
        st = throw_step(g, false, &res);
    } else {
        st = r_gen_send((RObject *)g, arg ? arg : R_NONE, false, &res);
        if (!o->extra)
            return aclose_step(o, st, res);
    }
    res = unwrap(g, st, res);
    if (!res)
        return athrow_end(o, false);
    return res;
}

static RObject *athrow_iternext(RObject *self)
{
    return athrow_send_value((Awaitable *)self, NULL);
}

static RObject *athrow_send(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("send", kw) < 0 || r_check_nargs("send", nargs, 1, 1) < 0)
        return NULL;
    return athrow_send_value((Awaitable *)self, args[0]);
}

static RObject *athrow_throw(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    Awaitable *o = (Awaitable *)self;
    if (r_check_no_kwargs("throw", kw) < 0 || r_check_nargs("throw", nargs, 1, 3) < 0)
        return NULL;
    if (o->state == AWAITABLE_CLOSED) {
        r_err_set_string(r_exc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
        return NULL;
    }
    if (set_thrown(args, nargs) < 0)
        return NULL;
    RObject *res;
    r_gen_status st = throw_step(o->gen, true, &res);
    if (!o->extra)
        return aclose_step(o, st, res);
    res = unwrap(o->gen, st, res);
    if (!res)
        o->state = AWAITABLE_CLOSED;
    return res;
}

static const r_method_def athrow_methods[] = {
    {"send", athrow_send, 0, NULL},
    {"throw", athrow_throw, 0, NULL},
    {"close", awaitable_close, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static RType athrow_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "async_generator_athrow",
    .basicsize = sizeof(Awaitable),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = awaitable_dealloc,
    .traverse = awaitable_traverse,
    .getattro = r_generic_getattr,
    .iter = self_iter,
    .iternext = athrow_iternext,
    .am_await = self_iter,
    .methods = athrow_methods,
};

static RObject *athrow_new(RGen *g, RObject *args)
{
    if (init_hooks(g) < 0)
        return NULL;
    Awaitable *o = (Awaitable *)r_alloc(&athrow_type);
    if (!o)
        return NULL;
    o->gen = (RGen *)r_incref((RObject *)g);
    o->extra = args ? r_incref(args) : NULL;
    return (RObject *)o;
}

/* ---- the async generator's methods ---- */

static RObject *agen_anext(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("__anext__", kw) < 0 || r_check_nargs("__anext__", nargs, 0, 0) < 0)
        return NULL;
    return asend_new((RGen *)self, NULL);
}

static RObject *agen_aiter(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("__aiter__", kw) < 0 || r_check_nargs("__aiter__", nargs, 0, 0) < 0)
        return NULL;
    return r_incref(self);
}

static RObject *agen_asend(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("asend", kw) < 0 || r_check_nargs("asend", nargs, 1, 1) < 0)
        return NULL;
    return asend_new((RGen *)self, args[0]);
}

static RObject *agen_athrow(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("athrow", kw) < 0 || r_check_nargs("athrow", nargs, 1, 3) < 0)
        return NULL;
    RObject *tuple = r_tuple_from_array(args, (ssize_t)nargs);
    if (!tuple)
        return NULL;
    RObject *o = athrow_new((RGen *)self, tuple);
    R_DECREF(tuple);
    return o;
}

static RObject *agen_aclose(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("aclose", kw) < 0 || r_check_nargs("aclose", nargs, 0, 0) < 0)
        return NULL;
    return athrow_new((RGen *)self, NULL);
}

static RObject *agen_repr(RObject *self)
{
    return r_str_from_format("<async_generator object %U at %p>", r_gen_qualname((RGen *)self),
                             (void *)self);
}

static RObject *get_name(RObject *self)
{
    return r_incref(r_gen_name((RGen *)self));
}

static RObject *get_qualname(RObject *self)
{
    return r_incref(r_gen_qualname((RGen *)self));
}

static RObject *get_running(RObject *self)
{
    return r_incref(R_AGEN(self)->ag_running_async ? R_TRUE : R_FALSE);
}

static const r_method_def agen_methods[] = {
    {"__aiter__", agen_aiter, 0, NULL},
    {"__anext__", agen_anext, 0, NULL},
    {"asend", agen_asend, 0, NULL},
    {"athrow", agen_athrow, 0, NULL},
    {"aclose", agen_aclose, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const r_getset_def agen_getsets[] = {
    {"__name__", get_name, NULL},
    {"__qualname__", get_qualname, NULL},
    {"ag_running", get_running, NULL},
    {NULL, NULL, NULL},
};

/* dealloc, traverse, clear and finalize are the generator's (gen.c) */
RType r_async_generator_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "async_generator",
    .basicsize = sizeof(RAsyncGen),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = r_gen_dealloc,
    .traverse = r_gen_traverse,
    .clear = r_gen_clear,
    .finalize = r_gen_finalize,
    .repr = agen_repr,
    .getattro = r_generic_getattr,
    .methods = agen_methods,
    .getsets = agen_getsets,
};
