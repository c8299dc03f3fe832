/* timeouts.py (Timeout, timeout, timeout_at) and taskgroups.py
 * (TaskGroup), both 3.11+. */
#include "aio.h"
#include "aio_args.h"
#include "aio_coro.h"
#include "boolobject.h"
#include "builtins.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "gc.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "profile.h"
#include "setobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

/* ---- version predicates of this file ---- */

/* Timeout.__aexit__ also puts a TimeoutError into the context chain of
 * other exceptions, and tests issubclass: 3.13 */
static bool timeout_inserts_timeout_error(void) { return r_profile.minor >= 13; }
/* TaskGroup.create_task handles a task already done at once: 3.12+ */
static bool taskgroup_handles_done_task(void) { return r_profile.minor >= 12; }
/* TaskGroup's 3.13 cancellation rework (uncancel after the wait, issubclass
 * tests, closing refused coroutines, name passed to create_task) */
static bool taskgroup_313(void) { return r_profile.minor >= 13; }

/* ---- Timeout ---- */

typedef enum { T_CREATED, T_ENTERED, T_EXPIRING, T_EXPIRED, T_EXITED } timeout_state;

static const char *const state_values[] = {"created", "active", "expiring", "expired",
                                           "finished"};

typedef struct {
    RObject ob;
    timeout_state state;
    RObject *timeout_handler;
    RObject *task;
    RObject *when;
    ssize_t cancelling;
} Timeout;

extern RType r_aio_timeout_type, r_aio_taskgroup_type;

static RObject *timeout_on_timeout(RObject *self, RObject *const *args, size_t nargs,
                                   RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("_on_timeout", kw) < 0 || r_check_nargs("_on_timeout", nargs, 0, 0) < 0)
        return NULL;
    Timeout *t = (Timeout *)self;
    if (aio_future_cancel(t->task, NULL) < 0)
        return NULL;
    t->state = T_EXPIRING;
    R_CLEAR(t->timeout_handler); /* drop the reference early */
    R_RETURN_NONE;
}

static const r_method_def on_timeout_def = {"_on_timeout", timeout_on_timeout, 0, NULL};

static int reschedule(Timeout *t, RObject *when)
{
    if (t->state != T_ENTERED) {
        if (t->state == T_CREATED)
            r_err_set_string(r_exc_RuntimeError, "Timeout has not been entered");
        else
            r_err_format(r_exc_RuntimeError, "Cannot change state of %s Timeout",
                         state_values[t->state]);
        return -1;
    }
    R_SETREF(t->when, r_incref(when));
    if (t->timeout_handler) {
        RObject *r = r_call_method(t->timeout_handler, "cancel", NULL, 0);
        if (!r)
            return -1;
        R_DECREF(r);
    }
    if (when == R_NONE) {
        R_CLEAR(t->timeout_handler);
        return 0;
    }
    RObject *loop = aio_get_running_loop();
    if (!loop)
        return -1;
    RObject *now = r_call_method(loop, "time", NULL, 0);
    int le = now ? r_richcompare_bool(when, now, R_LE) : -1;
    R_XDECREF(now);
    RObject *cb = le >= 0 ? r_cfunction_new(&on_timeout_def, (RObject *)t, NULL) : NULL;
    RObject *h = NULL;
    if (cb)
        h = le ? aio_call_soon(loop, cb, NULL, 0, NULL) : aio_call_at(loop, when, cb, NULL, 0);
    R_XDECREF(cb);
    R_DECREF(loop);
    if (!h)
        return -1;
    R_SETREF(t->timeout_handler, h);
    return 0;
}

typedef struct {
    AioCoro base;
    Timeout *t;
    RObject *et, *ev;
} TimeoutCm;

static aio_step timeout_aenter_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    (void)exc;
    Timeout *t = ((TimeoutCm *)c)->t;
    if (t->state != T_CREATED) {
        r_err_set_string(r_exc_RuntimeError, "Timeout has already been entered");
        return AIO_RAISE;
    }
    RObject *loop = aio_get_running_loop();
    if (!loop)
        return AIO_RAISE;
    RObject *task = aio_current_task(loop);
    R_DECREF(loop);
    if (!task) {
        r_err_set_string(r_exc_RuntimeError, "Timeout should be used inside a task");
        return AIO_RAISE;
    }
    t->state = T_ENTERED;
    R_SETREF(t->task, r_incref(task));
    RObject *n = r_call_method(task, "cancelling", NULL, 0);
    if (!n)
        return AIO_RAISE;
    t->cancelling = r_int_as_ssize(n);
    R_DECREF(n);
    RObject *when = r_incref(t->when);
    int rc = reschedule(t, when);
    R_DECREF(when);
    if (rc < 0)
        return AIO_RAISE;
    *out = r_incref((RObject *)t);
    return AIO_RETURN;
}

/* _insert_timeout_error (3.13) */
static void insert_timeout_error(RObject *exc_val)
{
    for (;;) {
        RObject *ctx = ((RBaseException *)exc_val)->context;
        if (!ctx)
            return;
        if (r_typecheck(ctx, r_aio_CancelledError)) {
            RObject *te = r_exc_new(r_exc_TimeoutError, r_tuple_empty());
            if (!te)
                return;
            r_exc_set_context(te, r_incref(ctx));
            r_exc_set_cause(te, r_incref(ctx));
            r_exc_set_context(exc_val, te);
            return;
        }
        exc_val = ctx;
    }
}

static aio_step timeout_aexit_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    (void)exc;
    TimeoutCm *cm = (TimeoutCm *)c;
    Timeout *t = cm->t;
    if (t->timeout_handler) {
        RObject *r = r_call_method(t->timeout_handler, "cancel", NULL, 0);
        if (!r)
            return AIO_RAISE;
        R_DECREF(r);
        R_CLEAR(t->timeout_handler);
    }
    if (t->state == T_EXPIRING) {
        t->state = T_EXPIRED;
        RObject *n = r_call_method(t->task, "uncancel", NULL, 0);
        if (!n)
            return AIO_RAISE;
        ssize_t left = r_int_as_ssize(n);
        R_DECREF(n);
        bool is_cancelled_error =
            timeout_inserts_timeout_error()
                ? cm->et != R_NONE && r_typecheck(cm->et, &r_type_type) &&
                      r_type_is_subtype((RType *)cm->et, r_aio_CancelledError)
                : cm->et == (RObject *)r_aio_CancelledError;
        if (left <= t->cancelling && is_cancelled_error) {
            /* raise TimeoutError from exc_val */
            RObject *te = r_exc_new(r_exc_TimeoutError, r_tuple_empty());
            if (!te)
                return AIO_RAISE;
            if (cm->ev != R_NONE) {
                r_exc_set_cause(te, r_incref(cm->ev));
                r_exc_set_context(te, r_incref(cm->ev));
            }
            r_err_restore(te);
            return AIO_RAISE;
        }
        if (left <= t->cancelling && timeout_inserts_timeout_error() && cm->et != R_NONE &&
            cm->ev != R_NONE)
            insert_timeout_error(cm->ev);
    } else if (t->state == T_ENTERED) {
        t->state = T_EXITED;
    }
    *out = r_incref(R_NONE);
    return AIO_RETURN;
}

static const aio_coro_def timeout_aenter_def = {"__aenter__", "Timeout.__aenter__",
                                                sizeof(TimeoutCm), timeout_aenter_step,
                                                AIO_CORO_REFS(TimeoutCm, ev), NULL};
static const aio_coro_def timeout_aexit_def = {"__aexit__", "Timeout.__aexit__",
                                               sizeof(TimeoutCm), timeout_aexit_step,
                                               AIO_CORO_REFS(TimeoutCm, ev), NULL};

RObject *aio_timeout_aenter(RObject *timeout)
{
    TimeoutCm *cm = (TimeoutCm *)aio_coro_new(&timeout_aenter_def);
    if (cm)
        cm->t = (Timeout *)r_incref(timeout);
    return (RObject *)cm;
}

RObject *aio_timeout_aexit(RObject *timeout, RObject *et, RObject *ev)
{
    TimeoutCm *cm = (TimeoutCm *)aio_coro_new(&timeout_aexit_def);
    if (cm) {
        cm->t = (Timeout *)r_incref(timeout);
        cm->et = r_incref(et ? et : R_NONE);
        cm->ev = r_incref(ev ? ev : R_NONE);
    }
    return (RObject *)cm;
}

RObject *aio_timeout_new(RObject *when)
{
    Timeout *t = (Timeout *)r_alloc(&r_aio_timeout_type);
    if (t)
        t->when = r_incref(when);
    return (RObject *)t;
}

/* timeouts.timeout(delay) */
RObject *aio_timeout_after(RObject *delay)
{
    if (delay == R_NONE)
        return aio_timeout_new(R_NONE);
    RObject *loop = aio_get_running_loop();
    if (!loop)
        return NULL;
    RObject *now = r_call_method(loop, "time", NULL, 0);
    R_DECREF(loop);
    RObject *when = now ? r_number_binop(now, delay, offsetof(RType, nb_add), "+") : NULL;
    R_XDECREF(now);
    RObject *t = when ? aio_timeout_new(when) : NULL;
    R_XDECREF(when);
    return t;
}

static RObject *t_aenter(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("__aenter__", kw) < 0 || r_check_nargs("__aenter__", nargs, 0, 0) < 0)
        return NULL;
    return aio_timeout_aenter(self);
}

static RObject *t_aexit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"exc_type", "exc_val", "exc_tb", NULL};
    aio_sig sig = {"Timeout.__aexit__", pos, 3, NULL, NULL, NULL, false};
    RObject *out[3];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return aio_timeout_aexit(self, out[0], out[1]);
}

static RObject *t_when(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("when", kw) < 0 || r_check_nargs("when", nargs, 0, 0) < 0)
        return NULL;
    return r_incref(((Timeout *)self)->when);
}

static RObject *t_reschedule(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"when", NULL};
    aio_sig sig = {"Timeout.reschedule", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0 || reschedule((Timeout *)self, out[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *t_expired(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("expired", kw) < 0 || r_check_nargs("expired", nargs, 0, 0) < 0)
        return NULL;
    timeout_state s = ((Timeout *)self)->state;
    return r_bool_from_long(s == T_EXPIRING || s == T_EXPIRED);
}

static RObject *t_repr(RObject *self)
{
    Timeout *t = (Timeout *)self;
    if (t->state != T_ENTERED)
        return r_str_from_format("<Timeout [%s]>", state_values[t->state]);
    RObject *w;
    if (t->when == R_NONE) {
        w = r_str_from_cstr("None");
    } else {
        RObject *three = r_int_from_i64(3);
        RObject *rounded = !three                      ? NULL
                           : R_FLOAT_CHECK(t->when) ? r_float_round(t->when, three)
                           : R_INT_CHECK(t->when)   ? r_int_round(t->when, three)
                                                    : r_call_method(t->when, "__round__", &three, 1);
        R_XDECREF(three);
        w = rounded ? r_str(rounded) : NULL;
        R_XDECREF(rounded);
    }
    RObject *res = w ? r_str_from_format("<Timeout [active] when=%U>", w) : NULL;
    R_XDECREF(w);
    return res;
}

static void t_dealloc(RObject *o)
{
    Timeout *t = (Timeout *)o;
    R_XDECREF(t->timeout_handler);
    R_XDECREF(t->task);
    R_XDECREF(t->when);
    r_free(o);
}

static int t_traverse(RObject *o, r_visitproc visit, void *arg)
{
    Timeout *t = (Timeout *)o;
    return R_VISIT_EACH(visit, arg, t->timeout_handler, t->task, t->when);
}

static void t_clear(RObject *o)
{
    Timeout *t = (Timeout *)o;
    R_CLEAR(t->timeout_handler);
    R_CLEAR(t->task);
}

static RObject *t_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)type;
    static const char *const pos[] = {"when", NULL};
    aio_sig sig = {"Timeout.__init__", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return aio_timeout_new(out[0]);
}

static const r_method_def timeout_methods[] = {
    {"__aenter__", t_aenter, 0, NULL},
    {"__aexit__", t_aexit, 0, NULL},
    {"when", t_when, 0, NULL},
    {"reschedule", t_reschedule, 0, NULL},
    {"expired", t_expired, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_timeout_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Timeout",
    .basicsize = sizeof(Timeout),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = t_dealloc,
    .traverse = t_traverse,
    .clear = t_clear,
    .repr = t_repr,
    .getattro = r_generic_getattr,
    .methods = timeout_methods,
    .tp_new = t_tp_new,
    .doc = "Asynchronous context manager for cancelling overdue coroutines.",
};

static RObject *f_timeout(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"delay", NULL};
    aio_sig sig = {"timeout", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return aio_timeout_after(out[0]);
}

static RObject *f_timeout_at(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"when", NULL};
    aio_sig sig = {"timeout_at", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return aio_timeout_new(out[0]);
}

static const r_method_def timeout_functions[] = {
    {"timeout", f_timeout, 0, NULL},
    {"timeout_at", f_timeout_at, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- TaskGroup ---- */

typedef struct {
    RObject ob;
    bool entered, exiting, aborting, parent_cancel_requested;
    RObject *loop, *parent_task;
    RObject *tasks;  /* a set */
    RObject *errors; /* a list, or NULL once raised */
    RObject *base_error;
    RObject *on_completed_fut;
} TaskGroup;

static bool is_base_error(RObject *exc)
{
    return r_typecheck(exc, r_exc_SystemExit) || r_typecheck(exc, r_exc_KeyboardInterrupt);
}

static int tg_abort(TaskGroup *g)
{
    g->aborting = true;
    RObject *tasks = r_sequence_list(g->tasks);
    if (!tasks)
        return -1;
    for (ssize_t i = 0; i < R_LIST_SIZE(tasks); i++) {
        RObject *t = R_LIST_ITEMS(tasks)[i];
        int done = aio_future_done(t);
        if (done < 0 || (!done && aio_future_cancel(t, NULL) < 0)) {
            R_DECREF(tasks);
            return -1;
        }
    }
    R_DECREF(tasks);
    return 0;
}

static RObject *tg_on_task_done(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("_on_task_done", kw) < 0 ||
        r_check_nargs("_on_task_done", nargs, 1, 1) < 0)
        return NULL;
    TaskGroup *g = (TaskGroup *)self;
    RObject *task = args[0];
    if (r_set_discard(g->tasks, task) < 0)
        return NULL;
    if (g->on_completed_fut && r_set_size(g->tasks) == 0) {
        int done = aio_future_done(g->on_completed_fut);
        if (done < 0 || (!done && aio_future_set_result(g->on_completed_fut, R_TRUE) < 0))
            return NULL;
    }
    int c = aio_future_cancelled(task);
    if (c < 0)
        return NULL;
    if (c)
        R_RETURN_NONE;
    RObject *exc = aio_future_exception(task);
    if (!exc)
        return NULL;
    if (exc == R_NONE) {
        R_DECREF(exc);
        R_RETURN_NONE;
    }
    if (g->errors && r_list_append(g->errors, exc) < 0)
        goto fail;
    if (is_base_error(exc) && !g->base_error)
        g->base_error = r_incref(exc);
    int pdone = aio_future_done(g->parent_task);
    if (pdone < 0)
        goto fail;
    if (pdone) {
        RObject *msg = r_str_from_format("Task %R has errored out but its parent task %S is "
                                         "already completed",
                                         task, g->parent_task);
        RObject *ctx = msg ? r_dict_new() : NULL;
        if (ctx && r_dict_set_item_cstr(ctx, "message", msg) == 0 &&
            r_dict_set_item_cstr(ctx, "exception", exc) == 0 &&
            r_dict_set_item_cstr(ctx, "task", task) == 0)
            aio_call_exception_handler(g->loop, ctx);
        R_XDECREF(ctx);
        R_XDECREF(msg);
        R_DECREF(exc);
        R_RETURN_NONE;
    }
    if (!g->aborting && !g->parent_cancel_requested) {
        if (tg_abort(g) < 0)
            goto fail;
        g->parent_cancel_requested = true;
        if (aio_future_cancel(g->parent_task, NULL) < 0)
            goto fail;
    }
    R_DECREF(exc);
    R_RETURN_NONE;
fail:
    R_DECREF(exc);
    return NULL;
}

static const r_method_def on_task_done_def = {"_on_task_done", tg_on_task_done, 0, NULL};

static RObject *tg_repr(RObject *self)
{
    TaskGroup *g = (TaskGroup *)self;
    r_str_builder b;
    r_sb_init(&b);
    r_sb_append_cstr(&b, "<TaskGroup");
    if (r_set_size(g->tasks))
        r_sb_printf(&b, " tasks=%zd", r_set_size(g->tasks));
    if (g->errors && R_LIST_SIZE(g->errors))
        r_sb_printf(&b, " errors=%zd", R_LIST_SIZE(g->errors));
    if (g->aborting)
        r_sb_append_cstr(&b, " cancelling");
    else if (g->entered)
        r_sb_append_cstr(&b, " entered");
    r_sb_append_cstr(&b, ">");
    return r_sb_finish(&b);
}

typedef struct {
    AioCoro base;
    TaskGroup *g;
    RObject *et, *exc;
    RObject *propagate;
} TgExit;

static aio_step tg_aenter_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    (void)exc;
    TaskGroup *g = ((TgExit *)c)->g;
    if (g->entered) {
        r_err_format(r_exc_RuntimeError, "TaskGroup %R has already been entered", (RObject *)g);
        return AIO_RAISE;
    }
    if (!g->loop && !(g->loop = aio_get_running_loop()))
        return AIO_RAISE;
    RObject *parent = aio_current_task(g->loop);
    R_SETREF(g->parent_task, parent ? r_incref(parent) : NULL);
    if (!g->parent_task) {
        r_err_format(r_exc_RuntimeError, "TaskGroup %R cannot determine the parent task",
                     (RObject *)g);
        return AIO_RAISE;
    }
    g->entered = true;
    *out = r_incref((RObject *)g);
    return AIO_RETURN;
}

static bool is_cancelled_error_type(RObject *et)
{
    if (taskgroup_313())
        return et != R_NONE && r_typecheck(et, &r_type_type) &&
               r_type_is_subtype((RType *)et, r_aio_CancelledError);
    return et == (RObject *)r_aio_CancelledError;
}

/* `raise BaseExceptionGroup('unhandled errors in a TaskGroup', errors) from
 * None`, with the builtin looked up as the Python code would */
static void raise_group(TaskGroup *g)
{
    RObject *errors = g->errors;
    g->errors = NULL;
    RObject *sys = r_builtins_sys_module();
    RObject *modules = sys ? r_dict_get_item_cstr(r_module_dict(sys), "modules") : NULL;
    RObject *b = modules ? r_dict_get_item_cstr(modules, "builtins") : NULL;
    RObject *cls = b ? r_dict_get_item_cstr(r_module_dict(b), "BaseExceptionGroup") : NULL;
    if (!cls) {
        r_err_format(r_exc_NameError, "name 'BaseExceptionGroup' is not defined");
        R_DECREF(errors);
        return;
    }
    RObject *argv[2] = {r_str_intern("unhandled errors in a TaskGroup"), errors};
    RObject *me = r_call(cls, argv, 2, NULL);
    R_DECREF(errors);
    if (!me)
        return;
    r_exc_set_cause(me, NULL);
    ((RBaseException *)me)->suppress_context = true;
    r_err_restore(me);
}

static aio_step tg_aexit_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    TgExit *x = (TgExit *)c;
    TaskGroup *g = x->g;
    if (c->state == 0) {
        g->exiting = true;
        if (x->exc != R_NONE && is_base_error(x->exc) && !g->base_error)
            g->base_error = r_incref(x->exc);
        x->propagate = r_incref(is_cancelled_error_type(x->et) ? x->exc : R_NONE);
        if (!taskgroup_313() && g->parent_cancel_requested) {
            RObject *n = r_call_method(g->parent_task, "uncancel", NULL, 0);
            if (!n)
                return AIO_RAISE;
            bool zero = r_int_as_ssize(n) == 0;
            R_DECREF(n);
            if (zero)
                R_SETREF(x->propagate, r_incref(R_NONE));
        }
        if (x->et != R_NONE && !g->aborting && tg_abort(g) < 0)
            return AIO_RAISE;
    } else {
        /* after `await self._on_completed_fut` */
        if (exc) {
            if (!r_typecheck(exc, r_aio_CancelledError)) {
                r_err_restore(r_incref(exc));
                return AIO_RAISE;
            }
            if (!g->aborting) {
                R_SETREF(x->propagate, r_incref(exc));
                if (tg_abort(g) < 0)
                    return AIO_RAISE;
            }
        }
        R_CLEAR(g->on_completed_fut);
    }
    if (r_set_size(g->tasks)) {
        if (!g->on_completed_fut && !(g->on_completed_fut = aio_loop_create_future(g->loop)))
            return AIO_RAISE;
        c->state = 1;
        *out = r_incref(g->on_completed_fut);
        return AIO_AWAIT;
    }
    if (g->base_error) {
        r_err_restore(r_incref(g->base_error));
        return AIO_RAISE;
    }
    if (taskgroup_313() && g->parent_cancel_requested) {
        RObject *n = r_call_method(g->parent_task, "uncancel", NULL, 0);
        if (!n)
            return AIO_RAISE;
        bool zero = r_int_as_ssize(n) == 0;
        R_DECREF(n);
        if (zero)
            R_SETREF(x->propagate, r_incref(R_NONE));
    }
    bool no_errors = !g->errors || R_LIST_SIZE(g->errors) == 0;
    if (x->propagate != R_NONE && no_errors) {
        r_err_restore(r_incref(x->propagate));
        return AIO_RAISE;
    }
    if (x->et != R_NONE && !is_cancelled_error_type(x->et) && g->errors &&
        r_list_append(g->errors, x->exc) < 0)
        return AIO_RAISE;
    if (g->errors && R_LIST_SIZE(g->errors)) {
        if (taskgroup_313()) {
            RObject *n = r_call_method(g->parent_task, "cancelling", NULL, 0);
            int t = n ? r_is_true(n) : -1;
            R_XDECREF(n);
            if (t < 0)
                return AIO_RAISE;
            if (t) {
                RObject *r = r_call_method(g->parent_task, "uncancel", NULL, 0);
                R_XDECREF(r);
                if (!r || aio_future_cancel(g->parent_task, NULL) < 0)
                    return AIO_RAISE;
            }
        }
        raise_group(g);
        return AIO_RAISE;
    }
    *out = r_incref(R_NONE);
    return AIO_RETURN;
}

static const aio_coro_def tg_aenter_def = {"__aenter__", "TaskGroup.__aenter__", sizeof(TgExit),
                                           tg_aenter_step, AIO_CORO_REFS(TgExit, propagate), NULL};
static const aio_coro_def tg_aexit_def = {"__aexit__", "TaskGroup.__aexit__", sizeof(TgExit),
                                          tg_aexit_step, AIO_CORO_REFS(TgExit, propagate), NULL};

static RObject *tg_aenter(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("__aenter__", kw) < 0 || r_check_nargs("__aenter__", nargs, 0, 0) < 0)
        return NULL;
    TgExit *x = (TgExit *)aio_coro_new(&tg_aenter_def);
    if (x)
        x->g = (TaskGroup *)r_incref(self);
    return (RObject *)x;
}

static RObject *tg_aexit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"et", "exc", "tb", NULL};
    aio_sig sig = {"TaskGroup.__aexit__", pos, 3, NULL, NULL, NULL, false};
    RObject *out[3];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    TgExit *x = (TgExit *)aio_coro_new(&tg_aexit_def);
    if (x) {
        x->g = (TaskGroup *)r_incref(self);
        x->et = r_incref(out[0]);
        x->exc = r_incref(out[1]);
    }
    return (RObject *)x;
}

static RObject *tg_refuse(TaskGroup *g, RObject *coro, const char *why)
{
    if (taskgroup_313()) {
        RObject *r = r_call_method(coro, "close", NULL, 0);
        if (!r)
            return NULL;
        R_DECREF(r);
    }
    return r_err_format(r_exc_RuntimeError, why, (RObject *)g);
}

static RObject *tg_create_task(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"coro", NULL};
    static const char *const kwonly[] = {"name", "context", NULL};
    aio_sig sig = {"TaskGroup.create_task", pos, 1, kwonly, NULL, NULL, false};
    RObject *out[3] = {NULL, NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    TaskGroup *g = (TaskGroup *)self;
    RObject *coro = out[0], *name = out[1], *context = out[2];
    if (!g->entered)
        return tg_refuse(g, coro, "TaskGroup %R has not been entered");
    if (g->exiting && r_set_size(g->tasks) == 0)
        return tg_refuse(g, coro, "TaskGroup %R is finished");
    if (g->aborting)
        return tg_refuse(g, coro, "TaskGroup %R is shutting down");
    RObject *task = aio_loop_create_task(g->loop, coro, taskgroup_313() ? name : NULL,
                                         context && context != R_NONE ? context : NULL);
    if (!task)
        return NULL;
    if (!taskgroup_313() && aio_set_task_name(task, name) < 0)
        goto fail;
    RObject *cb = r_cfunction_new(&on_task_done_def, self, NULL);
    if (!cb)
        goto fail;
    int done = taskgroup_handles_done_task() ? aio_future_done(task) : 0;
    int rc;
    if (done < 0) {
        rc = -1;
    } else if (done) {
        RObject *r = r_call1(cb, task);
        rc = r ? 0 : -1;
        R_XDECREF(r);
    } else if (taskgroup_handles_done_task()) {
        rc = r_set_add(g->tasks, task) < 0 ? -1 : aio_future_add_done_callback(task, cb, NULL);
    } else {
        rc = aio_future_add_done_callback(task, cb, NULL) < 0 ? -1 : r_set_add(g->tasks, task);
    }
    R_DECREF(cb);
    if (rc < 0)
        goto fail;
    return task;
fail:
    R_DECREF(task);
    return NULL;
}

static void tg_dealloc(RObject *o)
{
    TaskGroup *g = (TaskGroup *)o;
    R_XDECREF(g->loop);
    R_XDECREF(g->parent_task);
    R_XDECREF(g->tasks);
    R_XDECREF(g->errors);
    R_XDECREF(g->base_error);
    R_XDECREF(g->on_completed_fut);
    r_free(o);
}

static int tg_traverse(RObject *o, r_visitproc visit, void *arg)
{
    TaskGroup *g = (TaskGroup *)o;
    return R_VISIT_EACH(visit, arg, g->loop, g->parent_task, g->tasks, g->errors, g->base_error,
                        g->on_completed_fut);
}

static void tg_clear(RObject *o)
{
    TaskGroup *g = (TaskGroup *)o;
    R_CLEAR(g->loop);
    R_CLEAR(g->parent_task);
    R_CLEAR(g->tasks);
    R_CLEAR(g->errors);
    R_CLEAR(g->base_error);
    R_CLEAR(g->on_completed_fut);
}

static RObject *tg_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("TaskGroup", kw) < 0 || r_check_nargs("TaskGroup", nargs, 0, 0) < 0)
        return NULL;
    TaskGroup *g = (TaskGroup *)r_alloc(type);
    if (g && (!(g->tasks = r_set_new(NULL)) || !(g->errors = r_list_new(0))))
        R_CLEAR(g);
    return (RObject *)g;
}

static const r_method_def tg_methods[] = {
    {"__aenter__", tg_aenter, 0, NULL},
    {"__aexit__", tg_aexit, 0, NULL},
    {"create_task", tg_create_task, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_taskgroup_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "TaskGroup",
    .basicsize = sizeof(TaskGroup),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = tg_dealloc,
    .traverse = tg_traverse,
    .clear = tg_clear,
    .repr = tg_repr,
    .getattro = r_generic_getattr,
    .methods = tg_methods,
    .tp_new = tg_tp_new,
    .doc = "Asynchronous context manager for managing groups of tasks.",
};

static int ready_in(RType *t, const char *module)
{
    if (t->ready)
        return 0;
    t->module = r_str_intern(module);
    t->qualname = r_str_intern(t->name);
    R_INCREF(t->module);
    R_INCREF(t->qualname);
    return r_type_ready(t);
}

int aio_timeouts_init(RObject *timeouts, RObject *taskgroups, RObject *package)
{
    (void)package;
    if (ready_in(&r_aio_timeout_type, "asyncio.timeouts") < 0 ||
        ready_in(&r_aio_taskgroup_type, "asyncio.taskgroups") < 0)
        return -1;
    if (r_module_add_object(timeouts, "Timeout", (RObject *)&r_aio_timeout_type) < 0 ||
        r_module_add_functions(timeouts, timeout_functions) < 0 ||
        r_module_add_object(taskgroups, "TaskGroup", (RObject *)&r_aio_taskgroup_type) < 0)
        return -1;
    return 0;
}
