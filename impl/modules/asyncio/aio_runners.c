/* runners.py: asyncio.run (3.8-3.10 a function with its own teardown;
 * 3.11+ a Runner used as a context manager) and _cancel_all_tasks. */
#include "aio.h"
#include "aio_args.h"
#include "boolobject.h"
#include "contextvarsmodule.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "gc.h"
#include "intobject.h"
#include "listobject.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

RObject *aio_gather(RObject *const *aws, size_t n, bool return_exceptions, RObject *loop_arg);

/* ---- version predicates of this file ---- */

/* asyncio.run goes through Runner: 3.11+ */
static bool run_uses_runner(void) { return r_profile.minor >= 11; }
/* the teardown shuts the default executor down: 3.9+ */
static bool run_shuts_down_executor(void) { return r_profile.minor >= 9; }
/* asyncio.run(loop_factory=): 3.12+ */
static bool run_takes_loop_factory(void) { return r_profile.minor >= 12; }

static RObject *run_until_complete(RObject *loop, RObject *future)
{
    if (AIO_LOOP_CHECK(loop))
        return aio_loop_run_until_complete(loop, future);
    return r_call_method(loop, "run_until_complete", &future, 1);
}

/* Python's `finally:` around a step: an error of the step takes the one
 * in flight as its context; otherwise the one in flight goes on. */
static void chain_pending(RObject **pending)
{
    if (!*pending)
        return;
    if (r_err_occurred()) {
        RObject *exc = r_err_peek();
        if (exc != *pending && !((RBaseException *)exc)->context)
            r_exc_set_context(exc, *pending);
        else
            R_DECREF(*pending);
        *pending = NULL;
    }
}

static int cancel_all(RObject *loop)
{
    RObject *set = aio_all_tasks(loop);
    if (!set)
        return -1;
    RObject *tasks = r_sequence_list(set);
    R_DECREF(set);
    if (!tasks)
        return -1;
    ssize_t n = R_LIST_SIZE(tasks);
    if (n == 0) {
        R_DECREF(tasks);
        return 0;
    }
    for (ssize_t i = 0; i < n; i++)
        if (aio_future_cancel(R_LIST_ITEMS(tasks)[i], NULL) < 0) {
            R_DECREF(tasks);
            return -1;
        }
    RObject *outer = aio_gather(R_LIST_ITEMS(tasks), (size_t)n, true,
                                r_profile.minor <= 9 ? loop : NULL);
    RObject *r = outer ? run_until_complete(loop, outer) : NULL;
    R_XDECREF(outer);
    if (!r) {
        R_DECREF(tasks);
        return -1;
    }
    R_DECREF(r);
    for (ssize_t i = 0; i < n; i++) {
        RObject *task = R_LIST_ITEMS(tasks)[i];
        int c = aio_future_cancelled(task);
        if (c < 0)
            goto fail;
        if (c)
            continue;
        RObject *exc = aio_future_exception(task);
        if (!exc)
            goto fail;
        if (exc != R_NONE) {
            R_DECREF(exc);
            exc = aio_future_exception(task);
            RObject *ctx = exc ? r_dict_new() : NULL;
            if (ctx &&
                r_dict_set_item_cstr(ctx, "message",
                                     r_str_intern("unhandled exception during asyncio.run() "
                                                  "shutdown")) == 0 &&
                r_dict_set_item_cstr(ctx, "exception", exc) == 0 &&
                r_dict_set_item_cstr(ctx, "task", task) == 0)
                aio_call_exception_handler(loop, ctx);
            R_XDECREF(ctx);
        }
        R_XDECREF(exc);
    }
    R_DECREF(tasks);
    return 0;
fail:
    R_DECREF(tasks);
    return -1;
}

/* the teardown steps: _cancel_all_tasks, shutdown_asyncgens and (3.9+)
 * shutdown_default_executor */
static int shutdown_steps(RObject *loop, RObject *executor_timeout)
{
    if (cancel_all(loop) < 0)
        return -1;
    RObject *coro = AIO_LOOP_CHECK(loop) ? aio_loop_shutdown_asyncgens(loop)
                                         : r_call_method(loop, "shutdown_asyncgens", NULL, 0);
    RObject *r = coro ? run_until_complete(loop, coro) : NULL;
    R_XDECREF(coro);
    if (!r)
        return -1;
    R_DECREF(r);
    if (!run_shuts_down_executor())
        return 0;
    if (AIO_LOOP_CHECK(loop))
        coro = aio_loop_shutdown_default_executor(loop, executor_timeout);
    else if (executor_timeout)
        coro = r_call_method(loop, "shutdown_default_executor", &executor_timeout, 1);
    else
        coro = r_call_method(loop, "shutdown_default_executor", NULL, 0);
    r = coro ? run_until_complete(loop, coro) : NULL;
    R_XDECREF(coro);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

static int set_debug(RObject *loop, RObject *debug)
{
    RObject *r = r_call_method(loop, "set_debug", &debug, 1);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

static int close_loop(RObject *loop)
{
    if (AIO_LOOP_CHECK(loop))
        return aio_loop_close(loop);
    RObject *r = r_call_method(loop, "close", NULL, 0);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

/* ---- 3.8-3.10: run() ---- */

static RObject *run_legacy(RObject *main, RObject *debug)
{
    RObject *loop = aio_new_event_loop();
    if (!loop)
        return NULL;
    RObject *result = NULL;
    if (aio_set_event_loop(loop) == 0 && (!debug || debug == R_NONE || set_debug(loop, debug) == 0))
        result = run_until_complete(loop, main);
    /* finally: (which runs with the pending error as sys.exc_info()) */
    RObject *pending = r_err_fetch();
    RObject *saved = aio_handling_begin(pending);
    shutdown_steps(loop, NULL);
    aio_handling_end(saved);
    chain_pending(&pending);
    /* inner finally: */
    RObject *pending2 = r_err_fetch();
    if (aio_set_event_loop(R_NONE) == 0)
        close_loop(loop);
    chain_pending(&pending2);
    if (pending2)
        r_err_restore(pending2);
    else if (pending)
        r_err_restore(pending);
    if (r_err_occurred())
        R_CLEAR(result);
    R_DECREF(loop);
    return result;
}

/* ---- 3.11+: Runner ---- */

typedef enum { RUNNER_CREATED, RUNNER_INITIALIZED, RUNNER_CLOSED } runner_state;

typedef struct {
    RObject ob;
    runner_state state;
    RObject *debug, *loop_factory, *loop, *context;
    int interrupt_count;
    bool set_event_loop;
} Runner;

extern RType r_aio_runner_type;

static int runner_lazy_init(Runner *r)
{
    if (r->state == RUNNER_CLOSED) {
        r_err_set_string(r_exc_RuntimeError, "Runner is closed");
        return -1;
    }
    if (r->state == RUNNER_INITIALIZED)
        return 0;
    if (!r->loop_factory || r->loop_factory == R_NONE) {
        if (!(r->loop = aio_new_event_loop()))
            return -1;
        if (!r->set_event_loop) {
            /* set_event_loop only once */
            if (aio_set_event_loop(r->loop) < 0)
                return -1;
            r->set_event_loop = true;
        }
    } else if (!(r->loop = r_call0(r->loop_factory))) {
        return -1;
    }
    if (r->debug && r->debug != R_NONE && set_debug(r->loop, r->debug) < 0)
        return -1;
    if (!(r->context = r_context_copy_current()))
        return -1;
    r->state = RUNNER_INITIALIZED;
    return 0;
}

static int runner_close(Runner *r)
{
    if (r->state != RUNNER_INITIALIZED)
        return 0;
    RObject *loop = r_incref(r->loop);
    /* constants.THREAD_JOIN_TIMEOUT (3.12+) */
    RObject *timeout = r_profile.minor >= 12 ? r_int_from_i64(300) : NULL;
    shutdown_steps(loop, timeout);
    R_XDECREF(timeout);
    /* finally: */
    RObject *pending = r_err_fetch();
    if (!r->set_event_loop || aio_set_event_loop(R_NONE) == 0)
        close_loop(loop);
    chain_pending(&pending);
    R_CLEAR(r->loop);
    r->state = RUNNER_CLOSED;
    R_DECREF(loop);
    if (pending)
        r_err_restore(pending);
    return r_err_occurred() ? -1 : 0;
}

static RObject *runner_run(Runner *r, RObject *coro, RObject *context)
{
    int is_coro = aio_iscoroutine(coro);
    if (is_coro < 0)
        return NULL;
    if (!is_coro)
        return r_err_format(r_exc_ValueError, "a coroutine was expected, got %R", coro);
    if (aio_get_running_loop_borrowed())
        return r_err_format(r_exc_RuntimeError,
                            "Runner.run() cannot be called from a running event loop");
    if (runner_lazy_init(r) < 0)
        return NULL;
    if (!context || context == R_NONE)
        context = r->context;
    RObject *task = aio_loop_create_task(r->loop, coro, NULL, context);
    if (!task)
        return NULL;
    r->interrupt_count = 0;
    RObject *res = run_until_complete(r->loop, task);
    if (!res) {
        RObject *locals[] = {(RObject *)r, coro, context, task};
        aio_traceback_add("runners.py", "run", 118, locals, 4); /* Runner.run */
    }
    R_DECREF(task);
    return res;
}

static RObject *run_with_runner(RObject *main, RObject *debug, RObject *loop_factory)
{
    Runner *r = (Runner *)r_alloc(&r_aio_runner_type);
    if (!r)
        return NULL;
    r->debug = r_incref(debug ? debug : R_NONE);
    r->loop_factory = r_incref(loop_factory ? loop_factory : R_NONE);
    RObject *res = NULL;
    if (runner_lazy_init(r) == 0) {
        res = runner_run(r, main, NULL);
        /* __exit__: close(), with the pending error as sys.exc_info() */
        RObject *pending = r_err_fetch();
        RObject *saved = aio_handling_begin(pending);
        runner_close(r);
        aio_handling_end(saved);
        chain_pending(&pending);
        if (pending)
            r_err_restore(pending);
        if (r_err_occurred())
            R_CLEAR(res);
    }
    R_DECREF(r);
    return res;
}

static RObject *f_run(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"main", NULL};
    static const char *const kw38[] = {"debug", NULL};
    static const char *const kw312[] = {"debug", "loop_factory", NULL};
    aio_sig sig = {"run", pos, 1, run_takes_loop_factory() ? kw312 : kw38, NULL, NULL, false};
    RObject *out[3] = {NULL, NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    RObject *main = out[0], *debug = out[1], *loop_factory = out[2];
    RObject *res = NULL;
    bool early = true;
    if (aio_get_running_loop_borrowed()) {
        r_err_set_string(r_exc_RuntimeError,
                         "asyncio.run() cannot be called from a running event loop");
    } else if (run_uses_runner()) {
        early = false;
        res = run_with_runner(main, debug, loop_factory);
    } else {
        int is_coro = aio_iscoroutine(main);
        if (is_coro == 0)
            r_err_format(r_exc_ValueError, "a coroutine was expected, got %R", main);
        else if (is_coro > 0) {
            early = false;
            res = run_legacy(main, debug);
        }
    }
    if (!res) {
        /* runners.py's frame holds main until the traceback goes */
        RObject *locals[] = {main, debug, loop_factory};
        int line = early ? AIO_LINE(34, 34, 34, 187, 191, 191) : AIO_LINE(44, 44, 44, 190, 194, 194);
        aio_traceback_add("runners.py", "run", line, locals, 3);
    }
    return res;
}

/* ---- Runner's Python methods ---- */

static RObject *runner_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {NULL};
    static const char *const kwonly[] = {"debug", "loop_factory", NULL};
    aio_sig sig = {"Runner.__init__", pos, 0, kwonly, NULL, NULL, false};
    RObject *out[2] = {NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    Runner *r = (Runner *)r_alloc(type);
    if (!r)
        return NULL;
    r->debug = r_incref(out[0] ? out[0] : R_NONE);
    r->loop_factory = r_incref(out[1] ? out[1] : R_NONE);
    return (RObject *)r;
}

static RObject *m_enter(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("__enter__", kw) < 0 || r_check_nargs("__enter__", nargs, 0, 0) < 0)
        return NULL;
    if (runner_lazy_init((Runner *)self) < 0)
        return NULL;
    return r_incref(self);
}

static RObject *m_exit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    if (runner_close((Runner *)self) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *m_close(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("close", kw) < 0 || r_check_nargs("close", nargs, 0, 0) < 0)
        return NULL;
    if (runner_close((Runner *)self) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *m_get_loop(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("get_loop", kw) < 0 || r_check_nargs("get_loop", nargs, 0, 0) < 0)
        return NULL;
    if (runner_lazy_init((Runner *)self) < 0)
        return NULL;
    return r_incref(((Runner *)self)->loop);
}

static RObject *m_run(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"coro", NULL};
    static const char *const kwonly[] = {"context", NULL};
    aio_sig sig = {"Runner.run", pos, 1, kwonly, NULL, NULL, false};
    RObject *out[2] = {NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return runner_run((Runner *)self, out[0], out[1]);
}

static void runner_dealloc(RObject *o)
{
    Runner *r = (Runner *)o;
    R_XDECREF(r->debug);
    R_XDECREF(r->loop_factory);
    R_XDECREF(r->loop);
    R_XDECREF(r->context);
    r_free(o);
}

static int runner_traverse(RObject *o, r_visitproc visit, void *arg)
{
    Runner *r = (Runner *)o;
    return R_VISIT_EACH(visit, arg, r->debug, r->loop_factory, r->loop, r->context);
}

static void runner_clear(RObject *o)
{
    Runner *r = (Runner *)o;
    R_CLEAR(r->debug);
    R_CLEAR(r->loop_factory);
    R_CLEAR(r->loop);
    R_CLEAR(r->context);
}

static const r_method_def runner_methods[] = {
    {"__enter__", m_enter, 0, NULL},
    {"__exit__", m_exit, 0, NULL},
    {"close", m_close, 0, NULL},
    {"get_loop", m_get_loop, 0, NULL},
    {"run", m_run, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_runner_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Runner",
    .basicsize = sizeof(Runner),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = runner_dealloc,
    .traverse = runner_traverse,
    .clear = runner_clear,
    .getattro = r_generic_getattr,
    .methods = runner_methods,
    .tp_new = runner_tp_new,
    .doc = "A context manager that controls event loop life cycle.",
};

const r_method_def aio_runner_functions[] = {
    {"run", f_run, 0, NULL},
    {NULL, NULL, 0, NULL},
};
