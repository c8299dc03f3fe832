/* C coroutines (aio_coro.h): the protocol of CPython's genobject.c for a
 * body that is a C state machine. */
#include "aio_coro.h"

#include "aio.h"

#include <string.h>

#include "boolobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "gc.h"
#include "gen.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"
#include "vm_ops.h"
#include "warnings.h"

AioCoro *aio_coro_new(const aio_coro_def *def)
{
    AioCoro *c = (AioCoro *)r_alloc_var(&r_aio_coro_type, def->size - sizeof(AioCoro));
    if (c)
        c->def = def;
    return c;
}

/* the references among the locals (aio_coro_def.nrefs) */
static RObject **local_refs(AioCoro *c)
{
    return (RObject **)((char *)c + sizeof(AioCoro));
}

static void clear_locals(AioCoro *c)
{
    R_CLEAR(c->awaiting);
    RObject **refs = local_refs(c);
    for (size_t i = 0; c->def && i < c->def->nrefs; i++)
        R_CLEAR(refs[i]);
}

/* the frame is gone: the locals are released now, as CPython clears a
 * finished coroutine's frame */
static void finish(AioCoro *c)
{
    c->finished = true;
    clear_locals(c);
}

/* StopIteration(value) as the end of a send(), or a bare one for None */
static void set_stop_iteration(RObject *value)
{
    if (value == R_NONE) {
        r_err_set_object(r_exc_StopIteration, NULL);
        return;
    }
    RObject *args = r_tuple_pack(1, value);
    RObject *exc = args ? r_exc_new(r_exc_StopIteration, args) : NULL;
    R_XDECREF(args);
    if (exc)
        r_err_restore(exc);
}

/* A finished iterator's value travels in StopIteration (or nothing). */
static aio_send_status status_of_call(RObject *res, RObject **result)
{
    if (res) {
        *result = res;
        return AIO_SEND_NEXT;
    }
    if (!r_err_occurred() || r_err_matches(r_exc_StopIteration)) {
        RObject *stop = r_err_fetch();
        RObject *v = stop ? ((RBaseException *)stop)->value : NULL;
        *result = r_incref(v ? v : R_NONE);
        R_XDECREF(stop);
        return AIO_SEND_RETURN;
    }
    return AIO_SEND_ERROR;
}

aio_send_status aio_iter_send(RObject *iter, RObject *value, RObject *exc, RObject **result)
{
    *result = NULL;
    if (AIO_CORO_CHECK(iter))
        return aio_coro_send((AioCoro *)iter, value, exc, result);
    if (!exc && R_GEN_CHECK(iter)) {
        r_gen_status st = r_gen_send(iter, value, false, result);
        return st == R_GEN_NEXT ? AIO_SEND_NEXT : st == R_GEN_RETURN ? AIO_SEND_RETURN
                                                                     : AIO_SEND_ERROR;
    }
    if (!exc) {
        RObject *res = value == R_NONE && R_TYPE(iter)->iternext
                           ? R_TYPE(iter)->iternext(iter)
                           : r_call_method(iter, "send", &value, 1);
        return status_of_call(res, result);
    }
    /* coro.throw(exc); an iterator without throw() lets it raise here */
    RObject *meth;
    if (r_lookup_attr(iter, r_str_intern("throw"), &meth) < 0)
        return AIO_SEND_ERROR;
    if (!meth) {
        r_err_restore(r_incref(exc));
        return AIO_SEND_ERROR;
    }
    RObject *res = r_call1(meth, exc);
    R_DECREF(meth);
    return status_of_call(res, result);
}

/* close() on what an await drives, as gen_close_iter */
static int close_iter(RObject *iter)
{
    RObject *meth;
    if (r_lookup_attr(iter, r_str_intern("close"), &meth) < 0)
        return -1;
    if (!meth)
        return 0;
    RObject *r = r_call0(meth);
    R_DECREF(meth);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

/* The frame CPython's Python function would add to the traceback of an
 * exception that its await let through, at the line of that await. */
static void add_frame(AioCoro *c, bool raised_from_await)
{
    const aio_source *src = c->def->source;
    if (!raised_from_await || !src)
        return;
    int line = src->suspended[r_profile.minor - 8];
    if (line > 0)
        aio_traceback_add(src->file, c->def->name, line, NULL, 0);
}

static aio_send_status run_step(AioCoro *c, RObject *value, RObject *exc, RObject **result)
{
    RObject *owned_value = NULL, *owned_exc = NULL;
    for (;;) {
        if (c->awaiting) {
            RObject *r = NULL;
            aio_send_status st;
            if (exc && r_typecheck(exc, r_exc_GeneratorExit)) {
                /* GeneratorExit closes the delegate, then is raised here */
                RObject *it = c->awaiting;
                c->awaiting = NULL;
                int rc = close_iter(it);
                R_DECREF(it);
                if (rc < 0) {
                    R_XDECREF(owned_exc);
                    exc = owned_exc = r_err_fetch();
                }
                goto step;
            }
            st = aio_iter_send(c->awaiting, value, exc, &r);
            if (st == AIO_SEND_NEXT) {
                R_XDECREF(owned_value);
                R_XDECREF(owned_exc);
                *result = r;
                return AIO_SEND_NEXT;
            }
            R_CLEAR(c->awaiting);
            R_XDECREF(owned_value);
            R_XDECREF(owned_exc);
            owned_value = owned_exc = NULL;
            if (st == AIO_SEND_RETURN) {
                value = owned_value = r;
                exc = NULL;
            } else {
                value = NULL;
                exc = owned_exc = r_err_fetch();
            }
        }
    step:;
        RObject *out = NULL;
        aio_step what = c->def->step(c, value ? value : R_NONE, exc, &out);
        bool raised_from_await = exc && r_err_peek() == exc && c->awaiting == NULL;
        R_XDECREF(owned_value);
        R_XDECREF(owned_exc);
        owned_value = owned_exc = NULL;
        value = R_NONE;
        exc = NULL;
        switch (what) {
        case AIO_AWAIT: {
            RObject *it = r_vm_get_awaitable(out, 0);
            R_DECREF(out);
            if (!it) {
                /* raised by the await expression: back into the body */
                exc = owned_exc = r_err_fetch();
                value = NULL;
                goto step;
            }
            c->awaiting = it;
            continue;
        }
        case AIO_YIELD:
            *result = out;
            return AIO_SEND_NEXT;
        case AIO_RETURN:
            finish(c);
            *result = out;
            return AIO_SEND_RETURN;
        case AIO_RAISE:
        default:
            add_frame(c, raised_from_await);
            finish(c);
            if (r_err_matches(r_exc_StopIteration)) {
                /* PEP 479 */
                RObject *stop = r_err_fetch();
                r_err_set_string(r_exc_RuntimeError, "coroutine raised StopIteration");
                RObject *rt = r_err_fetch();
                r_exc_set_cause(rt, r_incref(stop));
                r_exc_set_context(rt, stop);
                r_err_restore(rt);
            }
            return AIO_SEND_ERROR;
        }
    }
}

aio_send_status aio_coro_send(AioCoro *c, RObject *value, RObject *exc, RObject **result)
{
    *result = NULL;
    if (c->running) {
        r_err_set_string(r_exc_ValueError, "coroutine already executing");
        return AIO_SEND_ERROR;
    }
    if (c->finished) {
        if (exc) {
            r_err_restore(r_incref(exc));
            return AIO_SEND_ERROR;
        }
        r_err_set_string(r_exc_RuntimeError, "cannot reuse already awaited coroutine");
        return AIO_SEND_ERROR;
    }
    if (!c->started) {
        if (exc) {
            /* thrown into a coroutine that never ran: raised at its start */
            c->started = true;
            finish(c);
            r_err_restore(r_incref(exc));
            return AIO_SEND_ERROR;
        }
        if (value != R_NONE) {
            r_err_set_string(r_exc_TypeError,
                             "can't send non-None value to a just-started coroutine");
            return AIO_SEND_ERROR;
        }
    }
    c->started = true;
    c->running = true;
    R_INCREF(c); /* the body may drop the last outside reference */
    aio_send_status st = run_step(c, value, exc, result);
    c->running = false;
    R_DECREF(c);
    return st;
}

/* ---- the Python-visible methods ---- */

static RObject *to_python(aio_send_status st, RObject *res)
{
    if (st == AIO_SEND_NEXT)
        return res;
    if (st == AIO_SEND_RETURN) {
        set_stop_iteration(res);
        R_DECREF(res);
    }
    return NULL;
}

static RObject *coro_send_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("send", kw) < 0 || r_check_nargs("send", nargs, 1, 1) < 0)
        return NULL;
    RObject *res = NULL;
    return to_python(aio_coro_send((AioCoro *)self, args[0], NULL, &res), res);
}

static RObject *coro_iternext(RObject *self)
{
    RObject *res = NULL;
    aio_send_status st = aio_coro_send((AioCoro *)self, R_NONE, NULL, &res);
    if (st == AIO_SEND_RETURN && res == R_NONE) {
        R_DECREF(res);
        return NULL;
    }
    return to_python(st, res);
}

/* throw(type[, value[, tb]]) as gen_throw normalises its arguments */
RObject *aio_make_thrown_exception(RObject *const *args, size_t nargs)
{
    RObject *typ = args[0];
    if (r_typecheck(typ, &r_type_type) && R_EXC_TYPE_CHECK(typ))
        return r_call(typ, args + 1, nargs > 1 && args[1] != R_NONE ? 1 : 0, NULL);
    if (R_EXC_CHECK(typ)) {
        if (nargs > 1 && args[1] != R_NONE)
            return r_err_format(r_exc_TypeError,
                                "instance exception may not have a separate value");
        return r_incref(typ);
    }
    return r_err_format(r_exc_TypeError,
                        "exceptions must be classes or instances deriving from BaseException, "
                        "not %s",
                        R_TYPE(typ)->name);
}

static RObject *coro_throw_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("throw", kw) < 0 || r_check_nargs("throw", nargs, 1, 3) < 0)
        return NULL;
    RObject *exc = aio_make_thrown_exception(args, nargs);
    if (!exc)
        return NULL;
    RObject *res = NULL;
    aio_send_status st = aio_coro_send((AioCoro *)self, R_NONE, exc, &res);
    R_DECREF(exc);
    return to_python(st, res);
}

static int coro_close(AioCoro *c)
{
    if (c->finished)
        return 0;
    if (!c->started) {
        c->started = true;
        finish(c);
        return 0;
    }
    RObject *gexit = r_exc_new(r_exc_GeneratorExit, r_tuple_empty());
    if (!gexit)
        return -1;
    RObject *res = NULL;
    aio_send_status st = aio_coro_send(c, R_NONE, gexit, &res);
    R_DECREF(gexit);
    if (st == AIO_SEND_NEXT) {
        R_DECREF(res);
        r_err_set_string(r_exc_RuntimeError, "coroutine ignored GeneratorExit");
        return -1;
    }
    if (st == AIO_SEND_RETURN) {
        R_DECREF(res);
        return 0;
    }
    if (r_err_matches(r_exc_GeneratorExit) || r_err_matches(r_exc_StopIteration)) {
        r_err_clear();
        return 0;
    }
    return -1;
}

static RObject *coro_close_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("close", kw) < 0 || r_check_nargs("close", nargs, 0, 0) < 0)
        return NULL;
    if (coro_close((AioCoro *)self) < 0)
        return NULL;
    R_RETURN_NONE;
}

static void coro_finalize(RObject *self)
{
    AioCoro *c = (AioCoro *)self;
    if (c->finished)
        return;
    if (!c->started) {
        /* _PyErr_WarnUnawaitedCoroutine: the frame running now is blamed */
        RObject *msg = r_str_from_format("coroutine '%s' was never awaited", c->def->qualname);
        if (msg && r_warn(r_exc_RuntimeWarning, msg, 1, self) < 0 && r_unraisable_hook)
            r_unraisable_hook("Exception ignored in", self);
        R_XDECREF(msg);
        r_err_clear();
        c->started = true;
        finish(c);
        return;
    }
    if (coro_close(c) < 0 && r_unraisable_hook)
        r_unraisable_hook("Exception ignored in", self);
    r_err_clear();
}

static void coro_dealloc(RObject *self)
{
    clear_locals((AioCoro *)self);
    r_free(self);
}

static int coro_traverse(RObject *self, r_visitproc visit, void *arg)
{
    AioCoro *c = (AioCoro *)self;
    if (c->awaiting) {
        int rc = visit(c->awaiting, arg);
        if (rc)
            return rc;
    }
    return c->def ? r_visit_each(local_refs(c), c->def->nrefs, visit, arg) : 0;
}

static void coro_clear(RObject *self)
{
    clear_locals((AioCoro *)self);
}

static RObject *coro_repr(RObject *self)
{
    return r_str_from_format("<coroutine object %s at %p>", ((AioCoro *)self)->def->qualname,
                             (void *)self);
}

static RObject *coro_self(RObject *self)
{
    return r_incref(self);
}

static RObject *get_name(RObject *self)
{
    return r_str_from_cstr(((AioCoro *)self)->def->name);
}

static RObject *get_qualname(RObject *self)
{
    return r_str_from_cstr(((AioCoro *)self)->def->qualname);
}

static RObject *get_running(RObject *self)
{
    return r_bool_from_long(((AioCoro *)self)->running);
}

static RObject *get_await(RObject *self)
{
    AioCoro *c = (AioCoro *)self;
    return r_incref(c->awaiting ? c->awaiting : R_NONE);
}

static const r_method_def coro_methods[] = {
    {"send", coro_send_method, 0, NULL},
    {"throw", coro_throw_method, 0, NULL},
    {"close", coro_close_method, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const r_getset_def coro_getsets[] = {
    {"__name__", get_name, NULL},
    {"__qualname__", get_qualname, NULL},
    {"cr_running", get_running, NULL},
    {"cr_await", get_await, NULL},
    {NULL, NULL, NULL},
};

/* Named "coroutine" as the objects CPython's `async def`s return; iter()
 * is what lets `yield from` in a @coroutine generator (3.8-3.10) drive it,
 * which CPython's GET_YIELD_FROM_ITER allows for coroutines. */
RType r_aio_coro_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "coroutine",
    .basicsize = sizeof(AioCoro),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = coro_dealloc,
    .finalize = coro_finalize,
    .traverse = coro_traverse,
    .clear = coro_clear,
    .repr = coro_repr,
    .getattro = r_generic_getattr,
    .iter = coro_self,
    .iternext = coro_iternext,
    .am_await = coro_self,
    .methods = coro_methods,
    .getsets = coro_getsets,
};
