/* The rest of BaseEventLoop: create_task and the task factory, the
 * default executor (run_in_executor, set_default_executor,
 * shutdown_default_executor with its _do_shutdown thread) and
 * shutdown_asyncgens. */
#include <stdlib.h>

#include "aio.h"
#include "aio_args.h"
#include "aio_coro.h"
#include "boolobject.h"
#include "builtins.h"
#include "cf_thread.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "intobject.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"
#include "warnings.h"


/* ---- version predicates of this file ---- */

/* loop.create_task(context=): 3.11+ */
static bool create_task_takes_context(void) { return r_profile.minor >= 11; }
/* the default executor is ThreadPoolExecutor(thread_name_prefix='asyncio')
 * and refuses work once shut down: 3.9+ */
static bool default_executor_named_asyncio(void) { return r_profile.minor >= 9; }
/* set_default_executor(not a ThreadPoolExecutor) raises TypeError 3.11+,
 * warns before */
static bool default_executor_type_checked(void) { return r_profile.minor >= 11; }

/* ---- create_task ---- */

RObject *aio_loop_create_task_impl(RObject *loop, RObject *coro, RObject *name, RObject *context)
{
    AioLoop *L = (AioLoop *)loop;
    if (aio_loop_check_closed(L) < 0)
        return NULL;
    if (!L->task_factory)
        return aio_task_new(coro, loop, name, create_task_takes_context() ? context : NULL);
    RObject *task;
    if (!context || context == R_NONE) {
        RObject *argv[2] = {loop, coro};
        task = r_call(L->task_factory, argv, 2, NULL);
    } else {
        RObject *argv[3] = {loop, coro, context};
        RObject *kw = r_tuple_pack(1, r_str_intern("context"));
        task = kw ? r_call(L->task_factory, argv, 2, kw) : NULL;
        R_XDECREF(kw);
    }
    if (!task)
        return NULL;
    int rc;
    if (r_profile.minor >= 13) {
        RObject *n = name ? name : R_NONE;
        RObject *r = r_call_method(task, "set_name", &n, 1);
        rc = r ? 0 : -1;
        R_XDECREF(r);
    } else {
        rc = aio_set_task_name(task, name);
    }
    if (rc < 0)
        R_CLEAR(task);
    return task;
}

static RObject *m_create_task(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"coro", NULL};
    static const char *const kw38[] = {"name", NULL};
    static const char *const kw311[] = {"name", "context", NULL};
    aio_sig sig = {"BaseEventLoop.create_task", pos, 1,
                   create_task_takes_context() ? kw311 : kw38, NULL, NULL, false};
    RObject *out[3] = {NULL, NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    RObject *task = aio_loop_create_task_impl(self, out[0], out[1], out[2]);
    if (!task) {
        RObject *locals[] = {self, out[0], out[1], out[2]};
        aio_traceback_add("base_events.py", "create_task", 436, locals, 4);
    }
    return task;
}

static RObject *m_set_task_factory(RObject *self, RObject *const *args, size_t nargs,
                                   RObject *kw)
{
    static const char *const pos[] = {"factory", NULL};
    aio_sig sig = {"BaseEventLoop.set_task_factory", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    if (out[0] != R_NONE && !R_TYPE(out[0])->call)
        return r_err_format(r_exc_TypeError, "task factory must be a callable or None");
    R_SETREF(((AioLoop *)self)->task_factory, out[0] == R_NONE ? NULL : r_incref(out[0]));
    R_RETURN_NONE;
}

static RObject *m_get_task_factory(RObject *self, RObject *const *args, size_t nargs,
                                   RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("get_task_factory", kw) < 0 ||
        r_check_nargs("get_task_factory", nargs, 0, 0) < 0)
        return NULL;
    AioLoop *L = (AioLoop *)self;
    return r_incref(L->task_factory ? L->task_factory : R_NONE);
}

/* ---- the default executor ---- */

static RObject *thread_pool_class(void)
{
    /* `import concurrent.futures` gives the package concurrent */
    RObject *concurrent = r_import_module("concurrent.futures");
    RObject *cf = concurrent ? r_getattr_cstr(concurrent, "futures") : NULL;
    R_XDECREF(concurrent);
    RObject *cls = cf ? r_getattr_cstr(cf, "ThreadPoolExecutor") : NULL;
    R_XDECREF(cf);
    return cls;
}

RObject *aio_loop_run_in_executor(RObject *loop, RObject *executor, RObject *func,
                                  RObject *const *args, size_t nargs)
{
    AioLoop *L = (AioLoop *)loop;
    if (aio_loop_check_closed(L) < 0)
        return NULL;
    if (L->debug) {
        int coro = aio_iscoroutine(func);
        if (coro == 0)
            coro = aio_iscoroutinefunction(func);
        if (coro < 0)
            return NULL;
        if (coro)
            return r_err_format(r_exc_TypeError, "coroutines cannot be used with run_in_executor()");
        if (!R_TYPE(func)->call)
            return r_err_format(r_exc_TypeError,
                                "a callable object was expected by run_in_executor(), got %R",
                                func);
    }
    RObject *ex;
    if (!executor || executor == R_NONE) {
        ex = L->default_executor;
        if (default_executor_named_asyncio() && L->executor_shutdown_called)
            return r_err_format(r_exc_RuntimeError, "Executor shutdown has been called");
        if (!ex) {
            RObject *cls = thread_pool_class();
            if (!cls)
                return NULL;
            if (default_executor_named_asyncio()) {
                RObject *kw = r_tuple_pack(1, r_str_intern("thread_name_prefix"));
                RObject *argv[1] = {r_str_intern("asyncio")};
                ex = kw ? r_call(cls, argv, 0, kw) : NULL;
                R_XDECREF(kw);
            } else {
                ex = r_call0(cls);
            }
            R_DECREF(cls);
            if (!ex)
                return NULL;
            L->default_executor = ex;
        }
    } else {
        ex = executor;
    }
    R_INCREF(ex);
    RObject **argv = malloc((nargs + 1) * sizeof *argv);
    RObject *cf = NULL;
    if (argv) {
        argv[0] = func;
        for (size_t i = 0; i < nargs; i++)
            argv[i + 1] = args[i];
        cf = r_call_method(ex, "submit", argv, nargs + 1);
        free(argv);
    } else {
        r_err_no_memory();
    }
    R_DECREF(ex);
    if (!cf)
        return NULL;
    RObject *res = aio_wrap_future(cf, loop);
    R_DECREF(cf);
    return res;
}

static RObject *m_run_in_executor(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"executor", "func", NULL};
    RObject *const *rest;
    size_t nrest;
    aio_sig sig = {"BaseEventLoop.run_in_executor", pos, 2, NULL, &rest, &nrest, false};
    RObject *out[2];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return aio_loop_run_in_executor(self, out[0], out[1], rest, nrest);
}

static RObject *m_set_default_executor(RObject *self, RObject *const *args, size_t nargs,
                                       RObject *kw)
{
    static const char *const pos[] = {"executor", NULL};
    aio_sig sig = {"BaseEventLoop.set_default_executor", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    RObject *cls = thread_pool_class();
    if (!cls)
        return NULL;
    bool ok = r_typecheck(out[0], (RType *)cls);
    R_DECREF(cls);
    if (!ok) {
        if (default_executor_type_checked())
            return r_err_format(r_exc_TypeError, "executor must be ThreadPoolExecutor instance");
        RObject *msg = r_str_from_cstr("Using the default executor that is not an instance of "
                                       "ThreadPoolExecutor is deprecated and will be prohibited "
                                       "in Python 3.9");
        int rc = msg ? r_warn(r_exc_DeprecationWarning, msg, 1, NULL) : -1;
        R_XDECREF(msg);
        if (rc < 0)
            return NULL;
    }
    R_SETREF(((AioLoop *)self)->default_executor, r_incref(out[0]));
    R_RETURN_NONE;
}

/* BaseEventLoop._do_shutdown(future), run in its own thread: cells loop,
 * executor */
static RObject *do_shutdown(RObject **cells, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("_do_shutdown", kw) < 0 ||
        r_check_nargs("_do_shutdown", nargs, 1, 1) < 0)
        return NULL;
    RObject *loop = cells[0], *executor = cells[1], *future = args[0];
    RObject *kwn = r_tuple_pack(1, r_str_intern("wait"));
    RObject *meth = kwn ? r_getattr_cstr(executor, "shutdown") : NULL;
    RObject *argv[1] = {R_TRUE};
    RObject *r = meth ? r_call(meth, argv, 0, kwn) : NULL;
    R_XDECREF(meth);
    R_XDECREF(kwn);
    bool check_closed = r_profile.minor >= 12;
    if (r) {
        R_DECREF(r);
        if (check_closed && aio_loop_is_closed(loop))
            R_RETURN_NONE;
        RObject *cargv[3];
        size_t n;
        if (r_profile.minor >= 13) {
            cargv[0] = aio_set_result_unless_cancelled_obj();
            cargv[1] = future;
            cargv[2] = R_NONE;
            n = 3;
            r = r_call_method(loop, "call_soon_threadsafe", cargv, n);
        } else {
            RObject *setter = r_getattr_cstr(future, "set_result");
            cargv[0] = setter;
            cargv[1] = R_NONE;
            r = setter ? r_call_method(loop, "call_soon_threadsafe", cargv, 2) : NULL;
            R_XDECREF(setter);
        }
        if (!r)
            return NULL;
        R_DECREF(r);
        R_RETURN_NONE;
    }
    if (!r_err_matches(r_exc_Exception))
        return NULL;
    RObject *ex = r_err_fetch();
    if (check_closed && aio_loop_is_closed(loop)) {
        R_DECREF(ex);
        R_RETURN_NONE;
    }
    if (r_profile.minor >= 13 && aio_future_cancelled(future) == 1) {
        R_DECREF(ex);
        R_RETURN_NONE;
    }
    RObject *setter = r_getattr_cstr(future, "set_exception");
    RObject *cargv[2] = {setter, ex};
    r = setter ? r_call_method(loop, "call_soon_threadsafe", cargv, 2) : NULL;
    R_XDECREF(setter);
    R_DECREF(ex);
    if (!r)
        return NULL;
    R_DECREF(r);
    R_RETURN_NONE;
}

typedef struct {
    AioCoro base;
    RObject *loop, *timeout, *thread;
} ShutdownExecutor;

static aio_step shutdown_executor_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    ShutdownExecutor *s = (ShutdownExecutor *)c;
    AioLoop *L = (AioLoop *)s->loop;
    if (c->state == 0) {
        L->executor_shutdown_called = true;
        if (!L->default_executor) {
            *out = r_incref(R_NONE);
            return AIO_RETURN;
        }
        RObject *future = aio_loop_create_future(s->loop);
        if (!future)
            return AIO_RAISE;
        RObject *cells[2] = {s->loop, L->default_executor};
        RObject *target = aio_closure_new("BaseEventLoop._do_shutdown", do_shutdown, 2, cells);
        RObject *threading = target ? r_import_module("threading") : NULL;
        RObject *cls = threading ? r_getattr_cstr(threading, "Thread") : NULL;
        R_XDECREF(threading);
        RObject *targs = cls ? r_tuple_pack(1, future) : NULL;
        RObject *kw = targs ? r_tuple_pack(2, r_str_intern("target"), r_str_intern("args")) : NULL;
        RObject *argv[2] = {target, targs};
        RObject *thread = kw ? r_call(cls, argv, 0, kw) : NULL;
        R_XDECREF(kw);
        R_XDECREF(targs);
        R_XDECREF(cls);
        R_XDECREF(target);
        RObject *r = thread ? r_call_method(thread, "start", NULL, 0) : NULL;
        if (!r) {
            R_XDECREF(thread);
            R_DECREF(future);
            return AIO_RAISE;
        }
        R_DECREF(r);
        s->thread = thread;
        c->state = 1;
        *out = future;
        return AIO_AWAIT;
    }
    /* finally: thread.join(timeout) */
    RObject *saved = exc ? r_incref(exc) : NULL;
    RObject *timeout = r_profile.minor == 12 && s->timeout ? s->timeout : R_NONE;
    RObject *r = r_call_method(s->thread, "join", &timeout, 1);
    if (!r) {
        R_XDECREF(saved);
        return AIO_RAISE;
    }
    R_DECREF(r);
    if (saved) {
        r_err_restore(saved);
        return AIO_RAISE;
    }
    if (r_profile.minor == 12) {
        RObject *alive = r_call_method(s->thread, "is_alive", NULL, 0);
        int t = alive ? r_is_true(alive) : -1;
        R_XDECREF(alive);
        if (t < 0)
            return AIO_RAISE;
        if (t) {
            RObject *ts = r_str(timeout);
            RObject *msg = ts ? r_str_from_format("The executor did not finishing joining its "
                                                  "threads within %U seconds.",
                                                  ts)
                              : NULL;
            R_XDECREF(ts);
            int rc = msg ? r_warn(r_exc_RuntimeWarning, msg, 1, NULL) : -1;
            R_XDECREF(msg);
            if (rc < 0)
                return AIO_RAISE;
            if (L->default_executor) {
                RObject *kwn = r_tuple_pack(1, r_str_intern("wait"));
                RObject *meth = kwn ? r_getattr_cstr(L->default_executor, "shutdown") : NULL;
                RObject *argv[1] = {R_FALSE};
                RObject *rr = meth ? r_call(meth, argv, 0, kwn) : NULL;
                R_XDECREF(meth);
                R_XDECREF(kwn);
                if (!rr)
                    return AIO_RAISE;
                R_DECREF(rr);
            }
        }
    }
    *out = r_incref(R_NONE);
    return AIO_RETURN;
}

static const aio_coro_def shutdown_executor_def = {
    "shutdown_default_executor", "BaseEventLoop.shutdown_default_executor",
    sizeof(ShutdownExecutor), shutdown_executor_step, AIO_CORO_REFS(ShutdownExecutor, thread), &aio_src_shutdown_default_executor};

RObject *aio_loop_shutdown_default_executor(RObject *loop, RObject *timeout)
{
    ShutdownExecutor *s = (ShutdownExecutor *)aio_coro_new(&shutdown_executor_def);
    if (s) {
        s->loop = r_incref(loop);
        s->timeout = timeout ? r_incref(timeout) : NULL;
    }
    return (RObject *)s;
}

static RObject *m_shutdown_default_executor(RObject *self, RObject *const *args, size_t nargs,
                                            RObject *kw)
{
    static const char *const pos[] = {"timeout", NULL};
    static const char *const none[] = {NULL};
    aio_sig sig = {"BaseEventLoop.shutdown_default_executor", r_profile.minor >= 12 ? pos : none,
                   0, NULL, NULL, NULL, false};
    RObject *out[1] = {NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return aio_loop_shutdown_default_executor(self, out[0]);
}

static RObject *m_shutdown_asyncgens(RObject *self, RObject *const *args, size_t nargs,
                                     RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("shutdown_asyncgens", kw) < 0 ||
        r_check_nargs("shutdown_asyncgens", nargs, 0, 0) < 0)
        return NULL;
    return aio_loop_shutdown_asyncgens(self);
}


const r_method_def aio_loop_extra_methods[] = {
    {"create_task", m_create_task, 0, NULL},
    {"set_task_factory", m_set_task_factory, 0, NULL},
    {"get_task_factory", m_get_task_factory, 0, NULL},
    {"run_in_executor", m_run_in_executor, 0, NULL},
    {"set_default_executor", m_set_default_executor, 0, NULL},
    {"shutdown_asyncgens", m_shutdown_asyncgens, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* 3.9+: shutdown_default_executor */
const r_method_def aio_loop_methods_39[] = {
    {"shutdown_default_executor", m_shutdown_default_executor, 0, NULL},
    {NULL, NULL, 0, NULL},
};
