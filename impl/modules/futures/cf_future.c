/* concurrent.futures._base.Future, transliterated from CPython's
 * Lib/concurrent/futures/_base.py: every method takes `with
 * self._condition:` as the Python does, callbacks run in the thread that
 * completes the future, and waiters installed by wait()/as_completed() are
 * told of each completion under the condition. */
#include "cf_future.h"

#include <stdio.h>

#include "boolobject.h"
#include "cf_wait.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "gc.h"
#include "intobject.h"
#include "listobject.h"
#include "strobject.h"
#include "threadingmodule.h"
#include "tupleobject.h"
#include "typeobject.h"

static const char *const state_names[] = {"PENDING", "RUNNING", "CANCELLED",
                                          "CANCELLED_AND_NOTIFIED", "FINISHED"};
/* _STATE_TO_DESCRIPTION_MAP */
static const char *const state_descriptions[] = {"pending", "running", "cancelled", "cancelled",
                                                 "finished"};

static bool is_cancelled(cf_state s)
{
    return s == CF_CANCELLED || s == CF_CANCELLED_AND_NOTIFIED;
}

static bool is_done(cf_state s)
{
    return is_cancelled(s) || s == CF_FINISHED;
}

/* `with self._condition:` -- the condition is normally the Condition the
 * constructor made; anything assigned in its place is used through its
 * methods, as the Python would. */
static int cond_acquire(CfFuture *f)
{
    if (R_TYPE(f->condition) == &r_condition_type) {
        r_condition_acquire(f->condition);
        return 0;
    }
    RObject *r = r_call_method(f->condition, "acquire", NULL, 0);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

static int cond_release(CfFuture *f)
{
    if (R_TYPE(f->condition) == &r_condition_type)
        return r_condition_release(f->condition);
    RObject *r = r_call_method(f->condition, "release", NULL, 0);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

int r_cf_end_finally(RObject *exc, int rc)
{
    if (rc < 0) {
        R_XDECREF(exc);
        return -1;
    }
    if (exc) {
        r_err_restore(exc);
        return -1;
    }
    return 0;
}

/* Releases the condition on the way out of a `with` block that raised. */
static void cond_release_keeping_error(CfFuture *f)
{
    RObject *exc = r_err_fetch();
    r_cf_end_finally(exc, cond_release(f));
}

static int cond_notify_all(CfFuture *f)
{
    if (R_TYPE(f->condition) == &r_condition_type) {
        r_condition_notify_all(f->condition);
        return 0;
    }
    RObject *r = r_call_method(f->condition, "notify_all", NULL, 0);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

/* Condition.wait(timeout): None waits for ever; a timeout not above 0
 * only polls (threading.Condition.wait's `waiter.acquire(False)`). */
static int cond_wait(CfFuture *f, RObject *timeout)
{
    if (R_TYPE(f->condition) == &r_condition_type) {
        double t = -1;
        if (timeout && timeout != R_NONE) {
            t = R_FLOAT_CHECK(timeout) ? r_float_as_double(timeout) : r_int_as_double(timeout);
            if (t == -1.0 && r_err_occurred())
                return -1;
            if (t < 0)
                t = 0;
        }
        return r_condition_wait(f->condition, t) < 0 ? -1 : 0;
    }
    RObject *arg = timeout ? timeout : R_NONE;
    RObject *r = r_call_method(f->condition, "wait", &arg, 1);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

static RObject *future_alloc(RType *type)
{
    CfFuture *f = (CfFuture *)r_alloc(type);
    if (!f)
        return NULL;
    f->condition = r_condition_new();
    f->state = CF_PENDING;
    f->result = r_incref(R_NONE);
    f->exception = r_incref(R_NONE);
    f->waiters = r_list_new(0);
    f->done_callbacks = r_list_new(0);
    if (!f->condition || !f->waiters || !f->done_callbacks) {
        R_DECREF(f);
        return NULL;
    }
    return (RObject *)f;
}

RObject *r_cf_future_new(void)
{
    return future_alloc(&r_cf_future_type);
}

static RObject *future_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("Future", kw) < 0 || r_check_nargs("Future", nargs, 0, 0) < 0)
        return NULL;
    return future_alloc(type);
}

static void future_dealloc(RObject *o)
{
    CfFuture *f = (CfFuture *)o;
    R_XDECREF(f->dict);
    R_XDECREF(f->condition);
    R_XDECREF(f->result);
    R_XDECREF(f->exception);
    R_XDECREF(f->waiters);
    R_XDECREF(f->done_callbacks);
    r_free(o);
}

static int future_traverse(RObject *o, r_visitproc visit, void *arg)
{
    CfFuture *f = (CfFuture *)o;
    return R_VISIT_EACH(visit, arg, f->dict, f->condition, f->result, f->exception, f->waiters,
                        f->done_callbacks);
}

static void future_clear(RObject *o)
{
    CfFuture *f = (CfFuture *)o;
    R_CLEAR(f->dict);
    R_CLEAR(f->result);
    R_CLEAR(f->exception);
    R_CLEAR(f->waiters);
    R_CLEAR(f->done_callbacks);
}

/* '<%s at %#x state=%s ...>' with the class's __name__ */
static RObject *future_repr(RObject *self)
{
    CfFuture *f = (CfFuture *)self;
    if (cond_acquire(f) < 0)
        return NULL;
    RObject *cls = r_type_name_of(self);
    RObject *res = NULL;
    char addr[32];
    snprintf(addr, sizeof addr, "%#lx", (unsigned long)(uintptr_t)self);
    if (!cls)
        goto out;
    if (f->state == CF_FINISHED) {
        int raised = r_is_true(f->exception);
        if (raised < 0)
            goto out;
        RObject *what = r_type_name_of(raised ? f->exception : f->result);
        if (what)
            res = r_str_from_format("<%U at %s state=%s %s %U>", cls, addr,
                                    state_descriptions[f->state],
                                    raised ? "raised" : "returned", what);
        R_XDECREF(what);
    } else {
        res = r_str_from_format("<%U at %s state=%s>", cls, addr, state_descriptions[f->state]);
    }
out:
    R_XDECREF(cls);
    if (!res) {
        cond_release_keeping_error(f);
        return NULL;
    }
    if (cond_release(f) < 0) {
        R_DECREF(res);
        return NULL;
    }
    return res;
}

/* LOGGER.exception('exception calling callback for %r', self) */
static void log_callback_exception(RObject *self)
{
    RObject *exc = r_err_fetch();
    RObject *rep = r_repr(self);
    RObject *msg = rep ? r_str_from_format("exception calling callback for %U", rep) : NULL;
    if (msg)
        r_cf_log_exception(msg, exc);
    r_err_clear();
    R_XDECREF(msg);
    R_XDECREF(rep);
    R_XDECREF(exc);
}

/* `fn(self)` guarded by `except Exception:`; a BaseException escapes */
static int call_callback(RObject *fn, RObject *self)
{
    RObject *r = r_call1(fn, self);
    if (r) {
        R_DECREF(r);
        return 0;
    }
    if (!r_err_matches(r_exc_Exception))
        return -1;
    log_callback_exception(self);
    return 0;
}

static int invoke_callbacks(CfFuture *f)
{
    /* `for callback in self._done_callbacks:` over the live list */
    for (ssize_t i = 0; f->done_callbacks && i < R_LIST_SIZE(f->done_callbacks); i++) {
        RObject *cb = r_incref(R_LIST_ITEMS(f->done_callbacks)[i]);
        int rc = call_callback(cb, (RObject *)f);
        R_DECREF(cb);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* `bool(obj.name())` for an object that is not a Future */
static int call_bool_method(RObject *self, const char *name)
{
    RObject *r = r_call_method(self, name, NULL, 0);
    if (!r)
        return -1;
    int t = r_is_true(r);
    R_DECREF(r);
    return t;
}

int r_cf_future_cancel(RObject *self)
{
    if (!r_typecheck(self, &r_cf_future_type))
        return call_bool_method(self, "cancel");
    CfFuture *f = (CfFuture *)self;
    if (cond_acquire(f) < 0)
        return -1;
    if (f->state == CF_RUNNING || f->state == CF_FINISHED)
        return cond_release(f) < 0 ? -1 : 0;
    if (is_cancelled(f->state))
        return cond_release(f) < 0 ? -1 : 1;
    f->state = CF_CANCELLED;
    if (cond_notify_all(f) < 0) {
        cond_release_keeping_error(f);
        return -1;
    }
    if (cond_release(f) < 0 || invoke_callbacks(f) < 0)
        return -1;
    return 1;
}

static RObject *future_cancel(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("cancel", kw) < 0 || r_check_nargs("cancel", nargs, 0, 0) < 0)
        return NULL;
    int rc = r_cf_future_cancel(self);
    return rc < 0 ? NULL : r_bool_from_long(rc);
}

/* cancelled(), running(), done(): a read of _state under the condition */
static RObject *state_query(RObject *self, size_t nargs, RObject *kw, const char *name,
                            bool (*pred)(cf_state))
{
    if (r_check_no_kwargs(name, kw) < 0 || r_check_nargs(name, nargs, 0, 0) < 0)
        return NULL;
    CfFuture *f = (CfFuture *)self;
    if (cond_acquire(f) < 0)
        return NULL;
    bool v = pred(f->state);
    if (cond_release(f) < 0)
        return NULL;
    return r_bool_from_long(v);
}

static bool is_running(cf_state s)
{
    return s == CF_RUNNING;
}

static RObject *future_cancelled(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    return state_query(self, nargs, kw, "cancelled", is_cancelled);
}

static RObject *future_running(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    return state_query(self, nargs, kw, "running", is_running);
}

static RObject *future_done(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    return state_query(self, nargs, kw, "done", is_done);
}

static RObject *future_add_done_callback(RObject *self, RObject *const *args, size_t nargs,
                                         RObject *kw)
{
    static const char *const names[] = {"fn", NULL};
    RObject *opts[1] = {nargs > 0 ? args[0] : NULL};
    if (r_check_nargs("add_done_callback", nargs, 0, 1) < 0 ||
        r_parse_keywords("add_done_callback", kw, args + nargs, names, opts) < 0)
        return NULL;
    if (!opts[0])
        return r_err_format(r_exc_TypeError,
                            "Future.add_done_callback() missing 1 required positional "
                            "argument: 'fn'");
    CfFuture *f = (CfFuture *)self;
    if (cond_acquire(f) < 0)
        return NULL;
    if (!is_done(f->state)) {
        int rc = r_list_append(f->done_callbacks, opts[0]);
        if (rc < 0) {
            cond_release_keeping_error(f);
            return NULL;
        }
        if (cond_release(f) < 0)
            return NULL;
        R_RETURN_NONE;
    }
    if (cond_release(f) < 0)
        return NULL;
    /* already done: called at once, in this thread */
    if (call_callback(opts[0], self) < 0)
        return NULL;
    R_RETURN_NONE;
}

/* __get_result: raise the stored exception (its traceback grows from
 * here, as `raise self._exception` makes it) or return the result */
static RObject *get_result(CfFuture *f)
{
    int raised = r_is_true(f->exception);
    if (raised < 0)
        return NULL;
    if (raised) {
        r_err_restore(r_incref(f->exception));
        return NULL;
    }
    return r_incref(f->result);
}

/* result() and exception(): the shared `with self._condition:` body;
 * want_result picks which of the two ends it returns */
static RObject *wait_for_outcome(RObject *self, RObject *timeout, bool want_result)
{
    CfFuture *f = (CfFuture *)self;
    if (cond_acquire(f) < 0)
        return NULL;
    RObject *res = NULL;
    for (int pass = 0; pass < 2; pass++) {
        if (is_cancelled(f->state)) {
            r_err_set_object(r_cf_CancelledError, NULL);
            goto out;
        }
        if (f->state == CF_FINISHED) {
            res = want_result ? get_result(f) : r_incref(f->exception);
            goto out;
        }
        if (pass == 0 && cond_wait(f, timeout) < 0)
            goto out;
    }
    r_err_set_object(r_cf_TimeoutError, NULL);
out:
    if (!res) {
        cond_release_keeping_error(f);
        return NULL;
    }
    if (cond_release(f) < 0) {
        R_DECREF(res);
        return NULL;
    }
    return res;
}

static RObject *timeout_arg(const char *name, RObject *const *args, size_t nargs, RObject *kw,
                            bool *ok)
{
    static const char *const names[] = {"timeout", NULL};
    RObject *opts[1] = {nargs > 0 ? args[0] : NULL};
    *ok = r_check_nargs(name, nargs, 0, 1) == 0 &&
          r_parse_keywords(name, kw, args + nargs, names, opts) == 0;
    return opts[0];
}

static RObject *future_result(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    bool ok;
    RObject *timeout = timeout_arg("result", args, nargs, kw, &ok);
    return ok ? wait_for_outcome(self, timeout, true) : NULL;
}

static RObject *future_exception(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    bool ok;
    RObject *timeout = timeout_arg("exception", args, nargs, kw, &ok);
    return ok ? wait_for_outcome(self, timeout, false) : NULL;
}

int r_cf_future_set_running_or_notify_cancel(RObject *self)
{
    if (!r_typecheck(self, &r_cf_future_type))
        return call_bool_method(self, "set_running_or_notify_cancel");
    CfFuture *f = (CfFuture *)self;
    if (cond_acquire(f) < 0)
        return -1;
    if (f->state == CF_CANCELLED) {
        f->state = CF_CANCELLED_AND_NOTIFIED;
        for (ssize_t i = 0; i < R_LIST_SIZE(f->waiters); i++)
            if (r_cf_waiter_notify(R_LIST_ITEMS(f->waiters)[i], self, CF_WAITER_CANCELLED) < 0) {
                cond_release_keeping_error(f);
                return -1;
            }
        return cond_release(f) < 0 ? -1 : 0;
    }
    if (f->state == CF_PENDING) {
        f->state = CF_RUNNING;
        return cond_release(f) < 0 ? -1 : 1;
    }
    /* LOGGER.critical('Future %s in unexpected state: %s', id(self), self._state) */
    RObject *msg = r_str_from_format("Future %lu in unexpected state: %s",
                                     (unsigned long)(uintptr_t)self, state_names[f->state]);
    if (msg) {
        r_cf_log_exception(msg, NULL);
        R_DECREF(msg);
    }
    r_err_set_string(r_exc_RuntimeError, "Future in unexpected state");
    cond_release_keeping_error(f);
    return -1;
}

static RObject *future_set_running_or_notify_cancel(RObject *self, RObject *const *args,
                                                    size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("set_running_or_notify_cancel", kw) < 0 ||
        r_check_nargs("set_running_or_notify_cancel", nargs, 0, 0) < 0)
        return NULL;
    int rc = r_cf_future_set_running_or_notify_cancel(self);
    return rc < 0 ? NULL : r_bool_from_long(rc);
}

/* set_result / set_exception: InvalidStateError('{}: {!r}'.format(self._state, self))
 * once done, else store, tell the waiters, wake result(), run the callbacks */
static int complete(RObject *self, RObject *value, bool is_exception)
{
    CfFuture *f = (CfFuture *)self;
    if (cond_acquire(f) < 0)
        return -1;
    if (is_done(f->state)) {
        RObject *rep = r_repr(self);
        if (rep) {
            r_err_format(r_cf_InvalidStateError, "%s: %U", state_names[f->state], rep);
            R_DECREF(rep);
        }
        cond_release_keeping_error(f);
        return -1;
    }
    if (is_exception)
        R_SETREF(f->exception, r_incref(value));
    else
        R_SETREF(f->result, r_incref(value));
    f->state = CF_FINISHED;
    for (ssize_t i = 0; i < R_LIST_SIZE(f->waiters); i++)
        if (r_cf_waiter_notify(R_LIST_ITEMS(f->waiters)[i], self,
                               is_exception ? CF_WAITER_EXCEPTION : CF_WAITER_RESULT) < 0) {
            cond_release_keeping_error(f);
            return -1;
        }
    if (cond_notify_all(f) < 0) {
        cond_release_keeping_error(f);
        return -1;
    }
    if (cond_release(f) < 0)
        return -1;
    return invoke_callbacks(f);
}

static int call_setter(RObject *self, const char *name, RObject *value)
{
    RObject *r = r_call_method(self, name, &value, 1);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

int r_cf_future_set_result(RObject *self, RObject *value)
{
    if (!r_typecheck(self, &r_cf_future_type))
        return call_setter(self, "set_result", value);
    return complete(self, value, false);
}

int r_cf_future_set_exception(RObject *self, RObject *exc)
{
    if (!r_typecheck(self, &r_cf_future_type))
        return call_setter(self, "set_exception", exc);
    return complete(self, exc, true);
}

static RObject *one_arg(const char *name, const char *param, RObject *const *args, size_t nargs,
                        RObject *kw)
{
    const char *const names[] = {param, NULL};
    RObject *opts[1] = {nargs > 0 ? args[0] : NULL};
    if (r_check_nargs(name, nargs, 0, 1) < 0 ||
        r_parse_keywords(name, kw, args + nargs, names, opts) < 0)
        return NULL;
    if (!opts[0])
        r_err_format(r_exc_TypeError,
                     "Future.%s() missing 1 required positional argument: '%s'", name, param);
    return opts[0];
}

static RObject *future_set_result(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    RObject *v = one_arg("set_result", "result", args, nargs, kw);
    if (!v || complete(self, v, false) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *future_set_exception(RObject *self, RObject *const *args, size_t nargs,
                                     RObject *kw)
{
    RObject *v = one_arg("set_exception", "exception", args, nargs, kw);
    if (!v || complete(self, v, true) < 0)
        return NULL;
    R_RETURN_NONE;
}

/* the attributes the Python class keeps in its instance dict */
static RObject *get_condition(RObject *o)
{
    return r_incref(((CfFuture *)o)->condition);
}

static int set_condition(RObject *o, RObject *v)
{
    if (!v)
        return r_err_format(r_exc_AttributeError, "_condition"), -1;
    R_SETREF(((CfFuture *)o)->condition, r_incref(v));
    return 0;
}

static RObject *get_state(RObject *o)
{
    return r_incref(r_str_intern(state_names[((CfFuture *)o)->state]));
}

static RObject *get_result_attr(RObject *o)
{
    return r_incref(((CfFuture *)o)->result);
}

static RObject *get_exception_attr(RObject *o)
{
    return r_incref(((CfFuture *)o)->exception);
}

static RObject *get_waiters(RObject *o)
{
    return r_incref(((CfFuture *)o)->waiters);
}

static RObject *get_done_callbacks(RObject *o)
{
    return r_incref(((CfFuture *)o)->done_callbacks);
}

static const r_getset_def future_getsets[] = {
    {"_condition", get_condition, set_condition},
    {"_state", get_state, NULL},
    {"_result", get_result_attr, NULL},
    {"_exception", get_exception_attr, NULL},
    {"_waiters", get_waiters, NULL},
    {"_done_callbacks", get_done_callbacks, NULL},
    {NULL, NULL, NULL},
};

static const r_method_def future_methods[] = {
    {"cancel", future_cancel, 0, NULL},
    {"cancelled", future_cancelled, 0, NULL},
    {"running", future_running, 0, NULL},
    {"done", future_done, 0, NULL},
    {"add_done_callback", future_add_done_callback, 0, NULL},
    {"result", future_result, 0, NULL},
    {"exception", future_exception, 0, NULL},
    {"set_running_or_notify_cancel", future_set_running_or_notify_cancel, 0, NULL},
    {"set_result", future_set_result, 0, NULL},
    {"set_exception", future_set_exception, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_cf_future_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Future",
    .basicsize = sizeof(CfFuture),
    .dictoffset = offsetof(CfFuture, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = future_dealloc,
    .traverse = future_traverse,
    .clear = future_clear,
    .repr = future_repr,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = future_methods,
    .getsets = future_getsets,
    .tp_new = future_tp_new,
    .doc = "Represents the result of an asynchronous computation.",
};
