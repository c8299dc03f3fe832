/* locks.py: Lock, Event, Semaphore and BoundedSemaphore, with the loop
 * binding of each version: 3.8/3.9 bind get_event_loop() when made (so a
 * primitive made at module level belongs to a loop asyncio.run does not
 * use), 3.10+ bind lazily on first use (mixins._LoopBoundMixin). */
#include <string.h>

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
#include "warnings.h"

/* ---- version predicates of this file ---- */

/* primitives take the loop when made (loop= deprecated): 3.8/3.9 */
static bool binds_loop_when_made(void) { return r_profile.minor <= 9; }
/* Semaphore: 3.8 the "while value <= 0" algorithm, 3.9 the same with
 * _wakeup_scheduled, 3.10-3.12 FIFO with the value taken by
 * _wake_up_next, 3.13 that with the wake-ups in a finally */
static int semaphore_algorithm(void)
{
    return r_profile.minor <= 8 ? 8 : r_profile.minor == 9 ? 9 : r_profile.minor <= 12 ? 10 : 13;
}

/* ---- the loop binding ---- */

int aio_bind_loop_when_made(const char *cls, RObject *loop_arg, RObject **slot)
{
    if (binds_loop_when_made()) {
        if (!loop_arg || loop_arg == R_NONE) {
            if (!(*slot = aio_get_event_loop()))
                return -1;
            return 0;
        }
        *slot = r_incref(loop_arg);
        RObject *msg = r_str_from_cstr("The loop argument is deprecated since Python 3.8, and "
                                       "scheduled for removal in Python 3.10.");
        int rc = msg ? r_warn(r_exc_DeprecationWarning, msg, 1, NULL) : -1;
        R_XDECREF(msg);
        return rc;
    }
    if (loop_arg) {
        r_err_format(r_exc_TypeError,
                     "As of 3.10, the *loop* parameter was removed from %s() since it is no "
                     "longer necessary",
                     cls);
        return -1;
    }
    return 0;
}

RObject *aio_get_bound_loop(RObject *self, RObject **slot)
{
    if (binds_loop_when_made())
        return r_incref(*slot);
    /* _LoopBoundMixin._get_loop */
    RObject *loop = aio_get_running_loop_borrowed();
    if (!loop)
        loop = R_NONE;
    if (!*slot)
        *slot = r_incref(loop);
    if (loop != *slot)
        return r_err_format(r_exc_RuntimeError, "%R is bound to a different event loop", self);
    return r_incref(loop);
}

RObject *aio_bound_create_future(RObject *self, RObject **slot)
{
    RObject *loop = aio_get_bound_loop(self, slot);
    if (!loop)
        return NULL;
    RObject *fut = loop == R_NONE ? r_getattr_cstr(loop, "create_future")
                                  : aio_loop_create_future(loop);
    R_DECREF(loop);
    return fut;
}

/* ---- Lock ---- */

typedef struct {
    RObject ob;
    RObject *dict;
    RObject *loop;
    RObject *waiters; /* a deque, or NULL */
    bool locked;
} Lock;

static void wake_up_first(Lock *l)
{
    if (!l->waiters || R_DEQUE_SIZE(l->waiters) == 0)
        return;
    RObject *fut = r_incref(r_deque_item(l->waiters, 0));
    int done = aio_future_done(fut);
    if (done == 0)
        aio_future_set_result(fut, R_TRUE);
    R_DECREF(fut);
}

typedef struct {
    AioCoro base;
    Lock *lock;
    RObject *fut;
} LockAcquire;

static aio_step lock_acquire_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    LockAcquire *a = (LockAcquire *)c;
    Lock *l = a->lock;
    if (c->state == 0) {
        bool free_of_waiters = true;
        for (ssize_t i = 0; l->waiters && i < R_DEQUE_SIZE(l->waiters); i++) {
            int cancelled = aio_future_cancelled(r_deque_item(l->waiters, i));
            if (cancelled < 0)
                return AIO_RAISE;
            if (!cancelled) {
                free_of_waiters = false;
                break;
            }
        }
        if (!l->locked && free_of_waiters) {
            l->locked = true;
            *out = r_incref(R_TRUE);
            return AIO_RETURN;
        }
        if (!l->waiters && !(l->waiters = r_deque_new()))
            return AIO_RAISE;
        if (!(a->fut = aio_bound_create_future((RObject *)l, &l->loop)))
            return AIO_RAISE;
        if (r_deque_append(l->waiters, a->fut) < 0)
            return AIO_RAISE;
        c->state = 1;
        *out = r_incref(a->fut);
        return AIO_AWAIT;
    }
    /* finally: self._waiters.remove(fut) */
    RObject *pending = exc ? r_incref(exc) : NULL;
    if (r_deque_remove(l->waiters, a->fut) < 0) {
        RObject *e = r_err_fetch();
        if (pending)
            r_exc_set_context(e, pending);
        pending = e;
    }
    if (pending) {
        if (r_typecheck(pending, r_aio_CancelledError) && !l->locked)
            wake_up_first(l);
        r_err_restore(pending);
        return AIO_RAISE;
    }
    l->locked = true;
    *out = r_incref(R_TRUE);
    return AIO_RETURN;
}

static const aio_coro_def lock_acquire_def = {"acquire", "Lock.acquire", sizeof(LockAcquire),
                                              lock_acquire_step, AIO_CORO_REFS(LockAcquire, fut), &aio_src_Lock_acquire};

static RObject *lock_acquire(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("acquire", kw) < 0 || r_check_nargs("acquire", nargs, 0, 0) < 0)
        return NULL;
    LockAcquire *a = (LockAcquire *)aio_coro_new(&lock_acquire_def);
    if (a)
        a->lock = (Lock *)r_incref(self);
    return (RObject *)a;
}

static int lock_release_impl(Lock *l)
{
    if (!l->locked) {
        r_err_set_string(r_exc_RuntimeError, "Lock is not acquired.");
        return -1;
    }
    l->locked = false;
    wake_up_first(l);
    return r_err_occurred() ? -1 : 0;
}

static RObject *lock_release(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("release", kw) < 0 || r_check_nargs("release", nargs, 0, 0) < 0)
        return NULL;
    if (lock_release_impl((Lock *)self) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *lock_locked(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("locked", kw) < 0 || r_check_nargs("locked", nargs, 0, 0) < 0)
        return NULL;
    return r_bool_from_long(((Lock *)self)->locked);
}

RObject *aio_waiters_suffix(RObject *waiters)
{
    if (waiters && R_DEQUE_SIZE(waiters) > 0)
        return r_str_from_format(", waiters:%zd", R_DEQUE_SIZE(waiters));
    return r_str_from_cstr("");
}

RObject *aio_object_repr_inner(RObject *self)
{
    /* super().__repr__()[1:-1] */
    RType *t = R_TYPE(self);
    RObject *mod = r_getattr_cstr((RObject *)t, "__module__");
    RObject *qual = mod ? r_getattr_cstr((RObject *)t, "__qualname__") : NULL;
    RObject *res = qual ? r_str_from_format("%U.%U object at %p", mod, qual, (void *)self) : NULL;
    R_XDECREF(mod);
    R_XDECREF(qual);
    return res;
}

static RObject *lock_repr(RObject *self)
{
    Lock *l = (Lock *)self;
    RObject *res = aio_object_repr_inner(self);
    RObject *w = res ? aio_waiters_suffix(l->waiters) : NULL;
    RObject *out = w ? r_str_from_format("<%U [%s%U]>", res, l->locked ? "locked" : "unlocked", w)
                     : NULL;
    R_XDECREF(res);
    R_XDECREF(w);
    return out;
}

/* ---- _ContextManagerMixin: __aenter__ awaits acquire(), __aexit__
 * calls release() ---- */

typedef struct {
    AioCoro base;
    RObject *owner;
} Aenter;

static aio_step aenter_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    Aenter *a = (Aenter *)c;
    if (c->state == 0) {
        RObject *coro = r_call_method(a->owner, "acquire", NULL, 0);
        if (!coro)
            return AIO_RAISE;
        c->state = 1;
        *out = coro;
        return AIO_AWAIT;
    }
    if (exc) {
        r_err_restore(r_incref(exc));
        return AIO_RAISE;
    }
    *out = r_incref(R_NONE);
    return AIO_RETURN;
}

static aio_step aexit_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    (void)exc;
    Aenter *a = (Aenter *)c;
    RObject *r = r_call_method(a->owner, "release", NULL, 0);
    if (!r)
        return AIO_RAISE;
    R_DECREF(r);
    *out = r_incref(R_NONE);
    return AIO_RETURN;
}

static const aio_coro_def aenter_def = {"__aenter__", "_ContextManagerMixin.__aenter__",
                                        sizeof(Aenter), aenter_step, AIO_CORO_REFS(Aenter, owner), NULL};
static const aio_coro_def aexit_def = {"__aexit__", "_ContextManagerMixin.__aexit__",
                                       sizeof(Aenter), aexit_step, AIO_CORO_REFS(Aenter, owner), NULL};

RObject *aio_cm_aenter(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("__aenter__", kw) < 0 || r_check_nargs("__aenter__", nargs, 0, 0) < 0)
        return NULL;
    Aenter *a = (Aenter *)aio_coro_new(&aenter_def);
    if (a)
        a->owner = r_incref(self);
    return (RObject *)a;
}

RObject *aio_cm_aexit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("__aexit__", kw) < 0 || r_check_nargs("__aexit__", nargs, 3, 3) < 0)
        return NULL;
    Aenter *a = (Aenter *)aio_coro_new(&aexit_def);
    if (a)
        a->owner = r_incref(self);
    return (RObject *)a;
}

static RObject *lock_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {NULL};
    static const char *const kwonly[] = {"loop", NULL};
    aio_sig sig = {"Lock.__init__", pos, 0, kwonly, NULL, NULL, false};
    RObject *out[1] = {NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    Lock *l = (Lock *)r_alloc(type);
    if (l && aio_bind_loop_when_made("Lock", out[0], &l->loop) < 0)
        R_CLEAR(l);
    return (RObject *)l;
}

static void lock_dealloc(RObject *o)
{
    Lock *l = (Lock *)o;
    R_XDECREF(l->dict);
    R_XDECREF(l->loop);
    R_XDECREF(l->waiters);
    r_free(o);
}

static int lock_traverse(RObject *o, r_visitproc visit, void *arg)
{
    Lock *l = (Lock *)o;
    return R_VISIT_EACH(visit, arg, l->dict, l->loop, l->waiters);
}

static void lock_clear(RObject *o)
{
    Lock *l = (Lock *)o;
    R_CLEAR(l->dict);
    R_CLEAR(l->loop);
    R_CLEAR(l->waiters);
}

static RObject *get_loop_attr(RObject *o)
{
    Lock *l = (Lock *)o;
    return r_incref(l->loop ? l->loop : R_NONE);
}

static RObject *get_waiters(RObject *o)
{
    Lock *l = (Lock *)o;
    return r_incref(l->waiters ? l->waiters : R_NONE);
}

static RObject *get_locked_attr(RObject *o)
{
    return r_bool_from_long(((Lock *)o)->locked);
}

static const r_getset_def lock_getsets[] = {
    {"_loop", get_loop_attr, NULL},
    {"_waiters", get_waiters, NULL},
    {"_locked", get_locked_attr, NULL},
    {NULL, NULL, NULL},
};

static const r_method_def lock_methods[] = {
    {"acquire", lock_acquire, 0, NULL},
    {"release", lock_release, 0, NULL},
    {"locked", lock_locked, 0, NULL},
    {"__aenter__", aio_cm_aenter, 0, NULL},
    {"__aexit__", aio_cm_aexit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_lock_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Lock",
    .basicsize = sizeof(Lock),
    .dictoffset = offsetof(Lock, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = lock_dealloc,
    .traverse = lock_traverse,
    .clear = lock_clear,
    .repr = lock_repr,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = lock_methods,
    .getsets = lock_getsets,
    .tp_new = lock_tp_new,
    .doc = "Primitive lock objects.",
};

/* ---- Event ---- */

typedef struct {
    RObject ob;
    RObject *dict;
    RObject *loop;
    RObject *waiters; /* a deque */
    bool value;
} Event;

int aio_event_set(RObject *self)
{
    Event *e = (Event *)self;
    if (e->value)
        return 0;
    e->value = true;
    RObject *waiters = r_incref(e->waiters);
    for (ssize_t i = 0; i < R_DEQUE_SIZE(waiters); i++) {
        RObject *fut = r_deque_item(waiters, i);
        int done = aio_future_done(fut);
        if (done < 0 || (!done && aio_future_set_result(fut, R_TRUE) < 0)) {
            R_DECREF(waiters);
            return -1;
        }
    }
    R_DECREF(waiters);
    return 0;
}

void aio_event_clear(RObject *self)
{
    ((Event *)self)->value = false;
}

typedef struct {
    AioCoro base;
    Event *event;
    RObject *fut;
} EventWait;

static aio_step event_wait_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    EventWait *w = (EventWait *)c;
    Event *e = w->event;
    if (c->state == 0) {
        if (e->value) {
            *out = r_incref(R_TRUE);
            return AIO_RETURN;
        }
        if (!(w->fut = aio_bound_create_future((RObject *)e, &e->loop)) ||
            r_deque_append(e->waiters, w->fut) < 0)
            return AIO_RAISE;
        c->state = 1;
        *out = r_incref(w->fut);
        return AIO_AWAIT;
    }
    /* finally: self._waiters.remove(fut) */
    RObject *pending = exc ? r_incref(exc) : NULL;
    if (r_deque_remove(e->waiters, w->fut) < 0) {
        RObject *err = r_err_fetch();
        if (pending)
            r_exc_set_context(err, pending);
        pending = err;
    }
    if (pending) {
        r_err_restore(pending);
        return AIO_RAISE;
    }
    *out = r_incref(R_TRUE);
    return AIO_RETURN;
}

static const aio_coro_def event_wait_def = {"wait", "Event.wait", sizeof(EventWait),
                                            event_wait_step, AIO_CORO_REFS(EventWait, fut), &aio_src_Event_wait};

RObject *aio_event_wait(RObject *self)
{
    EventWait *w = (EventWait *)aio_coro_new(&event_wait_def);
    if (w)
        w->event = (Event *)r_incref(self);
    return (RObject *)w;
}

static RObject *event_wait(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("wait", kw) < 0 || r_check_nargs("wait", nargs, 0, 0) < 0)
        return NULL;
    return aio_event_wait(self);
}

static RObject *event_set(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("set", kw) < 0 || r_check_nargs("set", nargs, 0, 0) < 0)
        return NULL;
    if (aio_event_set(self) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *event_clear(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("clear", kw) < 0 || r_check_nargs("clear", nargs, 0, 0) < 0)
        return NULL;
    aio_event_clear(self);
    R_RETURN_NONE;
}

static RObject *event_is_set(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("is_set", kw) < 0 || r_check_nargs("is_set", nargs, 0, 0) < 0)
        return NULL;
    return r_bool_from_long(((Event *)self)->value);
}

static RObject *event_repr(RObject *self)
{
    Event *e = (Event *)self;
    RObject *res = aio_object_repr_inner(self);
    RObject *w = res ? aio_waiters_suffix(e->waiters) : NULL;
    RObject *out = w ? r_str_from_format("<%U [%s%U]>", res, e->value ? "set" : "unset", w) : NULL;
    R_XDECREF(res);
    R_XDECREF(w);
    return out;
}

RObject *aio_event_new(RObject *loop_arg)
{
    Event *e = (Event *)r_alloc(&r_aio_event_type);
    if (!e)
        return NULL;
    if (!(e->waiters = r_deque_new()) || aio_bind_loop_when_made("Event", loop_arg, &e->loop) < 0) {
        R_DECREF(e);
        return NULL;
    }
    return (RObject *)e;
}

static RObject *event_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {NULL};
    static const char *const kwonly[] = {"loop", NULL};
    aio_sig sig = {"Event.__init__", pos, 0, kwonly, NULL, NULL, false};
    RObject *out[1] = {NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    Event *e = (Event *)r_alloc(type);
    if (!e)
        return NULL;
    if (!(e->waiters = r_deque_new()) || aio_bind_loop_when_made("Event", out[0], &e->loop) < 0)
        R_CLEAR(e);
    return (RObject *)e;
}

static const r_getset_def event_getsets[] = {
    {"_loop", get_loop_attr, NULL},
    {"_waiters", get_waiters, NULL},
    {NULL, NULL, NULL},
};

static const r_method_def event_methods[] = {
    {"wait", event_wait, 0, NULL},
    {"set", event_set, 0, NULL},
    {"clear", event_clear, 0, NULL},
    {"is_set", event_is_set, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* Event shares Lock's layout up to the flag */
RType r_aio_event_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Event",
    .basicsize = sizeof(Event),
    .dictoffset = offsetof(Event, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = lock_dealloc,
    .traverse = lock_traverse,
    .clear = lock_clear,
    .repr = event_repr,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = event_methods,
    .getsets = event_getsets,
    .tp_new = event_tp_new,
    .doc = "Asynchronous equivalent to threading.Event.",
};

/* ---- Semaphore, BoundedSemaphore ---- */

typedef struct {
    RObject ob;
    RObject *dict;
    RObject *loop;
    RObject *waiters; /* a deque, or NULL */
    RObject *value;   /* an int, as Python's */
    RObject *bound_value;
    bool wakeup_scheduled; /* 3.9 */
} Semaphore;

static int sem_value(Semaphore *s, ssize_t *v)
{
    *v = r_int_as_ssize(s->value);
    return *v == -1 && r_err_occurred() ? -1 : 0;
}

static int sem_add(Semaphore *s, ssize_t delta)
{
    ssize_t v;
    if (sem_value(s, &v) < 0)
        return -1;
    RObject *n = r_int_from_i64(v + delta);
    if (!n)
        return -1;
    R_SETREF(s->value, n);
    return 0;
}

static int sem_locked(Semaphore *s)
{
    ssize_t v;
    if (sem_value(s, &v) < 0)
        return -1;
    if (v == 0)
        return 1;
    if (semaphore_algorithm() <= 9)
        return 0;
    /* any(not w.cancelled() for w in (self._waiters or ())) */
    for (ssize_t i = 0; s->waiters && i < R_DEQUE_SIZE(s->waiters); i++) {
        int c = aio_future_cancelled(r_deque_item(s->waiters, i));
        if (c < 0)
            return -1;
        if (!c)
            return 1;
    }
    return 0;
}

/* _wake_up_next: 1 when a waiter was woken, 0 when none, -1 */
static int sem_wake_up_next(Semaphore *s)
{
    if (semaphore_algorithm() <= 9) {
        while (R_DEQUE_SIZE(s->waiters)) {
            RObject *waiter = r_deque_popleft(s->waiters);
            int done = aio_future_done(waiter);
            if (done == 0) {
                int rc = aio_future_set_result(waiter, R_NONE);
                R_DECREF(waiter);
                if (rc < 0)
                    return -1;
                if (semaphore_algorithm() == 9)
                    s->wakeup_scheduled = true;
                return 1;
            }
            R_DECREF(waiter);
            if (done < 0)
                return -1;
        }
        return 0;
    }
    if (!s->waiters || R_DEQUE_SIZE(s->waiters) == 0)
        return 0;
    RObject *waiters = r_incref(s->waiters);
    for (ssize_t i = 0; i < R_DEQUE_SIZE(waiters); i++) {
        RObject *fut = r_deque_item(waiters, i);
        int done = aio_future_done(fut);
        if (done < 0)
            goto fail;
        if (!done) {
            if (sem_add(s, -1) < 0 || aio_future_set_result(fut, R_TRUE) < 0)
                goto fail;
            R_DECREF(waiters);
            return 1;
        }
    }
    R_DECREF(waiters);
    return 0;
fail:
    R_DECREF(waiters);
    return -1;
}

typedef struct {
    AioCoro base;
    Semaphore *sem;
    RObject *fut;
} SemAcquire;

/* 3.8/3.9: while [wakeup_scheduled or] value <= 0: wait */
static aio_step sem_acquire_old(SemAcquire *a, RObject *exc, RObject **out)
{
    Semaphore *s = a->sem;
    AioCoro *c = &a->base;
    if (c->state == 1) {
        if (exc) {
            if (semaphore_algorithm() == 8) {
                /* except: fut.cancel(); if value > 0 and not fut.cancelled(): wake */
                if (aio_future_cancel(a->fut, NULL) < 0)
                    return AIO_RAISE;
                ssize_t v;
                if (sem_value(s, &v) < 0)
                    return AIO_RAISE;
                int fc = aio_future_cancelled(a->fut);
                if (fc < 0)
                    return AIO_RAISE;
                if (v > 0 && !fc && sem_wake_up_next(s) < 0)
                    return AIO_RAISE;
            } else if (r_typecheck(exc, r_aio_CancelledError) && sem_wake_up_next(s) < 0) {
                return AIO_RAISE;
            }
            r_err_restore(r_incref(exc));
            return AIO_RAISE;
        }
        if (semaphore_algorithm() == 9)
            s->wakeup_scheduled = false;
        R_CLEAR(a->fut);
    }
    for (;;) {
        ssize_t v;
        if (sem_value(s, &v) < 0)
            return AIO_RAISE;
        if (!((semaphore_algorithm() == 9 && s->wakeup_scheduled) || v <= 0))
            break;
        if (!(a->fut = aio_bound_create_future((RObject *)s, &s->loop)) ||
            r_deque_append(s->waiters, a->fut) < 0)
            return AIO_RAISE;
        c->state = 1;
        *out = r_incref(a->fut);
        return AIO_AWAIT;
    }
    if (sem_add(s, -1) < 0)
        return AIO_RAISE;
    *out = r_incref(R_TRUE);
    return AIO_RETURN;
}

static aio_step sem_acquire_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    SemAcquire *a = (SemAcquire *)c;
    Semaphore *s = a->sem;
    if (semaphore_algorithm() <= 9)
        return sem_acquire_old(a, exc, out);
    if (c->state == 0) {
        int locked = sem_locked(s);
        if (locked < 0)
            return AIO_RAISE;
        if (!locked) {
            if (sem_add(s, -1) < 0)
                return AIO_RAISE;
            *out = r_incref(R_TRUE);
            return AIO_RETURN;
        }
        if (!s->waiters && !(s->waiters = r_deque_new()))
            return AIO_RAISE;
        if (!(a->fut = aio_bound_create_future((RObject *)s, &s->loop)) ||
            r_deque_append(s->waiters, a->fut) < 0)
            return AIO_RAISE;
        c->state = 1;
        *out = r_incref(a->fut);
        return AIO_AWAIT;
    }
    /* finally: self._waiters.remove(fut) */
    RObject *pending = exc ? r_incref(exc) : NULL;
    if (r_deque_remove(s->waiters, a->fut) < 0) {
        RObject *err = r_err_fetch();
        if (pending)
            r_exc_set_context(err, pending);
        pending = err;
    }
    if (pending && r_typecheck(pending, r_aio_CancelledError)) {
        int done = aio_future_done(a->fut), cancelled = aio_future_cancelled(a->fut);
        bool undo = semaphore_algorithm() == 13 ? done == 1 && cancelled == 0 : cancelled == 0;
        if (undo && (sem_add(s, 1) < 0 || (semaphore_algorithm() == 10 && sem_wake_up_next(s) < 0))) {
            R_DECREF(pending);
            return AIO_RAISE;
        }
    }
    if (semaphore_algorithm() == 13) {
        /* finally: wake as many as the value allows */
        for (;;) {
            ssize_t v;
            if (sem_value(s, &v) < 0) {
                R_XDECREF(pending);
                return AIO_RAISE;
            }
            if (v <= 0)
                break;
            int woke = sem_wake_up_next(s);
            if (woke < 0) {
                R_XDECREF(pending);
                return AIO_RAISE;
            }
            if (!woke)
                break;
        }
    } else if (!pending) {
        ssize_t v;
        if (sem_value(s, &v) < 0 || (v > 0 && sem_wake_up_next(s) < 0))
            return AIO_RAISE;
    }
    if (pending) {
        r_err_restore(pending);
        return AIO_RAISE;
    }
    *out = r_incref(R_TRUE);
    return AIO_RETURN;
}

static const aio_coro_def sem_acquire_def = {"acquire", "Semaphore.acquire", sizeof(SemAcquire),
                                             sem_acquire_step, AIO_CORO_REFS(SemAcquire, fut), &aio_src_Semaphore_acquire};

static RObject *sem_acquire(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("acquire", kw) < 0 || r_check_nargs("acquire", nargs, 0, 0) < 0)
        return NULL;
    SemAcquire *a = (SemAcquire *)aio_coro_new(&sem_acquire_def);
    if (a)
        a->sem = (Semaphore *)r_incref(self);
    return (RObject *)a;
}

static RObject *sem_release(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("release", kw) < 0 || r_check_nargs("release", nargs, 0, 0) < 0)
        return NULL;
    Semaphore *s = (Semaphore *)self;
    if (s->bound_value) {
        int ge = r_richcompare_bool(s->value, s->bound_value, R_GE);
        if (ge < 0)
            return NULL;
        if (ge)
            return r_err_format(r_exc_ValueError, "BoundedSemaphore released too many times");
    }
    if (sem_add(s, 1) < 0 || sem_wake_up_next(s) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *sem_locked_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("locked", kw) < 0 || r_check_nargs("locked", nargs, 0, 0) < 0)
        return NULL;
    int l = sem_locked((Semaphore *)self);
    return l < 0 ? NULL : r_bool_from_long(l);
}

static RObject *sem_repr(RObject *self)
{
    Semaphore *s = (Semaphore *)self;
    int locked = sem_locked(s);
    if (locked < 0)
        return NULL;
    RObject *res = aio_object_repr_inner(self);
    RObject *state = res ? (locked ? r_str_from_cstr("locked")
                                   : r_str_from_format("unlocked, value:%S", s->value))
                         : NULL;
    RObject *w = state ? aio_waiters_suffix(s->waiters) : NULL;
    RObject *out = w ? r_str_from_format("<%U [%U%U]>", res, state, w) : NULL;
    R_XDECREF(res);
    R_XDECREF(state);
    R_XDECREF(w);
    return out;
}

static RObject *sem_new(RType *type, RObject *const *args, size_t nargs, RObject *kw,
                        bool bounded)
{
    static const char *const pos[] = {"value", NULL};
    static const char *const kwonly[] = {"loop", NULL};
    aio_sig sig = {bounded ? "BoundedSemaphore.__init__" : "Semaphore.__init__", pos, 0, kwonly,
                   NULL, NULL, false};
    RObject *out[2] = {NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    RObject *value = out[0] ? out[0] : r_int_from_i64(1);
    if (!out[0] && !value)
        return NULL;
    if (out[0])
        R_INCREF(value);
    Semaphore *s = NULL;
    RObject *zero = r_int_from_i64(0);
    int neg = zero ? r_richcompare_bool(value, zero, R_LT) : -1;
    R_XDECREF(zero);
    if (neg > 0)
        r_err_set_string(r_exc_ValueError, "Semaphore initial value must be >= 0");
    if (neg == 0 && (s = (Semaphore *)r_alloc(type))) {
        s->value = r_incref(value);
        if (bounded)
            s->bound_value = r_incref(value);
        /* 3.8/3.9 start with an empty deque, later versions with None */
        if ((semaphore_algorithm() <= 9 && !(s->waiters = r_deque_new())) ||
            aio_bind_loop_when_made(bounded ? "BoundedSemaphore" : "Semaphore", out[1], &s->loop) <
                0)
            R_CLEAR(s);
    }
    R_DECREF(value);
    return (RObject *)s;
}

static RObject *sem_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    return sem_new(type, args, nargs, kw, false);
}

static RObject *bsem_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    return sem_new(type, args, nargs, kw, true);
}

static void sem_dealloc(RObject *o)
{
    Semaphore *s = (Semaphore *)o;
    R_XDECREF(s->dict);
    R_XDECREF(s->loop);
    R_XDECREF(s->waiters);
    R_XDECREF(s->value);
    R_XDECREF(s->bound_value);
    r_free(o);
}

static int sem_traverse(RObject *o, r_visitproc visit, void *arg)
{
    Semaphore *s = (Semaphore *)o;
    return R_VISIT_EACH(visit, arg, s->dict, s->loop, s->waiters);
}

static void sem_clear(RObject *o)
{
    Semaphore *s = (Semaphore *)o;
    R_CLEAR(s->dict);
    R_CLEAR(s->loop);
    R_CLEAR(s->waiters);
}

static RObject *get_sem_value(RObject *o)
{
    return r_incref(((Semaphore *)o)->value);
}

static const r_getset_def sem_getsets[] = {
    {"_loop", get_loop_attr, NULL},
    {"_waiters", get_waiters, NULL},
    {"_value", get_sem_value, NULL},
    {NULL, NULL, NULL},
};

static const r_method_def sem_methods[] = {
    {"acquire", sem_acquire, 0, NULL},
    {"release", sem_release, 0, NULL},
    {"locked", sem_locked_method, 0, NULL},
    {"__aenter__", aio_cm_aenter, 0, NULL},
    {"__aexit__", aio_cm_aexit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_semaphore_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Semaphore",
    .basicsize = sizeof(Semaphore),
    .dictoffset = offsetof(Semaphore, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = sem_dealloc,
    .traverse = sem_traverse,
    .clear = sem_clear,
    .repr = sem_repr,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = sem_methods,
    .getsets = sem_getsets,
    .tp_new = sem_tp_new,
    .doc = "A Semaphore implementation.",
};

RType r_aio_bounded_semaphore_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "BoundedSemaphore",
    .base = &r_aio_semaphore_type,
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .tp_new = bsem_tp_new,
    .doc = "A bounded semaphore implementation.",
};
