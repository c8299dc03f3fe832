/* threads.py: to_thread (3.9+): the call runs in the worker thread inside
 * a copy of the context current when the coroutine starts, as
 * functools.partial(ctx.run, func, *args, **kwargs) does there. */
#include "aio.h"
#include "aio_coro.h"
#include "contextvarsmodule.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "functoolsmodule.h"
#include "tupleobject.h"

typedef struct {
    AioCoro base;
    RObject *func_call;
} ToThread;

static aio_step to_thread_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    ToThread *t = (ToThread *)c;
    if (c->state == 0) {
        RObject *loop = aio_get_running_loop();
        if (!loop)
            return AIO_RAISE;
        /* ctx = contextvars.copy_context(); partial(ctx.run, <the call>) */
        RObject *ctx = r_context_copy_current();
        RObject *run = ctx ? r_getattr_cstr(ctx, "run") : NULL;
        RObject *partial_args[2] = {run, t->func_call};
        RObject *in_ctx = run ? r_call((RObject *)&r_partial_type, partial_args, 2, NULL) : NULL;
        R_XDECREF(run);
        R_XDECREF(ctx);
        if (!in_ctx) {
            R_DECREF(loop);
            return AIO_RAISE;
        }
        R_SETREF(t->func_call, in_ctx);
        RObject *fut = AIO_LOOP_CHECK(loop)
                           ? aio_loop_run_in_executor(loop, R_NONE, t->func_call, NULL, 0)
                           : NULL;
        if (!AIO_LOOP_CHECK(loop)) {
            RObject *argv[2] = {R_NONE, t->func_call};
            fut = r_call_method(loop, "run_in_executor", argv, 2);
        }
        R_DECREF(loop);
        if (!fut)
            return AIO_RAISE;
        c->state = 1;
        *out = fut;
        return AIO_AWAIT;
    }
    if (exc) {
        r_err_restore(r_incref(exc));
        return AIO_RAISE;
    }
    *out = r_incref(value);
    return AIO_RETURN;
}

static const aio_coro_def to_thread_def = {"to_thread", "to_thread", sizeof(ToThread),
                                           to_thread_step, AIO_CORO_REFS(ToThread, func_call),
                                           &aio_src_to_thread};

/* to_thread(func, /, *args, **kwargs) */
static RObject *f_to_thread(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (nargs < 1)
        return r_err_format(r_exc_TypeError,
                            "to_thread() missing 1 required positional argument: 'func'");
    /* functools.partial(func, *args, **kwargs) keeps the same vectorcall */
    RObject *func_call = r_call((RObject *)&r_partial_type, args, nargs, kw);
    if (!func_call)
        return NULL;
    ToThread *t = (ToThread *)aio_coro_new(&to_thread_def);
    if (!t) {
        R_DECREF(func_call);
        return NULL;
    }
    t->func_call = func_call;
    return (RObject *)t;
}

const r_method_def aio_thread_functions[] = {
    {"to_thread", f_to_thread, 0, NULL},
    {NULL, NULL, 0, NULL},
};
