/* tasks.py's module functions around Task: create_task, ensure_future
 * (and _wrap_awaitable), sleep, current_task, all_tasks,
 * run_coroutine_threadsafe; futures.py's isfuture and
 * _set_result_unless_cancelled. */
#include <math.h>

#include "aio.h"
#include "aio_args.h"
#include "aio_coro.h"
#include "boolobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "intobject.h"
#include "moduleobject.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"
#include "warnings.h"

/* ---- version predicates of this file ---- */

/* the loop= argument of sleep (and the combinators): accepted with a
 * DeprecationWarning up to 3.9, gone from 3.10 */
static bool takes_loop_argument(void) { return r_profile.minor <= 9; }
/* create_task(name=) passes name to loop.create_task (no Task-N number
 * consumed) from 3.13; before, set_name() after */
static bool create_task_passes_name(void) { return r_profile.minor >= 13; }
/* create_task(context=): 3.11+ */
static bool takes_context(void) { return r_profile.minor >= 11; }
/* ensure_future checks isfuture first and closes the coroutine when
 * create_task fails: 3.10+ (before: iscoroutine first, no close) */
static bool ensure_future_closes_on_error(void) { return r_profile.minor >= 10; }

/* ---- create_task ---- */

RObject *aio_loop_create_task(RObject *loop, RObject *coro, RObject *name, RObject *context)
{
    if (AIO_LOOP_CHECK(loop))
        return aio_loop_create_task_impl(loop, coro, name, context);
    RObject *meth = r_getattr_cstr(loop, "create_task");
    if (!meth)
        return NULL;
    RObject *argv[3] = {coro, NULL, NULL};
    const char *names[2];
    size_t nkw = 0;
    if (name && name != R_NONE) {
        argv[1 + nkw] = name;
        names[nkw++] = "name";
    }
    if (context && context != R_NONE) {
        argv[1 + nkw] = context;
        names[nkw++] = "context";
    }
    RObject *kw = NULL;
    if (nkw) {
        kw = r_tuple_new((ssize_t)nkw);
        for (size_t i = 0; kw && i < nkw; i++)
            R_TUPLE_ITEMS(kw)[i] = r_incref(r_str_intern(names[i]));
    }
    RObject *res = !nkw || kw ? r_call(meth, argv, 1, kw) : NULL;
    R_XDECREF(kw);
    R_DECREF(meth);
    return res;
}

static RObject *f_create_task(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"coro", NULL};
    static const char *const kw38[] = {"name", NULL};
    static const char *const kw311[] = {"name", "context", NULL};
    aio_sig sig = {"create_task", pos, 1, takes_context() ? kw311 : kw38, NULL, NULL, false};
    RObject *out[3] = {NULL, NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    RObject *coro = out[0], *name = out[1], *context = out[2];
    RObject *loop = aio_get_running_loop();
    RObject *task = NULL;
    if (loop) {
        if (create_task_passes_name()) {
            task = aio_loop_create_task(loop, coro, name, context);
        } else {
            task = aio_loop_create_task(loop, coro, NULL, context);
            if (task && aio_set_task_name(task, name) < 0)
                R_CLEAR(task);
        }
        R_DECREF(loop);
    }
    if (!task) {
        /* the frame keeps coro until the handler of this error ends */
        RObject *locals[] = {coro, name, context};
        aio_traceback_add("tasks.py", "create_task", AIO_LINE(381, 360, 336, 381, 417, 407),
                          locals, 3);
    }
    return task;
}

/* ---- ensure_future ---- */

/* inspect.isawaitable */
static int isawaitable(RObject *o)
{
    if (R_TYPE(o)->am_await)
        return 1;
    if (r_type_lookup(R_TYPE(o), r_str_intern("__await__")))
        return 1;
    return 0;
}

typedef struct {
    AioCoro base;
    RObject *awaitable;
} WrapAwaitable;

static aio_step wrap_awaitable_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    WrapAwaitable *w = (WrapAwaitable *)c;
    if (c->state == 0) {
        c->state = 1;
        *out = r_incref(w->awaitable);
        return AIO_AWAIT;
    }
    if (exc) {
        r_err_restore(r_incref(exc));
        return AIO_RAISE;
    }
    *out = r_incref(value);
    return AIO_RETURN;
}

static const aio_coro_def wrap_awaitable_def_311 = {
    "_wrap_awaitable", "_wrap_awaitable", sizeof(WrapAwaitable), wrap_awaitable_step,
    AIO_CORO_REFS(WrapAwaitable, awaitable), &aio_src__wrap_awaitable};
static const aio_coro_def wrap_awaitable_def_312 = {
    "_wrap_awaitable", "ensure_future.<locals>._wrap_awaitable", sizeof(WrapAwaitable),
    wrap_awaitable_step, AIO_CORO_REFS(WrapAwaitable, awaitable), &aio_src__wrap_awaitable};

static RObject *wrap_awaitable(RObject *awaitable)
{
    WrapAwaitable *w = (WrapAwaitable *)aio_coro_new(
        r_profile.minor >= 12 ? &wrap_awaitable_def_312 : &wrap_awaitable_def_311);
    if (w)
        w->awaitable = r_incref(awaitable);
    return (RObject *)w;
}

static RObject *not_awaitable_error(void)
{
    return r_err_format(r_exc_TypeError,
                        "An asyncio.Future, a coroutine or an awaitable is required");
}

static RObject *check_future_loop(RObject *fut, RObject *loop)
{
    if (loop && loop != R_NONE) {
        RObject *floop = aio_future_get_loop(fut);
        if (!floop)
            return NULL;
        bool same = floop == loop;
        R_DECREF(floop);
        if (!same)
            return r_err_format(r_exc_ValueError,
                                "The future belongs to a different loop than the one "
                                "specified as the loop argument");
    }
    return r_incref(fut);
}

static RObject *create_task_on(RObject *loop, RObject *coro)
{
    if (loop && loop != R_NONE)
        return aio_loop_create_task(loop, coro, NULL, NULL);
    RObject *l = aio_get_event_loop_for_helpers();
    if (!l)
        return NULL;
    RObject *task = aio_loop_create_task(l, coro, NULL, NULL);
    R_DECREF(l);
    return task;
}

RObject *aio_ensure_future(RObject *obj, RObject *loop)
{
    if (!ensure_future_closes_on_error()) {
        /* 3.8/3.9: coroutine, then future, then awaitable */
        int is_coro = aio_iscoroutine(obj);
        if (is_coro < 0)
            return NULL;
        if (is_coro)
            return create_task_on(loop, obj);
        int isf = aio_isfuture(obj);
        if (isf < 0)
            return NULL;
        if (isf)
            return check_future_loop(obj, loop);
        if (!isawaitable(obj))
            return not_awaitable_error();
        RObject *w = wrap_awaitable(obj);
        if (!w)
            return NULL;
        RObject *res = aio_ensure_future(w, loop);
        R_DECREF(w);
        return res;
    }
    int isf = aio_isfuture(obj);
    if (isf < 0)
        return NULL;
    if (isf)
        return check_future_loop(obj, loop);
    bool should_close = true;
    RObject *coro;
    int is_coro = aio_iscoroutine(obj);
    if (is_coro < 0)
        return NULL;
    if (!is_coro) {
        if (!isawaitable(obj))
            return not_awaitable_error();
        if (!(coro = wrap_awaitable(obj)))
            return NULL;
        should_close = false;
    } else {
        coro = r_incref(obj);
    }
    RObject *task = create_task_on(loop, coro);
    if (!task && should_close && r_err_matches(r_exc_RuntimeError)) {
        RObject *exc = r_err_fetch();
        RObject *r = r_call_method(coro, "close", NULL, 0);
        if (r) {
            R_DECREF(r);
            r_err_restore(exc);
        } else {
            R_DECREF(exc);
        }
    }
    R_DECREF(coro);
    return task;
}

static RObject *f_ensure_future(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"coro_or_future", NULL};
    static const char *const kwonly[] = {"loop", NULL};
    aio_sig sig = {"ensure_future", pos, 1, kwonly, NULL, NULL, false};
    RObject *out[2];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    RObject *res = aio_ensure_future(out[0], out[1]);
    if (!res) {
        RObject *locals[] = {out[0], out[1]};
        aio_traceback_add("tasks.py", "ensure_future", AIO_LINE(684, 677, 630, 674, 689, 742),
                          locals, 2);
    }
    return res;
}

/* ---- sleep ---- */

typedef struct {
    AioCoro base;
    RObject *delay, *result, *loop, *handle;
} Sleep;

static aio_step sleep_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    Sleep *s = (Sleep *)c;
    switch (c->state) {
    case 0: {
        if (r_profile.minor == 9 && s->loop && s->loop != R_NONE) {
            RObject *msg = r_str_from_cstr("The loop argument is deprecated since Python 3.8, "
                                           "and scheduled for removal in Python 3.10.");
            int rc = msg ? r_warn(r_exc_DeprecationWarning, msg, 1, NULL) : -1;
            R_XDECREF(msg);
            if (rc < 0)
                return AIO_RAISE;
        }
        RObject *zero = r_int_from_i64(0);
        int le = zero ? r_richcompare_bool(s->delay, zero, R_LE) : -1;
        R_XDECREF(zero);
        if (le < 0)
            return AIO_RAISE;
        if (le) {
            /* await __sleep0(): a bare yield, one loop iteration */
            c->state = 1;
            *out = r_incref(R_NONE);
            return AIO_YIELD;
        }
        if (r_profile.minor >= 13 && R_FLOAT_CHECK(s->delay) &&
            isnan(r_float_as_double(s->delay))) {
            r_err_set_string(r_exc_ValueError, "Invalid delay: NaN (not a number)");
            return AIO_RAISE;
        }
        RObject *loop;
        if (!s->loop || s->loop == R_NONE) {
            if (!(loop = aio_get_running_loop()))
                return AIO_RAISE;
        } else {
            if (r_profile.minor == 8) {
                RObject *msg = r_str_from_cstr("The loop argument is deprecated since Python "
                                               "3.8, and scheduled for removal in Python 3.10.");
                int rc = msg ? r_warn(r_exc_DeprecationWarning, msg, 1, NULL) : -1;
                R_XDECREF(msg);
                if (rc < 0)
                    return AIO_RAISE;
            }
            loop = r_incref(s->loop);
        }
        R_SETREF(s->loop, loop);
        RObject *future = aio_loop_create_future(loop);
        if (!future)
            return AIO_RAISE;
        RObject *cb = aio_set_result_unless_cancelled_obj();
        RObject *cbargs[2] = {future, s->result};
        RObject *h = NULL;
        if (cb) {
            if (AIO_LOOP_CHECK(loop)) {
                double d = R_FLOAT_CHECK(s->delay) ? r_float_as_double(s->delay)
                                                   : r_int_as_double(s->delay);
                h = d == -1.0 && r_err_occurred() ? NULL
                                                  : aio_call_later(loop, d, cb, cbargs, 2);
            } else {
                RObject *argv[4] = {s->delay, cb, future, s->result};
                h = r_call_method(loop, "call_later", argv, 4);
            }
        }
        if (!h) {
            R_DECREF(future);
            return AIO_RAISE;
        }
        s->handle = h;
        c->state = 2;
        *out = future;
        return AIO_AWAIT;
    }
    case 1:
        if (exc) {
            r_err_restore(r_incref(exc));
            return AIO_RAISE;
        }
        *out = r_incref(s->result);
        return AIO_RETURN;
    default: {
        /* finally: h.cancel() */
        RObject *r = r_call_method(s->handle, "cancel", NULL, 0);
        if (!r)
            return AIO_RAISE;
        R_DECREF(r);
        if (exc) {
            r_err_restore(r_incref(exc));
            return AIO_RAISE;
        }
        *out = r_incref(value);
        return AIO_RETURN;
    }
    }
}

static const aio_coro_def sleep_def = {"sleep", "sleep", sizeof(Sleep), sleep_step,
                                       AIO_CORO_REFS(Sleep, handle), &aio_src_sleep};

RObject *aio_sleep_new(RObject *delay, RObject *result)
{
    Sleep *s = (Sleep *)aio_coro_new(&sleep_def);
    if (!s)
        return NULL;
    s->delay = r_incref(delay);
    s->result = r_incref(result ? result : R_NONE);
    return (RObject *)s;
}

static RObject *f_sleep(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"delay", "result", NULL};
    static const char *const kwonly[] = {"loop", NULL};
    aio_sig sig = {"sleep", pos, 1, takes_loop_argument() ? kwonly : NULL, NULL, NULL, false};
    RObject *out[3] = {NULL, NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    Sleep *s = (Sleep *)aio_sleep_new(out[0], out[1]);
    if (s && out[2])
        s->loop = r_incref(out[2]);
    return (RObject *)s;
}

/* ---- current_task, all_tasks ---- */

static RObject *loop_arg(RObject *const *args, size_t nargs, RObject *kw, const char *name)
{
    static const char *const pos[] = {"loop", NULL};
    aio_sig sig = {name, pos, 0, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    if (!out[0] || out[0] == R_NONE)
        return aio_get_running_loop();
    return r_incref(out[0]);
}

static RObject *f_current_task(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    RObject *loop = loop_arg(args, nargs, kw, "current_task");
    if (!loop)
        return NULL;
    RObject *t = aio_current_task(loop);
    R_DECREF(loop);
    return r_incref(t ? t : R_NONE);
}

static RObject *f_all_tasks(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    RObject *loop = loop_arg(args, nargs, kw, "all_tasks");
    if (!loop)
        return NULL;
    RObject *res = aio_all_tasks(loop);
    R_DECREF(loop);
    return res;
}

/* ---- isfuture, iscoroutine, _set_result_unless_cancelled ---- */

static RObject *f_isfuture(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"obj", NULL};
    aio_sig sig = {"isfuture", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    int r = aio_isfuture(out[0]);
    return r < 0 ? NULL : r_bool_from_long(r);
}

static RObject *f_set_result_unless_cancelled(RObject *self, RObject *const *args, size_t nargs,
                                              RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"fut", "result", NULL};
    aio_sig sig = {"_set_result_unless_cancelled", pos, 2, NULL, NULL, NULL, false};
    RObject *out[2];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    int c = aio_future_cancelled(out[0]);
    if (c < 0)
        return NULL;
    if (!c && aio_future_set_result(out[0], out[1]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static const r_method_def set_result_unless_cancelled_def = {
    "_set_result_unless_cancelled", f_set_result_unless_cancelled, 0, NULL};
static RObject *set_result_unless_cancelled_obj;

RObject *aio_set_result_unless_cancelled_obj(void)
{
    if (!set_result_unless_cancelled_obj)
        aio_register_c_source(&set_result_unless_cancelled_def,
                              &aio_src__set_result_unless_cancelled);
    if (!set_result_unless_cancelled_obj)
        set_result_unless_cancelled_obj = r_cfunction_new(&set_result_unless_cancelled_def, NULL,
                                                          r_str_intern("asyncio.futures"));
    return set_result_unless_cancelled_obj;
}

/* ---- run_coroutine_threadsafe ---- */

int aio_chain_future(RObject *source, RObject *destination);

/* run_coroutine_threadsafe.<locals>.callback: cells coro, loop, future */
static RObject *threadsafe_callback(RObject **cells, RObject *const *args, size_t nargs,
                                    RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("callback", kw) < 0 || r_check_nargs("callback", nargs, 0, 0) < 0)
        return NULL;
    RObject *task = aio_ensure_future(cells[0], cells[1]);
    int rc = task ? aio_chain_future(task, cells[2]) : -1;
    R_XDECREF(task);
    if (rc == 0)
        R_RETURN_NONE;
    if (r_err_matches(r_exc_SystemExit) || r_err_matches(r_exc_KeyboardInterrupt))
        return NULL;
    RObject *exc = r_err_fetch();
    RObject *ok = r_call_method(cells[2], "set_running_or_notify_cancel", NULL, 0);
    int t = ok ? r_is_true(ok) : -1;
    R_XDECREF(ok);
    if (t > 0) {
        RObject *r = r_call_method(cells[2], "set_exception", &exc, 1);
        R_XDECREF(r);
    }
    if (t < 0 || r_err_occurred()) {
        R_DECREF(exc);
        return NULL;
    }
    r_err_restore(exc);
    return NULL;
}

static RObject *f_run_coroutine_threadsafe(RObject *self, RObject *const *args, size_t nargs,
                                           RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"coro", "loop", NULL};
    aio_sig sig = {"run_coroutine_threadsafe", pos, 2, NULL, NULL, NULL, false};
    RObject *out[2];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    int is_coro = aio_iscoroutine(out[0]);
    if (is_coro < 0)
        return NULL;
    if (!is_coro)
        return r_err_format(r_exc_TypeError, "A coroutine object is required");
    RObject *future = aio_cf_future_new();
    if (!future)
        return NULL;
    RObject *cells[3] = {out[0], out[1], future};
    RObject *cb = aio_closure_new("run_coroutine_threadsafe.<locals>.callback",
                                  threadsafe_callback, 3, cells);
    RObject *h = cb ? r_call_method(out[1], "call_soon_threadsafe", &cb, 1) : NULL;
    R_XDECREF(cb);
    if (!h) {
        R_DECREF(future);
        return NULL;
    }
    R_DECREF(h);
    return future;
}

/* ---- 3.12+: create_eager_task_factory, eager_task_factory ---- */

/* factory(loop, coro, *, name=None, context=None), self the constructor:
 * custom_task_constructor(coro, loop=loop, name=name, context=context,
 * eager_start=True) */
static RObject *eager_factory(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"loop", "coro", NULL};
    static const char *const kwonly[] = {"name", "context", NULL};
    aio_sig sig = {"create_eager_task_factory.<locals>.factory", pos, 2, kwonly, NULL, NULL,
                   false};
    RObject *out[4] = {NULL, NULL, NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    RObject *argv[5] = {out[1], out[0], out[2] ? out[2] : R_NONE, out[3] ? out[3] : R_NONE,
                        R_TRUE};
    RObject *names = r_tuple_pack(4, r_str_intern("loop"), r_str_intern("name"),
                                  r_str_intern("context"), r_str_intern("eager_start"));
    RObject *task = names ? r_call(self, argv, 1, names) : NULL;
    R_XDECREF(names);
    return task;
}

static const r_method_def eager_factory_def = {"factory", eager_factory, 0, NULL};

static RObject *f_create_eager_task_factory(RObject *self, RObject *const *args, size_t nargs,
                                            RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"custom_task_constructor", NULL};
    aio_sig sig = {"create_eager_task_factory", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1] = {NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return r_cfunction_new(&eager_factory_def, out[0], NULL);
}

static const r_method_def eager_task_functions[] = {
    {"create_eager_task_factory", f_create_eager_task_factory, 0, NULL},
    {NULL, NULL, 0, NULL},
};

int aio_eager_tasks_init(RObject *tasks)
{
    if (r_profile.minor < 12)
        return 0;
    if (r_module_add_functions(tasks, eager_task_functions) < 0)
        return -1;
    RObject *factory = r_cfunction_new(&eager_factory_def, (RObject *)&r_aio_task_type, NULL);
    int rc = factory ? r_module_add_object(tasks, "eager_task_factory", factory) : -1;
    R_XDECREF(factory);
    return rc;
}

const r_method_def aio_task_functions[] = {
    {"create_task", f_create_task, 0, NULL},
    {"ensure_future", f_ensure_future, 0, NULL},
    {"sleep", f_sleep, 0, NULL},
    {"current_task", f_current_task, 0, NULL},
    {"all_tasks", f_all_tasks, 0, NULL},
    {"isfuture", f_isfuture, 0, NULL},
    {"run_coroutine_threadsafe", f_run_coroutine_threadsafe, 0, NULL},
    {NULL, NULL, 0, NULL},
};
