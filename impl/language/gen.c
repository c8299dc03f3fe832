/* Generators and coroutines (CPython's genobject.c): send, throw and close
 * with delegation to a suspended yield from / await, PEP 479, and the
 * finaliser that reports a coroutine never awaited. */
#include "gen.h"

#include <string.h>

#include "asyncgen.h"
#include "call.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "opcodes.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

void (*r_coroutine_never_awaited_hook)(RObject *coro);
void (*r_unraisable_hook)(const char *where, RObject *obj);

static const char *kind_name(RGen *g)
{
    return g->is_coroutine ? "coroutine" : g->is_async_gen ? "async generator" : "generator";
}

RObject *r_gen_new(RFrame *frame, RObject *name, RObject *qualname)
{
    bool coro = (frame->code->flags & R_CO_COROUTINE) != 0;
    bool async_gen = (frame->code->flags & R_CO_ASYNC_GENERATOR) != 0;
    RGen *g = (RGen *)r_alloc(coro ? &r_coroutine_type
                              : async_gen ? &r_async_generator_type
                                          : &r_generator_type);
    if (!g) {
        R_DECREF(frame);
        return NULL;
    }
    RCode *co = frame->code;
    if ((name == co->name || r_str_equal(name, co->name)) &&
        (qualname == co->qualname || r_str_equal(qualname, co->qualname)))
        g->code_or_names = r_incref((RObject *)co);
    else if (!(g->code_or_names = r_tuple_pack(3, (RObject *)co, name, qualname))) {
        R_DECREF(frame);
        R_DECREF(g); /* no frame: nothing to finalise */
        return NULL;
    }
    g->frame = frame;
    g->is_coroutine = coro;
    g->is_async_gen = async_gen;
    return (RObject *)g;
}

RObject *r_gen_delegate(RObject *gen)
{
    RGen *g = (RGen *)gen;
    RFrame *f = g->frame;
    if (!f || f->lasti < 0 || f->executing || f->stacktop == 0)
        return NULL;
    /* suspended at YIELD_FROM: lasti was moved back onto the instruction
     * before it, and the delegate sits on top of the stack */
    uint32_t word = f->code->code[f->lasti + 1];
    if (R_OP(word) != OP_YIELD_FROM)
        return NULL;
    return f->localsplus[r_frame_nlocalsplus(f) + (int)f->stacktop - 1];
}

static void finish(RGen *g)
{
    RFrame *f = g->frame;
    g->frame = NULL;
    if (f) {
        r_frame_release(f);
    }
}

r_gen_status r_gen_send(RObject *gen, RObject *value, bool throw, RObject **result)
{
    RGen *g = (RGen *)gen;
    *result = NULL;
    if (g->running) {
        r_err_format(r_exc_ValueError, "%s already executing", kind_name(g));
        return R_GEN_ERROR;
    }
    RFrame *f = g->frame;
    if (!f) {
        if (throw)
            return R_GEN_ERROR; /* the thrown exception propagates */
        if (g->is_coroutine) {
            r_err_set_string(r_exc_RuntimeError, "cannot reuse already awaited coroutine");
            return R_GEN_ERROR;
        }
        *result = r_incref(R_NONE);
        return R_GEN_RETURN;
    }
    if (f->lasti < 0 && !throw && value && value != R_NONE) {
        r_err_format(r_exc_TypeError, "can't send non-None value to a just-started %s",
                     kind_name(g));
        return R_GEN_ERROR;
    }
    r_thread_vm *vm = r_vm_state();
    RObject *outer_handled = vm->handled;
    vm->handled = g->handled; /* the generator's own except state */
    g->handled = NULL;
    g->running = true;
    r_eval_status status;
    RObject *res = r_eval(f, value ? value : R_NONE, throw, &status);
    g->running = false;
    g->handled = vm->handled;
    vm->handled = outer_handled;
    if (status == R_EVAL_YIELD) {
        *result = res;
        return R_GEN_NEXT;
    }
    R_CLEAR(g->handled);
    finish(g);
    if (status == R_EVAL_RETURN) {
        *result = res;
        return R_GEN_RETURN;
    }
    /* PEP 479: a StopIteration escaping the body becomes a RuntimeError,
     * and so does a StopAsyncIteration escaping an async generator's */
    bool stop_async = g->is_async_gen && r_err_matches(r_exc_StopAsyncIteration);
    if (stop_async || r_err_matches(r_exc_StopIteration)) {
        RObject *stop = r_err_fetch();
        r_err_format(r_exc_RuntimeError, "%s raised %s", kind_name(g),
                     stop_async ? "StopAsyncIteration" : "StopIteration");
        RObject *rt = r_err_fetch();
        r_exc_set_cause(rt, r_incref(stop));
        r_exc_set_context(rt, stop);
        r_err_restore(rt);
    }
    return R_GEN_ERROR;
}

/* StopIteration(value), or a bare StopIteration for None (CPython's
 * _PyGen_SetStopIterationValue) */
void r_gen_set_stop_iteration(RObject *value)
{
    if (value == R_NONE) {
        r_err_set_object(r_exc_StopIteration, NULL);
        return;
    }
    /* a tuple value must not be taken as an argument tuple */
    RObject *args = r_tuple_pack(1, value);
    if (!args)
        return;
    RObject *exc = r_exc_new(r_exc_StopIteration, args);
    R_DECREF(args);
    if (exc)
        r_err_restore(exc);
}

static RObject *send_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("send", kw) < 0 || r_check_nargs("send", nargs, 1, 1) < 0)
        return NULL;
    RObject *res;
    r_gen_status st = r_gen_send(self, args[0], false, &res);
    if (st == R_GEN_NEXT)
        return res;
    if (st == R_GEN_RETURN) {
        r_gen_set_stop_iteration(res);
        R_DECREF(res);
    }
    return NULL;
}

static RObject *gen_iternext(RObject *self)
{
    RObject *res;
    r_gen_status st = r_gen_send(self, R_NONE, false, &res);
    if (st == R_GEN_NEXT)
        return res;
    if (st == R_GEN_RETURN) {
        if (res != R_NONE)
            r_gen_set_stop_iteration(res);
        R_DECREF(res);
    }
    return NULL;
}

/* Throws the current exception into g: into its delegate first, as
 * CPython's _gen_throw. */
static RObject *gen_throw_current(RGen *g, bool close_on_genexit);

RObject *r_gen_throw_current(RObject *gen, bool close_on_genexit)
{
    return gen_throw_current((RGen *)gen, close_on_genexit);
}

static RObject *gen_throw_current(RGen *g, bool close_on_genexit)
{
    RObject *yf = r_gen_delegate((RObject *)g);
    RObject *res = NULL;
    r_gen_status st;
    if (yf) {
        R_INCREF(yf);
        RObject *exc = r_err_peek();
        if (close_on_genexit && r_typecheck(exc, r_exc_GeneratorExit)) {
            /* GeneratorExit closes the delegate, then is thrown here */
            RObject *saved = r_err_fetch();
            g->running = true;
            RObject *r = R_GEN_CHECK(yf) ? NULL : r_call_method(yf, "close", NULL, 0);
            if (R_GEN_CHECK(yf)) {
                r_err_set_object(r_exc_GeneratorExit, NULL);
                RObject *ignored;
                r_gen_status cs = r_gen_send(yf, NULL, true, &ignored);
                if (cs == R_GEN_ERROR && r_err_matches(r_exc_GeneratorExit))
                    r_err_clear();
                R_XDECREF(ignored);
            }
            g->running = false;
            R_XDECREF(r);
            R_DECREF(yf);
            if (r_err_occurred()) {
                R_DECREF(saved);
            } else {
                r_err_restore(saved);
            }
            goto throw_here;
        }
        g->running = true;
        RObject *inner_exc = r_err_fetch();
        if (R_GEN_CHECK(yf)) {
            r_err_restore(inner_exc);
            st = r_gen_send(yf, NULL, true, &res);
        } else {
            RObject *meth = r_getattr_cstr(yf, "throw");
            if (!meth) {
                if (r_err_matches(r_exc_AttributeError)) {
                    r_err_clear();
                    g->running = false;
                    R_DECREF(yf);
                    r_err_restore(inner_exc);
                    goto throw_here;
                }
                R_DECREF(inner_exc);
                g->running = false;
                R_DECREF(yf);
                goto throw_here;
            }
            res = r_call1(meth, inner_exc);
            R_DECREF(meth);
            R_DECREF(inner_exc);
            st = res ? R_GEN_NEXT : R_GEN_ERROR;
        }
        g->running = false;
        R_DECREF(yf);
        if (st == R_GEN_NEXT)
            return res;
        /* the delegate finished: pop it and resume with its value, or
         * raise what it raised at the suspension point */
        RFrame *f = g->frame;
        RObject *value = NULL;
        if (st == R_GEN_RETURN) {
            value = res;
        } else if (r_err_matches(r_exc_StopIteration)) {
            RObject *stop = r_err_fetch();
            RObject *v = ((RBaseException *)stop)->value;
            value = r_incref(v ? v : R_NONE);
            R_DECREF(stop);
        }
        RObject *delegate = f->localsplus[r_frame_nlocalsplus(f) + (int)--f->stacktop];
        R_DECREF(delegate);
        f->lasti++; /* onto the YIELD_FROM: resuming goes on after it */
        if (value) {
            st = r_gen_send((RObject *)g, value, false, &res);
            R_DECREF(value);
        } else {
            st = r_gen_send((RObject *)g, NULL, true, &res);
        }
        goto done_res;
    }
throw_here:
    st = r_gen_send((RObject *)g, NULL, true, &res);
done_res:
    if (st == R_GEN_NEXT)
        return res;
    if (st == R_GEN_RETURN) {
        r_gen_set_stop_iteration(res);
        R_DECREF(res);
    }
    return NULL;
}

static RObject *throw_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("throw", kw) < 0 || r_check_nargs("throw", nargs, 1, 3) < 0)
        return NULL;
    RObject *typ = args[0];
    RObject *exc;
    if (r_typecheck(typ, &r_type_type) && R_EXC_TYPE_CHECK(typ)) {
        exc = r_call(typ, args + 1, nargs > 1 ? 1 : 0, NULL);
        if (!exc)
            return NULL;
    } else if (R_EXC_CHECK(typ)) {
        if (nargs > 1 && args[1] != R_NONE) {
            r_err_set_string(r_exc_TypeError,
                             "instance exception may not have a separate value");
            return NULL;
        }
        exc = r_incref(typ);
    } else {
        r_err_format(r_exc_TypeError,
                     "exceptions must be classes or instances deriving from BaseException, not "
                     "%s",
                     R_TYPE(typ)->name);
        return NULL;
    }
    r_err_restore(exc);
    return gen_throw_current((RGen *)self, true);
}

static int gen_close(RGen *g)
{
    if (!g->frame)
        return 0;
    if (g->frame->lasti < 0) {
        /* never started: nothing to unwind */
        finish(g);
        return 0;
    }
    r_err_set_object(r_exc_GeneratorExit, NULL);
    RObject *res = gen_throw_current(g, true);
    if (res) {
        R_DECREF(res);
        r_err_format(r_exc_RuntimeError, "%s ignored GeneratorExit", kind_name(g));
        return -1;
    }
    if (r_err_matches(r_exc_StopIteration) || r_err_matches(r_exc_GeneratorExit)) {
        r_err_clear();
        return 0;
    }
    return r_err_occurred() ? -1 : 0;
}

int r_gen_close(RObject *gen)
{
    return gen_close((RGen *)gen);
}

static RObject *close_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("close", kw) < 0 || r_check_nargs("close", nargs, 0, 0) < 0)
        return NULL;
    if (gen_close((RGen *)self) < 0)
        return NULL;
    R_RETURN_NONE;
}

void r_gen_finalize(RObject *self)
{
    RGen *g = (RGen *)self;
    if (!g->frame)
        return;
    if (g->is_async_gen && R_AGEN(g)->ag_finalizer && !R_AGEN(g)->ag_closed) {
        /* the event loop's finalizer hook schedules aclose() */
        RObject *exc = r_err_fetch();
        RObject *r = r_call1(R_AGEN(g)->ag_finalizer, self);
        if (!r && r_unraisable_hook)
            r_unraisable_hook("Exception ignored in", self);
        R_XDECREF(r);
        r_err_clear();
        r_err_restore(exc);
        return;
    }
    if (g->is_coroutine && g->frame->lasti < 0) {
        /* CPython's _PyErr_WarnUnawaitedCoroutine */
        if (r_coroutine_never_awaited_hook)
            r_coroutine_never_awaited_hook(self);
        finish(g);
        return;
    }
    if (gen_close(g) < 0 && r_unraisable_hook)
        r_unraisable_hook("Exception ignored in", self);
    r_err_clear();
}

void r_gen_dealloc(RObject *self)
{
    RGen *g = (RGen *)self;
    if (g->is_async_gen && R_AGEN(g)->ag_set)
        r_agen_set_discard(R_AGEN(g)->ag_set, self); /* it leaves the loop's weak set */
    finish(g);
    R_XDECREF(g->code_or_names);
    R_XDECREF(g->handled);
    if (g->is_async_gen)
        R_XDECREF(R_AGEN(g)->ag_finalizer);
    r_free(self);
}

/* The frame is the generator's own while nothing else refers to it
 * (frame.h): then its contents are visited here, else the frame. */
int r_gen_traverse(RObject *self, r_visitproc visit, void *arg)
{
    RGen *g = (RGen *)self;
    RObject *refs[] = {g->code_or_names, g->handled,
                       g->is_async_gen ? R_AGEN(g)->ag_finalizer : NULL};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        int rc = refs[i] ? visit(refs[i], arg) : 0;
        if (rc)
            return rc;
    }
    if (!g->frame)
        return 0;
    if (r_frame_is_shared(g->frame))
        return visit((RObject *)g->frame, arg);
    return r_frame_traverse_contents(g->frame, visit, arg);
}

/* For a frame the generator owns alone (untracked), what the frame's own
 * clear would do: after the finaliser has had its chance to close the
 * generator, its locals go, which breaks the cycles through them. */
void r_gen_clear(RObject *self)
{
    RGen *g = (RGen *)self;
    if (g->frame && !r_frame_is_shared(g->frame))
        r_frame_clear_contents(g->frame);
}

static RObject *gen_repr(RObject *self)
{
    RGen *g = (RGen *)self;
    return r_str_from_format("<%s object %U at %p>", kind_name(g), r_gen_qualname(g), self);
}

static RObject *gen_self_iter(RObject *self)
{
    return r_incref(self);
}

static RObject *coro_await(RObject *self)
{
    /* CPython wraps it in a coroutine_wrapper; awaiting it directly does
     * the same work */
    return r_incref(self);
}

static RObject *get_name(RObject *self)
{
    return r_incref(r_gen_name((RGen *)self));
}

static RObject *get_qualname(RObject *self)
{
    return r_incref(r_gen_qualname((RGen *)self));
}

static RObject *get_frame(RObject *self)
{
    RGen *g = (RGen *)self;
    if (!g->frame)
        return r_incref(R_NONE);
    r_frame_share(g->frame);
    return r_incref((RObject *)g->frame);
}

static RObject *get_running(RObject *self)
{
    extern RObject *r_bool_from_long(long v);
    return r_bool_from_long(((RGen *)self)->running);
}

static RObject *get_code(RObject *self)
{
    return r_incref((RObject *)r_gen_code((RGen *)self));
}

static const r_method_def gen_methods[] = {
    {"send", send_method, 0, NULL},
    {"throw", throw_method, 0, NULL},
    {"close", close_method, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const r_getset_def gen_getsets[] = {
    {"__name__", get_name, NULL},     {"__qualname__", get_qualname, NULL},
    {"gi_frame", get_frame, NULL},    {"gi_running", get_running, NULL},
    {"gi_code", get_code, NULL},      {NULL, NULL, NULL},
};

static const r_getset_def coro_getsets[] = {
    {"__name__", get_name, NULL},     {"__qualname__", get_qualname, NULL},
    {"cr_frame", get_frame, NULL},    {"cr_running", get_running, NULL},
    {"cr_code", get_code, NULL},      {NULL, NULL, NULL},
};

RType r_generator_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "generator",
    .basicsize = sizeof(RGen),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = r_gen_dealloc,
    .traverse = r_gen_traverse,
    .clear = r_gen_clear,
    .finalize = r_gen_finalize,
    .repr = gen_repr,
    .iter = gen_self_iter,
    .iternext = gen_iternext,
    .methods = gen_methods,
    .getsets = gen_getsets,
};

RType r_coroutine_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "coroutine",
    .basicsize = sizeof(RGen),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = r_gen_dealloc,
    .traverse = r_gen_traverse,
    .clear = r_gen_clear,
    .finalize = r_gen_finalize,
    .repr = gen_repr,
    .am_await = coro_await,
    .methods = gen_methods,
    .getsets = coro_getsets,
};
