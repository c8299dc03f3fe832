/* locks.py's Condition: wait() releases the lock, waits to be notified and
 * takes the lock back even when cancelled (3.13 also passes a notification
 * on when it leaves with an error); wait_for, notify, notify_all. */
#include "aio.h"
#include "aio_args.h"
#include "aio_coro.h"
#include "aio_sync.h"
#include "boolobject.h"
#include "dequeobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "gc.h"
#include "intobject.h"
#include "listobject.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

/* wait()'s 3.13 form: an error leaving it notifies the next waiter */
static bool wait_passes_notification_on(void) { return r_profile.minor >= 13; }

typedef struct {
    RObject ob;
    RObject *dict;
    RObject *loop;
    RObject *lock;
    RObject *waiters; /* a deque */
} Condition;

static int call_void(RObject *o, const char *name)
{
    RObject *r = r_call_method(o, name, NULL, 0);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

static int locked(Condition *c)
{
    RObject *r = r_call_method(c->lock, "locked", NULL, 0);
    int t = r ? r_is_true(r) : -1;
    R_XDECREF(r);
    return t;
}

/* _notify(n): wake up to n waiters not done yet */
static int notify_waiters(Condition *c, ssize_t n)
{
    RObject *waiters = r_incref(c->waiters);
    ssize_t idx = 0;
    int rc = 0;
    for (ssize_t i = 0; i < R_DEQUE_SIZE(waiters) && idx < n; i++) {
        RObject *fut = r_deque_item(waiters, i);
        int done = aio_future_done(fut);
        if (done < 0 || (!done && aio_future_set_result(fut, R_FALSE) < 0)) {
            rc = -1;
            break;
        }
        if (!done)
            idx++;
    }
    R_DECREF(waiters);
    return rc;
}

/* ---- wait() ---- */

enum { W_START, W_WAITED, W_REACQUIRED };

typedef struct {
    AioCoro base;
    Condition *cond;
    RObject *fut;
    RObject *pending; /* what the wait ended with: an exception, or NULL */
    RObject *err;     /* a CancelledError while taking the lock back */
} CondWait;

/* leaving wait() with the current error: 3.13 notifies another waiter */
static aio_step leave_with_error(CondWait *w)
{
    if (wait_passes_notification_on()) {
        RObject *exc = r_err_fetch();
        if (notify_waiters(w->cond, 1) < 0) {
            R_XDECREF(exc);
            return AIO_RAISE;
        }
        r_err_restore(exc);
    }
    return AIO_RAISE;
}

static aio_step acquire_again(AioCoro *c, RObject **out)
{
    CondWait *w = (CondWait *)c;
    RObject *acq = r_call_method(w->cond->lock, "acquire", NULL, 0);
    if (!acq)
        return leave_with_error(w);
    c->state = W_REACQUIRED;
    *out = acq;
    return AIO_AWAIT;
}

static aio_step cond_wait_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    CondWait *w = (CondWait *)c;
    Condition *cond = w->cond;
    switch (c->state) {
    case W_START: {
        int l = locked(cond);
        if (l < 0)
            return AIO_RAISE;
        if (!l) {
            r_err_set_string(r_exc_RuntimeError, "cannot wait on un-acquired lock");
            return AIO_RAISE;
        }
        if (wait_passes_notification_on() &&
            !(w->fut = aio_bound_create_future((RObject *)cond, &cond->loop)))
            return AIO_RAISE;
        if (call_void(cond->lock, "release") < 0)
            return AIO_RAISE;
        if (!w->fut && !(w->fut = aio_bound_create_future((RObject *)cond, &cond->loop))) {
            w->pending = r_err_fetch(); /* the outer finally runs first */
            return acquire_again(c, out);
        }
        if (r_deque_append(cond->waiters, w->fut) < 0)
            return AIO_RAISE;
        c->state = W_WAITED;
        *out = r_incref(w->fut);
        return AIO_AWAIT;
    }
    case W_WAITED:
        /* finally: self._waiters.remove(fut) */
        w->pending = exc ? r_incref(exc) : NULL;
        if (r_deque_remove(cond->waiters, w->fut) < 0) {
            RObject *e = r_err_fetch();
            if (w->pending)
                r_exc_set_context(e, w->pending);
            w->pending = e;
        }
        /* finally: take the lock back, cancelled or not */
        return acquire_again(c, out);
    default: /* W_REACQUIRED */
        if (exc) {
            if (r_typecheck(exc, r_aio_CancelledError)) {
                R_SETREF(w->err, r_incref(exc));
                return acquire_again(c, out);
            }
            r_err_restore(r_incref(exc));
            return leave_with_error(w);
        }
        if (w->err) {
            if (wait_passes_notification_on()) {
                r_err_restore(r_incref(w->err)); /* the most recent one */
            } else {
                /* raise exceptions.CancelledError, inside the finally */
                r_err_set_object(r_aio_CancelledError, NULL);
                if (w->pending)
                    r_exc_set_context(r_err_peek(), r_incref(w->pending));
            }
            return leave_with_error(w);
        }
        if (w->pending) {
            r_err_restore(r_incref(w->pending));
            return leave_with_error(w);
        }
        *out = r_incref(R_TRUE);
        return AIO_RETURN;
    }
}

static const aio_coro_def cond_wait_def = {"wait", "Condition.wait", sizeof(CondWait),
                                           cond_wait_step, AIO_CORO_REFS(CondWait, err),
                                           NULL};

static RObject *c_wait(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("wait", kw) < 0 || r_check_nargs("wait", nargs, 0, 0) < 0)
        return NULL;
    CondWait *w = (CondWait *)aio_coro_new(&cond_wait_def);
    if (w)
        w->cond = (Condition *)r_incref(self);
    return (RObject *)w;
}

/* ---- wait_for(predicate) ---- */

typedef struct {
    AioCoro base;
    RObject *cond, *predicate;
} CondWaitFor;

static aio_step cond_wait_for_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    CondWaitFor *w = (CondWaitFor *)c;
    if (exc) {
        r_err_restore(r_incref(exc));
        return AIO_RAISE;
    }
    RObject *result = r_call0(w->predicate);
    if (!result)
        return AIO_RAISE;
    int t = r_is_true(result);
    if (t < 0) {
        R_DECREF(result);
        return AIO_RAISE;
    }
    if (t) {
        *out = result;
        return AIO_RETURN;
    }
    R_DECREF(result);
    RObject *wait = r_call_method(w->cond, "wait", NULL, 0);
    if (!wait)
        return AIO_RAISE;
    c->state = 1;
    *out = wait;
    return AIO_AWAIT;
}

static const aio_coro_def cond_wait_for_def = {
    "wait_for", "Condition.wait_for", sizeof(CondWaitFor), cond_wait_for_step,
    AIO_CORO_REFS(CondWaitFor, predicate), NULL};

static RObject *c_wait_for(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"predicate", NULL};
    aio_sig sig = {"Condition.wait_for", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    CondWaitFor *w = (CondWaitFor *)aio_coro_new(&cond_wait_for_def);
    if (w) {
        w->cond = r_incref(self);
        w->predicate = r_incref(out[0]);
    }
    return (RObject *)w;
}

/* ---- notify, notify_all, and the lock's methods ---- */

static RObject *c_notify(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"n", NULL};
    aio_sig sig = {"Condition.notify", pos, 0, NULL, NULL, NULL, false};
    RObject *out[1] = {NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    Condition *c = (Condition *)self;
    int l = locked(c);
    if (l < 0)
        return NULL;
    if (!l)
        return r_err_format(r_exc_RuntimeError, "cannot notify on un-acquired lock");
    ssize_t n = out[0] ? r_int_as_ssize(out[0]) : 1;
    if (n == -1 && r_err_occurred())
        return NULL;
    if (notify_waiters(c, n) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *c_notify_all(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("notify_all", kw) < 0 || r_check_nargs("notify_all", nargs, 0, 0) < 0)
        return NULL;
    RObject *n = r_int_from_i64(R_DEQUE_SIZE(((Condition *)self)->waiters));
    RObject *r = n ? r_call_method(self, "notify", &n, 1) : NULL;
    R_XDECREF(n);
    return r;
}

/* self.locked, self.acquire, self.release are the lock's */
static RObject *delegate(RObject *self, const char *name, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs(name, kw) < 0 || r_check_nargs(name, nargs, 0, 0) < 0)
        return NULL;
    return r_call_method(((Condition *)self)->lock, name, NULL, 0);
}

static RObject *c_locked(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    return delegate(self, "locked", nargs, kw);
}

static RObject *c_acquire(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    return delegate(self, "acquire", nargs, kw);
}

static RObject *c_release(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    return delegate(self, "release", nargs, kw);
}

static RObject *c_repr(RObject *self)
{
    Condition *c = (Condition *)self;
    int l = locked(c);
    if (l < 0)
        return NULL;
    RObject *res = aio_object_repr_inner(self);
    RObject *w = res ? aio_waiters_suffix(c->waiters) : NULL;
    RObject *out = w ? r_str_from_format("<%U [%s%U]>", res, l ? "locked" : "unlocked", w) : NULL;
    R_XDECREF(res);
    R_XDECREF(w);
    return out;
}

static RObject *c_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"lock", NULL};
    static const char *const kwonly[] = {"loop", NULL};
    aio_sig sig = {"Condition.__init__", pos, 0, kwonly, NULL, NULL, false};
    RObject *out[2] = {NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    Condition *c = (Condition *)r_alloc(type);
    if (!c)
        return NULL;
    if (aio_bind_loop_when_made("Condition", out[1], &c->loop) < 0 ||
        !(c->waiters = r_deque_new()))
        goto fail;
    RObject *lock = out[0];
    if (!lock || lock == R_NONE) {
        /* Lock() (with loop=loop up to 3.9) */
        RObject *kwn = out[1] && r_profile.minor <= 9 ? r_tuple_pack(1, r_str_intern("loop")) : NULL;
        RObject *argv[1] = {out[1]};
        c->lock = r_call((RObject *)&r_aio_lock_type, argv, 0, kwn);
        R_XDECREF(kwn);
        if (!c->lock)
            goto fail;
    } else {
        if (r_profile.minor <= 9) {
            RObject *lloop = r_getattr_cstr(lock, "_loop");
            if (!lloop)
                goto fail;
            bool same = lloop == c->loop;
            R_DECREF(lloop);
            if (!same) {
                r_err_set_string(r_exc_ValueError, "loop argument must agree with lock");
                goto fail;
            }
        }
        c->lock = r_incref(lock);
    }
    return (RObject *)c;
fail:
    R_DECREF(c);
    return NULL;
}

static void c_dealloc(RObject *o)
{
    Condition *c = (Condition *)o;
    R_XDECREF(c->dict);
    R_XDECREF(c->loop);
    R_XDECREF(c->lock);
    R_XDECREF(c->waiters);
    r_free(o);
}

static int c_traverse(RObject *o, r_visitproc visit, void *arg)
{
    Condition *c = (Condition *)o;
    return R_VISIT_EACH(visit, arg, c->dict, c->loop, c->lock, c->waiters);
}

static void c_clear(RObject *o)
{
    Condition *c = (Condition *)o;
    R_CLEAR(c->dict);
    R_CLEAR(c->loop);
    R_CLEAR(c->lock);
    R_CLEAR(c->waiters);
}

static RObject *get_lock(RObject *o)
{
    return r_incref(((Condition *)o)->lock);
}

static RObject *get_waiters(RObject *o)
{
    return r_incref(((Condition *)o)->waiters);
}

static const r_getset_def c_getsets[] = {
    {"_lock", get_lock, NULL},
    {"_waiters", get_waiters, NULL},
    {NULL, NULL, NULL},
};

static const r_method_def c_methods[] = {
    {"wait", c_wait, 0, NULL},
    {"wait_for", c_wait_for, 0, NULL},
    {"notify", c_notify, 0, NULL},
    {"notify_all", c_notify_all, 0, NULL},
    {"locked", c_locked, 0, NULL},
    {"acquire", c_acquire, 0, NULL},
    {"release", c_release, 0, NULL},
    {"__aenter__", aio_cm_aenter, 0, NULL},
    {"__aexit__", aio_cm_aexit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_condition_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Condition",
    .basicsize = sizeof(Condition),
    .dictoffset = offsetof(Condition, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = c_dealloc,
    .traverse = c_traverse,
    .clear = c_clear,
    .repr = c_repr,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = c_methods,
    .getsets = c_getsets,
    .tp_new = c_tp_new,
    .doc = "Asynchronous equivalent to threading.Condition.",
};
