/* concurrent.futures.wait and as_completed, transliterated from CPython's
 * Lib/concurrent/futures/_base.py. They reach each future only through
 * `_condition`, `_state` and `_waiters`, as the Python does, so an object
 * that is not a concurrent future fails the way it fails in CPython (an
 * AttributeError naming its type and `_condition`); the C fields are read
 * directly only for the Future type itself. */
#include "cf_wait.h"

#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "cf_future.h"
#include "cf_profile.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "gc.h"
#include "intobject.h"
#include "listobject.h"
#include "setobject.h"
#include "strobject.h"
#include "thread.h"
#include "threadingmodule.h"
#include "timemodule.h"
#include "tupleobject.h"
#include "typeobject.h"

/* ---- the waiters: _AsCompletedWaiter, _FirstCompletedWaiter, _AllCompletedWaiter ---- */

typedef enum { WAIT_AS_COMPLETED, WAIT_FIRST_COMPLETED, WAIT_ALL_COMPLETED } waiter_kind;

typedef struct {
    RObject ob;
    waiter_kind kind;
    RObject *event;            /* threading.Event */
    RObject *finished_futures; /* list */
    r_lock *lock;              /* _AsCompletedWaiter / _AllCompletedWaiter's self.lock */
    ssize_t num_pending_calls; /* _AllCompletedWaiter */
    bool stop_on_exception;    /* _AllCompletedWaiter */
} CfWaiter;

static RType waiter_type;

static RObject *waiter_new(waiter_kind kind)
{
    CfWaiter *w = (CfWaiter *)r_alloc(&waiter_type);
    if (!w)
        return NULL;
    w->kind = kind;
    w->event = r_call0((RObject *)&r_event_type);
    w->finished_futures = r_list_new(0);
    w->lock = r_lock_new();
    if (!w->event || !w->finished_futures || !w->lock) {
        R_DECREF(w);
        return NULL;
    }
    return (RObject *)w;
}

static void waiter_dealloc(RObject *o)
{
    CfWaiter *w = (CfWaiter *)o;
    R_XDECREF(w->event);
    R_XDECREF(w->finished_futures);
    if (w->lock)
        r_lock_free(w->lock);
    r_free(o);
}

static int event_call(RObject *event, const char *method)
{
    RObject *r = r_call_method(event, method, NULL, 0);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

int r_cf_waiter_notify(RObject *waiter, RObject *fut, cf_waiter_event ev)
{
    if (R_TYPE(waiter) != &waiter_type) {
        static const char *const names[] = {"add_result", "add_exception", "add_cancelled"};
        RObject *r = r_call_method(waiter, names[ev], &fut, 1);
        if (!r)
            return -1;
        R_DECREF(r);
        return 0;
    }
    CfWaiter *w = (CfWaiter *)waiter;
    switch (w->kind) {
    case WAIT_AS_COMPLETED: {
        r_lock_acquire(w->lock, -1);
        int rc = r_list_append(w->finished_futures, fut);
        if (rc == 0)
            rc = event_call(w->event, "set");
        r_lock_release(w->lock);
        return rc;
    }
    case WAIT_FIRST_COMPLETED:
        if (r_list_append(w->finished_futures, fut) < 0)
            return -1;
        return event_call(w->event, "set");
    case WAIT_ALL_COMPLETED:
        if (r_list_append(w->finished_futures, fut) < 0)
            return -1;
        if (ev == CF_WAITER_EXCEPTION && w->stop_on_exception)
            return event_call(w->event, "set");
        /* _decrement_pending_calls */
        r_lock_acquire(w->lock, -1);
        int rc = 0;
        if (--w->num_pending_calls == 0)
            rc = event_call(w->event, "set");
        r_lock_release(w->lock);
        return rc;
    }
    return 0;
}

static RObject *waiter_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw,
                              cf_waiter_event ev)
{
    if (r_check_no_kwargs("add_result", kw) < 0 || r_check_nargs("add_result", nargs, 1, 1) < 0)
        return NULL;
    if (r_cf_waiter_notify(self, args[0], ev) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *waiter_add_result(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return waiter_method(self, args, nargs, kw, CF_WAITER_RESULT);
}

static RObject *waiter_add_exception(RObject *self, RObject *const *args, size_t nargs,
                                     RObject *kw)
{
    return waiter_method(self, args, nargs, kw, CF_WAITER_EXCEPTION);
}

static RObject *waiter_add_cancelled(RObject *self, RObject *const *args, size_t nargs,
                                     RObject *kw)
{
    return waiter_method(self, args, nargs, kw, CF_WAITER_CANCELLED);
}

static const r_method_def waiter_methods[] = {
    {"add_result", waiter_add_result, 0, NULL},
    {"add_exception", waiter_add_exception, 0, NULL},
    {"add_cancelled", waiter_add_cancelled, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static int waiter_traverse(RObject *o, r_visitproc visit, void *arg)
{
    CfWaiter *w = (CfWaiter *)o;
    return R_VISIT_EACH(visit, arg, w->event, w->finished_futures);
}

static RType waiter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_Waiter",
    .basicsize = sizeof(CfWaiter),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = waiter_dealloc,
    .traverse = waiter_traverse,
    .getattro = r_generic_getattr,
    .methods = waiter_methods,
};

/* ---- a future seen through its attributes ---- */

static bool is_future(RObject *f)
{
    return r_typecheck(f, &r_cf_future_type);
}

/* `future._condition.acquire()` / `.release()` */
static int condition_call(RObject *f, bool acquire)
{
    if (is_future(f) && R_TYPE(((CfFuture *)f)->condition) == &r_condition_type) {
        if (acquire) {
            r_condition_acquire(((CfFuture *)f)->condition);
            return 0;
        }
        return r_condition_release(((CfFuture *)f)->condition);
    }
    RObject *cond = r_getattr_cstr(f, "_condition");
    if (!cond)
        return -1;
    RObject *r = r_call_method(cond, acquire ? "acquire" : "release", NULL, 0);
    R_DECREF(cond);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

/* `f._state in [CANCELLED_AND_NOTIFIED, FINISHED]` */
static int is_done_and_notified(RObject *f)
{
    if (is_future(f)) {
        cf_state s = ((CfFuture *)f)->state;
        return s == CF_CANCELLED_AND_NOTIFIED || s == CF_FINISHED;
    }
    RObject *state = r_getattr_cstr(f, "_state");
    if (!state)
        return -1;
    int rc = r_richcompare_bool(state, r_str_intern("CANCELLED_AND_NOTIFIED"), R_EQ);
    if (rc == 0)
        rc = r_richcompare_bool(state, r_str_intern("FINISHED"), R_EQ);
    R_DECREF(state);
    return rc;
}

/* `f._waiters.append(waiter)` / `.remove(waiter)` */
static int waiters_call(RObject *f, RObject *waiter, bool append)
{
    if (is_future(f) && !((CfFuture *)f)->waiters)
        return 0; /* cleared by the cycle collector: nothing waits any more */
    RObject *list = is_future(f) ? r_incref(((CfFuture *)f)->waiters)
                                 : r_getattr_cstr(f, "_waiters");
    if (!list)
        return -1;
    RObject *r = r_call_method(list, append ? "append" : "remove", &waiter, 1);
    R_DECREF(list);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

/* `with f._condition: f._waiters.remove(waiter)` */
static int uninstall_waiter(RObject *f, RObject *waiter)
{
    if (condition_call(f, true) < 0)
        return -1;
    waiters_call(f, waiter, false);
    RObject *exc = r_err_fetch();
    return r_cf_end_finally(exc, condition_call(f, false));
}

/* ---- _AcquireFutures ---- */

static int by_address(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (RObject *const *)a, y = (uintptr_t) * (RObject *const *)b;
    return x < y ? -1 : x > y;
}

/* sorted(futures, key=id), as a new list */
static RObject *sorted_by_id(RObject *futures)
{
    RObject *list = r_sequence_list(futures);
    if (!list)
        return NULL;
    /* a stable sort on distinct keys; equal keys are the same object */
    if (R_LIST_SIZE(list) > 1)
        qsort(R_LIST_ITEMS(list), (size_t)R_LIST_SIZE(list), sizeof(RObject *), by_address);
    return list;
}

/* __enter__: every future's condition, in id order; a failure leaves the
 * ones already taken held, as the Python's __enter__ does */
static RObject *acquire_futures(RObject *futures)
{
    RObject *sorted = sorted_by_id(futures);
    if (!sorted)
        return NULL;
    for (ssize_t i = 0; i < R_LIST_SIZE(sorted); i++)
        if (condition_call(R_LIST_ITEMS(sorted)[i], true) < 0) {
            R_DECREF(sorted);
            return NULL;
        }
    return sorted;
}

/* __exit__: releases them all, keeping any exception in flight */
static int release_futures(RObject *sorted)
{
    RObject *exc = r_err_fetch();
    int rc = 0;
    for (ssize_t i = 0; i < R_LIST_SIZE(sorted); i++)
        if (condition_call(R_LIST_ITEMS(sorted)[i], false) < 0) {
            rc = -1;
            break;
        }
    R_DECREF(sorted);
    return r_cf_end_finally(exc, rc);
}

/* ---- _create_and_install_waiters ---- */

static RObject *create_and_install_waiters(RObject *fs, RObject *return_when)
{
    RObject *waiter = NULL;
    if (r_richcompare_bool(return_when, r_str_intern("_AS_COMPLETED"), R_EQ) == 1) {
        waiter = waiter_new(WAIT_AS_COMPLETED);
    } else if (r_richcompare_bool(return_when, r_str_intern("FIRST_COMPLETED"), R_EQ) == 1) {
        waiter = waiter_new(WAIT_FIRST_COMPLETED);
    } else {
        if (r_err_occurred())
            return NULL;
        ssize_t pending = 0;
        RObject *it = r_get_iter(fs), *f;
        if (!it)
            return NULL;
        while ((f = r_iter_next(it))) {
            int done = is_done_and_notified(f);
            R_DECREF(f);
            if (done < 0) {
                R_DECREF(it);
                return NULL;
            }
            pending += !done;
        }
        R_DECREF(it);
        if (r_err_occurred())
            return NULL;
        bool first_exc = r_richcompare_bool(return_when, r_str_intern("FIRST_EXCEPTION"), R_EQ) == 1;
        if (!first_exc &&
            r_richcompare_bool(return_when, r_str_intern("ALL_COMPLETED"), R_EQ) != 1) {
            if (r_err_occurred())
                return NULL;
            RObject *rep = r_repr(return_when);
            if (rep) {
                r_err_format(r_exc_ValueError, "Invalid return condition: %U", rep);
                R_DECREF(rep);
            }
            return NULL;
        }
        waiter = waiter_new(WAIT_ALL_COMPLETED);
        if (waiter) {
            ((CfWaiter *)waiter)->num_pending_calls = pending;
            ((CfWaiter *)waiter)->stop_on_exception = first_exc;
        }
    }
    if (!waiter)
        return NULL;
    RObject *it = r_get_iter(fs), *f;
    if (!it) {
        R_DECREF(waiter);
        return NULL;
    }
    while ((f = r_iter_next(it))) {
        int rc = waiters_call(f, waiter, true);
        R_DECREF(f);
        if (rc < 0)
            break;
    }
    R_DECREF(it);
    if (r_err_occurred()) {
        R_DECREF(waiter);
        return NULL;
    }
    return waiter;
}

/* ---- DoneAndNotDoneFutures: collections.namedtuple('DoneAndNotDoneFutures', 'done not_done') ---- */

static RObject *done_and_not_done_new(RObject *done, RObject *not_done)
{
    RTuple *t = (RTuple *)r_alloc_var(&r_cf_done_and_not_done_type, 2 * sizeof(RObject *));
    if (!t)
        return NULL;
    t->size = 2;
    t->hash_cache_unused = -1;
    t->items[0] = r_incref(done);
    t->items[1] = r_incref(not_done);
    return (RObject *)t;
}

static RObject *dnd_repr(RObject *self)
{
    RObject *a = r_repr(R_TUPLE_GET(self, 0));
    RObject *b = a ? r_repr(R_TUPLE_GET(self, 1)) : NULL;
    RObject *res = b ? r_str_from_format("DoneAndNotDoneFutures(done=%U, not_done=%U)", a, b)
                     : NULL;
    R_XDECREF(a);
    R_XDECREF(b);
    return res;
}

static RObject *dnd_done(RObject *self)
{
    return r_incref(R_TUPLE_GET(self, 0));
}

static RObject *dnd_not_done(RObject *self)
{
    return r_incref(R_TUPLE_GET(self, 1));
}

static const r_getset_def dnd_getsets[] = {
    {"done", dnd_done, NULL},
    {"not_done", dnd_not_done, NULL},
    {NULL, NULL, NULL},
};

RType r_cf_done_and_not_done_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "DoneAndNotDoneFutures",
    .base = &r_tuple_type,
    .basicsize = sizeof(RTuple),
    .flags = R_TPFLAGS_TUPLE_SUBCLASS,
    .repr = dnd_repr,
    .getsets = dnd_getsets,
};

/* ---- wait ---- */

static RObject *set_difference(RObject *a, RObject *b)
{
    RObject *d = r_set_new(a);
    if (!d)
        return NULL;
    RObject *r = r_set_inplace_sub(d, b);
    R_DECREF(d);
    return r;
}

/* `any(f for f in done if not f.cancelled() and f.exception() is not None)` */
static int any_raised(RObject *done)
{
    RObject *it = r_get_iter(done), *f;
    if (!it)
        return -1;
    int found = 0;
    while (!found && (f = r_iter_next(it))) {
        RObject *c = r_call_method(f, "cancelled", NULL, 0);
        int cancelled = c ? r_is_true(c) : -1;
        R_XDECREF(c);
        if (cancelled == 0) {
            RObject *e = r_call_method(f, "exception", NULL, 0);
            if (!e)
                cancelled = -1;
            else
                found = e != R_NONE && r_is_true(f);
            R_XDECREF(e);
        }
        R_DECREF(f);
        if (cancelled < 0 || found < 0) {
            R_DECREF(it);
            return -1;
        }
    }
    R_DECREF(it);
    return r_err_occurred() ? -1 : found;
}

/* wait()'s part under _AcquireFutures: *result set when it returns early,
 * else *waiter installed */
static int wait_locked(RObject *fs, RObject *done, RObject *return_when, RObject **result,
                       RObject **waiter)
{
    RObject *it = r_get_iter(fs), *f;
    if (!it)
        return -1;
    while ((f = r_iter_next(it))) {
        int d = is_done_and_notified(f);
        int rc = d > 0 ? r_set_add(done, f) : d;
        R_DECREF(f);
        if (rc < 0) {
            R_DECREF(it);
            return -1;
        }
    }
    R_DECREF(it);
    if (r_err_occurred())
        return -1;
    RObject *not_done = set_difference(fs, done);
    if (!not_done)
        return -1;
    ssize_t n_done = r_set_size(done);
    bool early = false;
    if (r_richcompare_bool(return_when, r_str_intern("FIRST_COMPLETED"), R_EQ) == 1 && n_done) {
        early = true;
    } else if (r_richcompare_bool(return_when, r_str_intern("FIRST_EXCEPTION"), R_EQ) == 1 &&
               n_done) {
        int raised = any_raised(done);
        if (raised < 0)
            goto fail;
        early = raised;
    }
    if (r_err_occurred())
        goto fail;
    /* `len(done) == len(fs)`: fs is a set from 3.9, the caller's list in 3.8 */
    ssize_t n_fs = r_length(fs);
    if (n_fs < 0)
        goto fail;
    if (early || n_done == n_fs) {
        *result = done_and_not_done_new(done, not_done);
        R_DECREF(not_done);
        return *result ? 0 : -1;
    }
    R_DECREF(not_done);
    *waiter = create_and_install_waiters(fs, return_when);
    return *waiter ? 0 : -1;
fail:
    R_DECREF(not_done);
    return -1;
}

static RObject *wait_impl(RObject *fs_arg, RObject *timeout, RObject *return_when)
{
    /* version: 3.9 made `fs = set(fs)` the first step (bpo-40360 dedup);
     * 3.8 works on the caller's sequence */
    RObject *fs = cf_wait_takes_a_set() ? r_set_new(fs_arg) : r_incref(fs_arg);
    if (!fs)
        return NULL;
    RObject *done = r_set_new(NULL), *result = NULL, *waiter = NULL;
    if (!done)
        goto out;
    RObject *held = acquire_futures(fs);
    if (!held)
        goto out;
    int rc = wait_locked(fs, done, return_when, &result, &waiter);
    if (release_futures(held) < 0 || rc < 0 || result) {
        if (r_err_occurred())
            R_CLEAR(result);
        goto out;
    }
    RObject *targ = timeout ? timeout : R_NONE;
    RObject *w = r_call_method(((CfWaiter *)waiter)->event, "wait", &targ, 1);
    if (!w)
        goto out;
    R_DECREF(w);
    RObject *it = r_get_iter(fs), *f;
    if (!it)
        goto out;
    while ((f = r_iter_next(it))) {
        int urc = uninstall_waiter(f, waiter);
        R_DECREF(f);
        if (urc < 0)
            break;
    }
    R_DECREF(it);
    if (r_err_occurred() || r_set_update(done, ((CfWaiter *)waiter)->finished_futures) < 0)
        goto out;
    RObject *not_done = set_difference(fs, done);
    if (not_done) {
        result = done_and_not_done_new(done, not_done);
        R_DECREF(not_done);
    }
out:
    R_XDECREF(waiter);
    R_XDECREF(done);
    R_DECREF(fs);
    return result;
}

RObject *r_cf_wait(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const names[] = {"fs", "timeout", "return_when", NULL};
    RObject *opts[3] = {NULL, NULL, NULL};
    for (size_t i = 0; i < nargs && i < 3; i++)
        opts[i] = args[i];
    if (r_check_nargs("wait", nargs, 0, 3) < 0 ||
        r_parse_keywords("wait", kw, args + nargs, names, opts) < 0)
        return NULL;
    if (!opts[0])
        return r_err_format(r_exc_TypeError, "wait() missing 1 required positional argument: 'fs'");
    return wait_impl(opts[0], opts[1], opts[2] ? opts[2] : r_str_intern("ALL_COMPLETED"));
}

/* ---- as_completed: a generator, so nothing runs before the first next() ---- */

typedef struct {
    RObject ob;
    RObject *fs_arg;    /* what the caller passed, until the body starts */
    RObject *timeout;   /* None or a number */
    double end_time;
    RObject *fs;        /* set(fs) */
    ssize_t total_futures;
    RObject *pending;   /* set */
    RObject *finished;  /* list being yielded from, last first */
    bool in_loop;       /* ref_collect is (fs, pending) once in the loop */
    RObject *waiter;
    enum { AC_CREATED, AC_RUNNING, AC_CLOSED } state;
} AsCompleted;

static RType as_completed_type;

/* the `finally:` clause: take the waiter off every future still in fs */
static int as_completed_finally(AsCompleted *g)
{
    if (!g->waiter || !g->fs)
        return 0;
    RObject *exc = r_err_fetch();
    int rc = 0;
    RObject *it = r_get_iter(g->fs), *f;
    if (it) {
        while ((f = r_iter_next(it))) {
            rc = uninstall_waiter(f, g->waiter);
            R_DECREF(f);
            if (rc < 0)
                break;
        }
        R_DECREF(it);
    }
    if (r_err_occurred())
        rc = -1;
    g->state = AC_CLOSED;
    return r_cf_end_finally(exc, rc);
}

static int as_completed_start(AsCompleted *g)
{
    if (g->timeout != R_NONE) {
        double t = R_FLOAT_CHECK(g->timeout) ? r_float_as_double(g->timeout)
                                             : r_int_as_double(g->timeout);
        if (t == -1.0 && r_err_occurred())
            return -1;
        g->end_time = t + r_time_monotonic();
    }
    g->fs = r_set_new(g->fs_arg);
    if (!g->fs)
        return -1;
    g->total_futures = r_set_size(g->fs);
    RObject *held = acquire_futures(g->fs);
    if (!held)
        return -1;
    RObject *finished = r_set_new(NULL);
    int rc = finished ? 0 : -1;
    RObject *it = rc == 0 ? r_get_iter(g->fs) : NULL, *f;
    if (it) {
        while ((f = r_iter_next(it))) {
            int d = is_done_and_notified(f);
            rc = d > 0 ? r_set_add(finished, f) : d;
            R_DECREF(f);
            if (rc < 0)
                break;
        }
        R_DECREF(it);
    }
    if (r_err_occurred())
        rc = -1;
    if (rc == 0) {
        g->pending = set_difference(g->fs, finished);
        g->waiter = g->pending ? create_and_install_waiters(g->fs, r_str_intern("_AS_COMPLETED"))
                               : NULL;
        if (!g->waiter)
            rc = -1;
    }
    if (release_futures(held) < 0)
        rc = -1;
    if (rc == 0) {
        g->finished = r_sequence_list(finished);
        if (!g->finished)
            rc = -1;
    }
    R_XDECREF(finished);
    return rc;
}

/* one step of _yield_finished_futures: the last of g->finished, taken out
 * of the ref_collect sets and off its waiter list */
static RObject *yield_finished(AsCompleted *g)
{
    RObject *f = R_LIST_ITEMS(g->finished)[R_LIST_SIZE(g->finished) - 1];
    RObject *sets[2] = {g->fs, g->in_loop ? g->pending : NULL};
    for (int i = 0; i < 2 && sets[i]; i++) {
        int found = r_set_contains(sets[i], f);
        if (found == 0) {
            RObject *keyargs = r_tuple_pack(1, f);
            if (keyargs) {
                r_err_set_object(r_exc_KeyError, keyargs);
                R_DECREF(keyargs);
            }
            return NULL;
        }
        if (found < 0 || r_set_discard(sets[i], f) < 0)
            return NULL;
    }
    if (uninstall_waiter(f, g->waiter) < 0)
        return NULL;
    /* fs.pop() */
    RObject *last = R_LIST_ITEMS(g->finished)[--((RList *)g->finished)->size];
    return last;
}

static RObject *as_completed_body(AsCompleted *g)
{
    for (;;) {
        if (R_LIST_SIZE(g->finished) > 0)
            return yield_finished(g);
        g->in_loop = true;
        if (r_set_size(g->pending) == 0)
            return NULL; /* the generator returns */
        RObject *wait_timeout = NULL;
        if (g->timeout != R_NONE) {
            double left = g->end_time - r_time_monotonic();
            if (left < 0)
                return r_err_format(r_cf_TimeoutError, "%zd (of %zd) futures unfinished",
                                    r_set_size(g->pending), g->total_futures);
            wait_timeout = r_float_from_double(left);
            if (!wait_timeout)
                return NULL;
        }
        CfWaiter *w = (CfWaiter *)g->waiter;
        RObject *arg = wait_timeout ? wait_timeout : R_NONE;
        RObject *r = r_call_method(w->event, "wait", &arg, 1);
        R_XDECREF(wait_timeout);
        if (!r)
            return NULL;
        R_DECREF(r);
        r_lock_acquire(w->lock, -1);
        RObject *fresh = r_list_new(0);
        int rc = fresh ? event_call(w->event, "clear") : -1;
        if (rc == 0) {
            R_SETREF(g->finished, w->finished_futures);
            w->finished_futures = fresh;
        } else {
            R_XDECREF(fresh);
        }
        r_lock_release(w->lock);
        if (rc < 0)
            return NULL;
        /* finished.reverse() */
        RObject **items = R_LIST_ITEMS(g->finished);
        for (ssize_t i = 0, j = R_LIST_SIZE(g->finished) - 1; i < j; i++, j--) {
            RObject *t = items[i];
            items[i] = items[j];
            items[j] = t;
        }
    }
}

static RObject *as_completed_next(RObject *self)
{
    AsCompleted *g = (AsCompleted *)self;
    if (g->state == AC_CLOSED)
        return NULL;
    if (g->state == AC_CREATED) {
        g->state = AC_RUNNING;
        if (as_completed_start(g) < 0) {
            /* an error before the try: no finally to run */
            g->state = AC_CLOSED;
            return NULL;
        }
    }
    RObject *f = as_completed_body(g);
    if (!f)
        as_completed_finally(g);
    return f;
}

static RObject *as_completed_close(RObject *self, RObject *const *args, size_t nargs,
                                   RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    AsCompleted *g = (AsCompleted *)self;
    if (g->state == AC_RUNNING && as_completed_finally(g) < 0)
        return NULL;
    g->state = AC_CLOSED;
    R_RETURN_NONE;
}

static RObject *as_completed_iter(RObject *self)
{
    return r_incref(self);
}

static RObject *as_completed_repr(RObject *self)
{
    return r_str_from_format("<generator object as_completed at %p>", (void *)self);
}

static void as_completed_dealloc(RObject *self)
{
    AsCompleted *g = (AsCompleted *)self;
    /* a generator dropped mid-way is closed: its finally runs */
    if (g->state == AC_RUNNING) {
        RObject *exc = r_err_fetch();
        if (as_completed_finally(g) < 0)
            r_err_clear();
        r_err_restore(exc);
    }
    R_XDECREF(g->fs_arg);
    R_XDECREF(g->timeout);
    R_XDECREF(g->fs);
    R_XDECREF(g->pending);
    R_XDECREF(g->finished);
    R_XDECREF(g->waiter);
    r_free(self);
}

static const r_method_def as_completed_methods[] = {
    {"close", as_completed_close, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static int as_completed_traverse(RObject *self, r_visitproc visit, void *arg)
{
    AsCompleted *g = (AsCompleted *)self;
    return R_VISIT_EACH(visit, arg, g->fs_arg, g->timeout, g->fs, g->pending, g->finished,
                        g->waiter);
}

static RType as_completed_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "generator",
    .basicsize = sizeof(AsCompleted),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = as_completed_dealloc,
    .traverse = as_completed_traverse,
    .repr = as_completed_repr,
    .getattro = r_generic_getattr,
    .iter = as_completed_iter,
    .iternext = as_completed_next,
    .methods = as_completed_methods,
};

RObject *r_cf_as_completed(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const names[] = {"fs", "timeout", NULL};
    RObject *opts[2] = {NULL, NULL};
    for (size_t i = 0; i < nargs && i < 2; i++)
        opts[i] = args[i];
    if (r_check_nargs("as_completed", nargs, 0, 2) < 0 ||
        r_parse_keywords("as_completed", kw, args + nargs, names, opts) < 0)
        return NULL;
    if (!opts[0])
        return r_err_format(r_exc_TypeError,
                            "as_completed() missing 1 required positional argument: 'fs'");
    AsCompleted *g = (AsCompleted *)r_alloc(&as_completed_type);
    if (!g)
        return NULL;
    g->fs_arg = r_incref(opts[0]);
    g->timeout = r_incref(opts[1] ? opts[1] : R_NONE);
    return (RObject *)g;
}
