/* tasks.py's waiting primitives: wait (with _wait), wait_for (a waiter
 * and a new Task up to 3.11, timeouts.timeout() from 3.12),
 * _cancel_and_wait, _release_waiter. as_completed is in
 * aio_as_completed.c. */
#include "aio.h"
#include "aio_args.h"
#include "aio_coro.h"
#include "boolobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "functoolsmodule.h"
#include "intobject.h"
#include "listobject.h"
#include "profile.h"
#include "setobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "warnings.h"

/* ---- version predicates of this file ---- */

/* wait()/wait_for() take loop= (deprecated): up to 3.9 */
static bool takes_loop_argument(void) { return r_profile.minor <= 9; }
/* wait() wraps what it is given with ensure_future: up to 3.10; from 3.11
 * it refuses coroutines and calls add_done_callback on whatever it got */
static bool wait_wraps_with_ensure_future(void) { return r_profile.minor <= 10; }
/* wait_for() runs inline under timeouts.timeout(): 3.12+ */
static bool wait_for_uses_timeout(void) { return r_profile.minor >= 12; }
/* wait_for()'s TimeoutError is raised `from` the CancelledError: 3.9+ */
static bool wait_for_chains_timeout(void) { return r_profile.minor >= 9; }

static int warn_loop_argument(void)
{
    RObject *msg = r_str_from_cstr("The loop argument is deprecated since Python 3.8, and "
                                   "scheduled for removal in Python 3.10.");
    int rc = msg ? r_warn(r_exc_DeprecationWarning, msg, 1, NULL) : -1;
    R_XDECREF(msg);
    return rc;
}

static int call_void(RObject *o, const char *name, RObject *arg)
{
    RObject *r = arg ? r_call_method(o, name, &arg, 1) : r_call_method(o, name, NULL, 0);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

/* `raise` inside a finally/except while exc is in flight: the new error
 * takes exc as its context */
static void chain_onto(RObject *exc)
{
    RObject *cur = r_err_peek();
    if (cur && exc && cur != exc && !((RBaseException *)cur)->context)
        r_exc_set_context(cur, r_incref(exc));
}

/* ---- _release_waiter(waiter, *args) ---- */

static RObject *f_release_waiter(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"waiter", NULL};
    RObject *const *rest;
    size_t nrest;
    aio_sig sig = {"_release_waiter", pos, 1, NULL, &rest, &nrest, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    int done = aio_future_done(out[0]);
    if (done < 0 || (!done && aio_future_set_result(out[0], R_NONE) < 0))
        return NULL;
    R_RETURN_NONE;
}

static const r_method_def release_waiter_def = {"_release_waiter", f_release_waiter, 0, NULL};
static RObject *release_waiter_obj;

static RObject *release_waiter(void)
{
    if (!release_waiter_obj)
        aio_register_c_source(&release_waiter_def, &aio_src__release_waiter);
    if (!release_waiter_obj)
        release_waiter_obj =
            r_cfunction_new(&release_waiter_def, NULL, r_str_intern("asyncio.tasks"));
    return release_waiter_obj;
}

/* functools.partial(_release_waiter, waiter) */
static RObject *release_waiter_partial(RObject *waiter)
{
    RObject *rw = release_waiter();
    if (!rw)
        return NULL;
    RObject *argv[2] = {rw, waiter};
    return r_call((RObject *)&r_partial_type, argv, 2, NULL);
}

/* ---- _cancel_and_wait(fut[, loop]) ---- */

typedef struct {
    AioCoro base;
    RObject *fut, *loop, *cb;
} CancelAndWait;

static aio_step cancel_and_wait_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    CancelAndWait *w = (CancelAndWait *)c;
    if (c->state == 0) {
        RObject *loop = w->loop ? r_incref(w->loop) : aio_get_running_loop();
        if (!loop)
            return AIO_RAISE;
        RObject *waiter = aio_loop_create_future(loop);
        R_DECREF(loop);
        if (!waiter)
            return AIO_RAISE;
        if (!(w->cb = release_waiter_partial(waiter)) ||
            aio_future_add_done_callback(w->fut, w->cb, NULL) < 0) {
            R_DECREF(waiter);
            return AIO_RAISE;
        }
        /* try: fut.cancel(); await waiter  finally: remove the callback */
        if (aio_future_cancel(w->fut, NULL) < 0) {
            R_DECREF(waiter);
            RObject *e = r_err_fetch();
            if (aio_future_remove_done_callback(w->fut, w->cb) < 0) {
                chain_onto(e); /* the error of the finally: wins */
                R_DECREF(e);
            } else {
                r_err_restore(e);
            }
            return AIO_RAISE;
        }
        c->state = 1;
        *out = waiter;
        return AIO_AWAIT;
    }
    if (aio_future_remove_done_callback(w->fut, w->cb) < 0) {
        chain_onto(exc);
        return AIO_RAISE;
    }
    if (exc) {
        r_err_restore(r_incref(exc));
        return AIO_RAISE;
    }
    *out = r_incref(R_NONE);
    return AIO_RETURN;
}

static const aio_coro_def cancel_and_wait_def = {
    "_cancel_and_wait", "_cancel_and_wait", sizeof(CancelAndWait), cancel_and_wait_step,
    AIO_CORO_REFS(CancelAndWait, cb), &aio_src__cancel_and_wait};

static RObject *cancel_and_wait(RObject *fut, RObject *loop)
{
    CancelAndWait *w = (CancelAndWait *)aio_coro_new(&cancel_and_wait_def);
    if (w) {
        w->fut = r_incref(fut);
        /* 3.12+ look the loop up inside */
        w->loop = r_profile.minor <= 11 && loop ? r_incref(loop) : NULL;
    }
    return (RObject *)w;
}

/* ---- _wait(fs, timeout, return_when, loop) ---- */

enum { OC_WAITER, OC_TIMEOUT_HANDLE, OC_RETURN_WHEN, OC_COUNTER };

/* _wait.<locals>._on_completion(f) */
static RObject *on_completion(RObject **cells, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("_on_completion", kw) < 0 ||
        r_check_nargs("_on_completion", nargs, 1, 1) < 0)
        return NULL;
    RObject *f = args[0];
    int64_t counter = r_int_as_i64(cells[OC_COUNTER]) - 1;
    RObject *n = r_int_from_i64(counter);
    if (!n)
        return NULL;
    R_SETREF(cells[OC_COUNTER], n);
    bool release = counter <= 0;
    if (!release) {
        int first = r_richcompare_bool(cells[OC_RETURN_WHEN], r_str_intern("FIRST_COMPLETED"), R_EQ);
        if (first < 0)
            return NULL;
        release = first;
    }
    if (!release) {
        int fe = r_richcompare_bool(cells[OC_RETURN_WHEN], r_str_intern("FIRST_EXCEPTION"), R_EQ);
        if (fe < 0)
            return NULL;
        if (fe) {
            RObject *r = r_call_method(f, "cancelled", NULL, 0);
            int c = r ? r_is_true(r) : -1;
            R_XDECREF(r);
            if (c < 0)
                return NULL;
            if (!c) {
                RObject *e = r_call_method(f, "exception", NULL, 0);
                if (!e)
                    return NULL;
                release = e != R_NONE;
                R_DECREF(e);
            }
        }
    }
    if (release) {
        if (cells[OC_TIMEOUT_HANDLE] != R_NONE && call_void(cells[OC_TIMEOUT_HANDLE], "cancel", NULL) < 0)
            return NULL;
        int done = aio_future_done(cells[OC_WAITER]);
        if (done < 0 || (!done && aio_future_set_result(cells[OC_WAITER], R_NONE) < 0))
            return NULL;
    }
    R_RETURN_NONE;
}

typedef struct {
    AioCoro base;
    RObject *fs, *timeout, *return_when, *loop;
    RObject *waiter, *timeout_handle, *on_completion;
} Wait;

static aio_step _wait_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    Wait *w = (Wait *)c;
    if (c->state == 0) {
        if (!(w->waiter = aio_loop_create_future(w->loop)))
            return AIO_RAISE;
        w->timeout_handle = r_incref(R_NONE);
        if (w->timeout != R_NONE) {
            RObject *argv[3] = {w->timeout, release_waiter(), w->waiter};
            RObject *h = argv[1] ? r_call_method(w->loop, "call_later", argv, 3) : NULL;
            if (!h)
                return AIO_RAISE;
            R_SETREF(w->timeout_handle, h);
        }
        ssize_t n = r_length(w->fs);
        if (n < 0)
            return AIO_RAISE;
        RObject *counter = r_int_from_i64(n);
        if (!counter)
            return AIO_RAISE;
        RObject *cells[] = {w->waiter, w->timeout_handle, w->return_when, counter};
        w->on_completion = aio_closure_new_at("_wait.<locals>._on_completion", &aio_src__on_completion,
                                              on_completion, 4, cells);
        R_DECREF(counter);
        if (!w->on_completion)
            return AIO_RAISE;
        RObject *it = r_get_iter(w->fs);
        if (!it)
            return AIO_RAISE;
        RObject *f;
        while ((f = r_iter_next(it))) {
            int rc = aio_future_add_done_callback(f, w->on_completion, NULL);
            R_DECREF(f);
            if (rc < 0) {
                R_DECREF(it);
                return AIO_RAISE;
            }
        }
        R_DECREF(it);
        if (r_err_occurred())
            return AIO_RAISE;
        c->state = 1;
        *out = r_incref(w->waiter);
        return AIO_AWAIT;
    }
    /* finally: */
    if (w->timeout_handle != R_NONE && call_void(w->timeout_handle, "cancel", NULL) < 0) {
        chain_onto(exc);
        return AIO_RAISE;
    }
    RObject *it = r_get_iter(w->fs);
    RObject *f;
    while (it && (f = r_iter_next(it))) {
        int rc = aio_future_remove_done_callback(f, w->on_completion);
        R_DECREF(f);
        if (rc < 0)
            break;
    }
    R_XDECREF(it);
    if (r_err_occurred()) {
        chain_onto(exc);
        return AIO_RAISE;
    }
    if (exc) {
        r_err_restore(r_incref(exc));
        return AIO_RAISE;
    }
    RObject *done = r_set_new(NULL), *pending = r_set_new(NULL);
    it = done && pending ? r_get_iter(w->fs) : NULL;
    while (it && (f = r_iter_next(it))) {
        int d = aio_future_done(f);
        int rc = d < 0 ? -1 : r_set_add(d ? done : pending, f);
        R_DECREF(f);
        if (rc < 0)
            break;
    }
    R_XDECREF(it);
    if (r_err_occurred() || !done || !pending) {
        R_XDECREF(done);
        R_XDECREF(pending);
        return AIO_RAISE;
    }
    *out = r_tuple_pack(2, done, pending);
    R_DECREF(done);
    R_DECREF(pending);
    return *out ? AIO_RETURN : AIO_RAISE;
}

static const aio_coro_def _wait_def = {"_wait", "_wait", sizeof(Wait), _wait_step, AIO_CORO_REFS(Wait, on_completion), &aio_src__wait};

static RObject *_wait(RObject *fs, RObject *timeout, RObject *return_when, RObject *loop)
{
    Wait *w = (Wait *)aio_coro_new(&_wait_def);
    if (w) {
        w->fs = r_incref(fs);
        w->timeout = r_incref(timeout);
        w->return_when = r_incref(return_when);
        w->loop = r_incref(loop);
    }
    return (RObject *)w;
}

/* ---- wait(fs, *, timeout=None, return_when=ALL_COMPLETED) ---- */

static aio_step wait_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    Wait *w = (Wait *)c;
    if (c->state == 1) {
        if (exc) {
            r_err_restore(r_incref(exc));
            return AIO_RAISE;
        }
        *out = r_incref(value);
        return AIO_RETURN;
    }
    int isf = aio_isfuture(w->fs);
    int isc = isf == 0 ? aio_iscoroutine(w->fs) : 0;
    if (isf < 0 || isc < 0)
        return AIO_RAISE;
    if (isf || isc) {
        RObject *tn = aio_type_name(w->fs);
        if (tn)
            r_err_format(r_exc_TypeError, "expect a list of futures, not %U", tn);
        R_XDECREF(tn);
        return AIO_RAISE;
    }
    int truthy = r_is_true(w->fs);
    if (truthy < 0)
        return AIO_RAISE;
    if (!truthy) {
        r_err_set_string(r_exc_ValueError, r_profile.minor >= 11 ? "Set of Tasks/Futures is empty."
                                                                 : "Set of coroutines/Futures is "
                                                                   "empty.");
        return AIO_RAISE;
    }
    static const char *const whens[] = {"FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"};
    bool valid = false;
    for (int i = 0; i < 3 && !valid; i++) {
        int eq = r_richcompare_bool(w->return_when, r_str_intern(whens[i]), R_EQ);
        if (eq < 0)
            return AIO_RAISE;
        valid = eq;
    }
    if (!valid) {
        RObject *s = r_str(w->return_when);
        if (s)
            r_err_format(r_exc_ValueError, "Invalid return_when value: %U", s);
        R_XDECREF(s);
        return AIO_RAISE;
    }
    RObject *loop;
    if (!w->loop || w->loop == R_NONE) {
        if (!(loop = aio_get_running_loop()))
            return AIO_RAISE;
    } else {
        if (warn_loop_argument() < 0)
            return AIO_RAISE;
        loop = r_incref(w->loop);
    }
    R_SETREF(w->loop, loop);
    RObject *fs = r_set_new(w->fs);
    if (!fs)
        return AIO_RAISE;
    if (r_profile.minor >= 9) {
        /* any(coroutines.iscoroutine(f) for f in fs) */
        bool any = false;
        ssize_t pos = 0;
        RObject *f;
        int64_t hash;
        while (!any && r_set_next_entry(fs, &pos, &f, &hash)) {
            int isco = aio_iscoroutine(f);
            if (isco < 0) {
                R_DECREF(fs);
                return AIO_RAISE;
            }
            any = isco;
        }
        if (any) {
            if (!wait_wraps_with_ensure_future()) {
                R_DECREF(fs);
                r_err_set_string(r_exc_TypeError,
                                 "Passing coroutines is forbidden, use tasks explicitly.");
                return AIO_RAISE;
            }
            RObject *msg = r_str_from_cstr(
                "The explicit passing of coroutine objects to asyncio.wait() is deprecated since "
                "Python 3.8, and scheduled for removal in Python 3.11.");
            int rc = msg ? r_warn(r_exc_DeprecationWarning, msg, 1, NULL) : -1;
            R_XDECREF(msg);
            if (rc < 0) {
                R_DECREF(fs);
                return AIO_RAISE;
            }
        }
    }
    if (wait_wraps_with_ensure_future()) {
        /* {ensure_future(f, loop=loop) for f in fs} */
        RObject *wrapped = r_set_new(NULL);
        RObject *it = wrapped ? r_get_iter(fs) : NULL;
        RObject *f;
        while (it && (f = r_iter_next(it))) {
            RObject *t = aio_ensure_future(f, loop);
            R_DECREF(f);
            if (!t || r_set_add(wrapped, t) < 0) {
                R_XDECREF(t);
                break;
            }
            R_DECREF(t);
        }
        R_XDECREF(it);
        R_DECREF(fs);
        if (r_err_occurred() || !wrapped) {
            R_XDECREF(wrapped);
            return AIO_RAISE;
        }
        fs = wrapped;
    }
    RObject *inner = _wait(fs, w->timeout, w->return_when, loop);
    R_DECREF(fs);
    if (!inner)
        return AIO_RAISE;
    c->state = 1;
    *out = inner;
    return AIO_AWAIT;
}

static const aio_coro_def wait_def = {"wait", "wait", sizeof(Wait), wait_step, AIO_CORO_REFS(Wait, on_completion), &aio_src_wait};

static RObject *f_wait(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"fs", NULL};
    static const char *const kw38[] = {"loop", "timeout", "return_when", NULL};
    static const char *const kw310[] = {"timeout", "return_when", NULL};
    bool with_loop = takes_loop_argument();
    aio_sig sig = {"wait", pos, 1, with_loop ? kw38 : kw310, NULL, NULL, false};
    RObject *out[4] = {NULL, NULL, NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    Wait *w = (Wait *)aio_coro_new(&wait_def);
    if (!w)
        return NULL;
    w->fs = r_incref(out[0]);
    w->loop = with_loop && out[1] ? r_incref(out[1]) : NULL;
    RObject *timeout = with_loop ? out[2] : out[1];
    RObject *return_when = with_loop ? out[3] : out[2];
    w->timeout = r_incref(timeout ? timeout : R_NONE);
    w->return_when = r_incref(return_when ? return_when : r_str_intern("ALL_COMPLETED"));
    return (RObject *)w;
}

/* ---- wait_for(fut, timeout) ---- */

enum {
    WF_START,
    WF_NO_TIMEOUT,    /* return await fut */
    WF_ZERO_CANCELLED, /* after _cancel_and_wait, timeout <= 0 */
    WF_WAITER,        /* after await waiter */
    WF_CANCELLED,     /* after _cancel_and_wait when the waiter was cancelled */
    WF_TIMED_OUT,     /* after _cancel_and_wait when the time is up */
    WF_ENTERED,       /* after Timeout.__aenter__ (3.12+) */
    WF_AWAITED,       /* after await fut inside the timeout */
    WF_EXITED_ERROR,  /* after __aexit__ with an exception */
    WF_EXITED,        /* after __aexit__ without */
};

typedef struct {
    AioCoro base;
    RObject *fut, *timeout, *loop;
    RObject *waiter, *timeout_handle, *cb;
    RObject *cm;      /* the Timeout of 3.12+ */
    RObject *pending; /* the exception or result kept across an await */
} WaitFor;

/* fut.result(), with CancelledError turned into TimeoutError from it
 * (3.9+), as `try: return fut.result() except CancelledError as exc:
 * raise TimeoutError() from exc` */
static aio_step result_or_timeout(RObject *fut, RObject **out)
{
    RObject *res = aio_future_result(fut);
    if (res) {
        *out = res;
        return AIO_RETURN;
    }
    if (!r_err_matches(r_aio_CancelledError))
        return AIO_RAISE;
    RObject *cancelled = r_err_fetch();
    RObject *te = r_exc_new(r_aio_TimeoutError, r_tuple_empty());
    if (!te) {
        R_DECREF(cancelled);
        return AIO_RAISE;
    }
    r_exc_set_cause(te, r_incref(cancelled));
    r_exc_set_context(te, cancelled);
    r_err_restore(te);
    return AIO_RAISE;
}

static aio_step raise_timeout(void)
{
    r_err_set_object(r_aio_TimeoutError, NULL);
    return AIO_RAISE;
}

/* finally: timeout_handle.cancel(), then what the block ended with */
static aio_step wf_finally(WaitFor *w, aio_step what)
{
    RObject *exc = what == AIO_RAISE ? r_err_fetch() : NULL;
    if (w->timeout_handle && call_void(w->timeout_handle, "cancel", NULL) < 0) {
        chain_onto(exc);
        R_XDECREF(exc);
        return AIO_RAISE;
    }
    if (exc)
        r_err_restore(exc);
    return what;
}

static aio_step wait_for_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    WaitFor *w = (WaitFor *)c;
    switch (c->state) {
    case WF_START: {
        RObject *loop;
        if (wait_for_uses_timeout()) {
            loop = NULL; /* 3.12+ look no loop up here */
        } else if (!w->loop || w->loop == R_NONE) {
            if (!(loop = aio_get_running_loop()))
                return AIO_RAISE;
        } else {
            if (warn_loop_argument() < 0)
                return AIO_RAISE;
            loop = r_incref(w->loop);
        }
        if (loop)
            R_SETREF(w->loop, loop);
        if (w->timeout == R_NONE && !wait_for_uses_timeout()) {
            c->state = WF_NO_TIMEOUT;
            *out = r_incref(w->fut);
            return AIO_AWAIT;
        }
        int le = 0;
        if (w->timeout != R_NONE) {
            RObject *zero = r_int_from_i64(0);
            le = zero ? r_richcompare_bool(w->timeout, zero, R_LE) : -1;
            R_XDECREF(zero);
            if (le < 0)
                return AIO_RAISE;
        }
        if (le) {
            RObject *fut = aio_ensure_future(w->fut, wait_for_uses_timeout() ? NULL : loop);
            if (!fut)
                return AIO_RAISE;
            R_SETREF(w->fut, fut);
            int done = aio_future_done(fut);
            if (done < 0)
                return AIO_RAISE;
            if (done) {
                if (!(*out = aio_future_result(fut)))
                    return AIO_RAISE;
                return AIO_RETURN;
            }
            RObject *cw = cancel_and_wait(fut, loop);
            if (!cw)
                return AIO_RAISE;
            c->state = WF_ZERO_CANCELLED;
            *out = cw;
            return AIO_AWAIT;
        }
        if (wait_for_uses_timeout()) {
            /* async with timeouts.timeout(timeout): return await fut */
            if (!(w->cm = aio_timeout_after(w->timeout)))
                return AIO_RAISE;
            RObject *enter = aio_timeout_aenter(w->cm);
            if (!enter)
                return AIO_RAISE;
            c->state = WF_ENTERED;
            *out = enter;
            return AIO_AWAIT;
        }
        if (!(w->waiter = aio_loop_create_future(loop)))
            return AIO_RAISE;
        RObject *argv[3] = {w->timeout, release_waiter(), w->waiter};
        if (!argv[1] || !(w->timeout_handle = r_call_method(loop, "call_later", argv, 3)))
            return AIO_RAISE;
        if (!(w->cb = release_waiter_partial(w->waiter)))
            return AIO_RAISE;
        RObject *fut = aio_ensure_future(w->fut, loop);
        if (!fut)
            return AIO_RAISE;
        R_SETREF(w->fut, fut);
        if (aio_future_add_done_callback(fut, w->cb, NULL) < 0)
            return AIO_RAISE;
        c->state = WF_WAITER;
        *out = r_incref(w->waiter);
        return AIO_AWAIT;
    }
    case WF_NO_TIMEOUT:
        if (exc) {
            r_err_restore(r_incref(exc));
            return AIO_RAISE;
        }
        *out = r_incref(value);
        return AIO_RETURN;
    case WF_ZERO_CANCELLED:
        if (exc) {
            r_err_restore(r_incref(exc));
            return AIO_RAISE;
        }
        if (wait_for_chains_timeout())
            return result_or_timeout(w->fut, out);
        {
            /* 3.8: fut.result(); CancelledError -> TimeoutError() from it,
             * else TimeoutError() all the same */
            aio_step what = result_or_timeout(w->fut, out);
            if (what == AIO_RETURN) {
                R_CLEAR(*out);
                return raise_timeout();
            }
            return what;
        }
    case WF_WAITER: {
        if (exc && !r_typecheck(exc, r_aio_CancelledError)) {
            r_err_restore(r_incref(exc));
            return wf_finally(w, AIO_RAISE);
        }
        int done = aio_future_done(w->fut);
        if (done < 0)
            return wf_finally(w, AIO_RAISE);
        if (done) {
            *out = aio_future_result(w->fut);
            return wf_finally(w, *out ? AIO_RETURN : AIO_RAISE);
        }
        if (aio_future_remove_done_callback(w->fut, w->cb) < 0) {
            chain_onto(exc);
            return wf_finally(w, AIO_RAISE);
        }
        RObject *cw = cancel_and_wait(w->fut, w->loop);
        if (!cw)
            return wf_finally(w, AIO_RAISE);
        if (exc) {
            /* the waiter was cancelled: the outer task is being cancelled */
            w->pending = r_incref(exc);
            c->state = WF_CANCELLED;
        } else {
            c->state = WF_TIMED_OUT;
        }
        *out = cw;
        return AIO_AWAIT;
    }
    case WF_CANCELLED:
        if (exc) {
            r_err_restore(r_incref(exc));
            chain_onto(w->pending);
        } else {
            r_err_restore(r_incref(w->pending)); /* raise */
        }
        return wf_finally(w, AIO_RAISE);
    case WF_TIMED_OUT:
        if (exc) {
            r_err_restore(r_incref(exc));
            return wf_finally(w, AIO_RAISE);
        }
        if (!wait_for_chains_timeout())
            return wf_finally(w, raise_timeout());
        return wf_finally(w, result_or_timeout(w->fut, out));
    case WF_ENTERED:
        if (exc) {
            r_err_restore(r_incref(exc));
            return AIO_RAISE;
        }
        c->state = WF_AWAITED;
        *out = r_incref(w->fut);
        return AIO_AWAIT;
    case WF_AWAITED: {
        RObject *aexit;
        if (exc) {
            w->pending = r_incref(exc);
            aexit = aio_timeout_aexit(w->cm, (RObject *)R_TYPE(exc), exc);
            c->state = WF_EXITED_ERROR;
        } else {
            w->pending = r_incref(value);
            aexit = aio_timeout_aexit(w->cm, R_NONE, R_NONE);
            c->state = WF_EXITED;
        }
        if (!aexit)
            return AIO_RAISE;
        *out = aexit;
        return AIO_AWAIT;
    }
    case WF_EXITED_ERROR: {
        if (exc) {
            r_err_restore(r_incref(exc));
            chain_onto(w->pending);
            return AIO_RAISE;
        }
        int suppress = r_is_true(value);
        if (suppress < 0)
            return AIO_RAISE;
        if (suppress) {
            *out = r_incref(R_NONE);
            return AIO_RETURN;
        }
        r_err_restore(r_incref(w->pending));
        return AIO_RAISE;
    }
    default: /* WF_EXITED */
        if (exc) {
            r_err_restore(r_incref(exc));
            return AIO_RAISE;
        }
        *out = r_incref(w->pending);
        return AIO_RETURN;
    }
}

static const aio_coro_def wait_for_def = {"wait_for", "wait_for", sizeof(WaitFor),
                                          wait_for_step, AIO_CORO_REFS(WaitFor, pending),
                                          &aio_src_wait_for};

static RObject *f_wait_for(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"fut", "timeout", NULL};
    static const char *const kwonly[] = {"loop", NULL};
    bool with_loop = takes_loop_argument();
    aio_sig sig = {"wait_for", pos, 2, with_loop ? kwonly : NULL, NULL, NULL, false};
    RObject *out[3] = {NULL, NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    WaitFor *w = (WaitFor *)aio_coro_new(&wait_for_def);
    if (w) {
        w->fut = r_incref(out[0]);
        w->timeout = r_incref(out[1]);
        w->loop = out[2] ? r_incref(out[2]) : NULL;
    }
    return (RObject *)w;
}

const r_method_def aio_wait_functions[] = {
    {"wait", f_wait, 0, NULL},
    {"wait_for", f_wait_for, 0, NULL},
    {"_release_waiter", f_release_waiter, 0, NULL},
    {NULL, NULL, 0, NULL},
};
