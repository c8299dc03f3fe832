/* asyncio.Future: Modules/_asynciomodule.c's FutureObj (the class CPython
 * runs; Lib/asyncio/futures.py describes the same algorithm) and its
 * FutureIter, which carries the _asyncio_future_blocking protocol. */
#include <stdlib.h>

#include "aio.h"
#include "aio_args.h"
#include "aio_coro.h"
#include "boolobject.h"
#include "contextvarsmodule.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "gc.h"
#include "intobject.h"
#include "listobject.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

/* ---- version predicates of this file ---- */

/* Future.cancel(msg) and _cancel_message: 3.9+ */
static bool cancel_takes_msg(void) { return r_profile.minor >= 9; }
/* set_exception saves the traceback, the first result() restores it and
 * forgets it (fut_exception_tb): 3.10+ */
static bool future_saves_exception_tb(void) { return r_profile.minor >= 10; }
/* create_cancelled_error hands over the CancelledError the task caught
 * (fut_cancelled_exc): 3.11+ */
static bool cancelled_error_is_saved_one(void) { return r_profile.minor >= 11; }
/* set_exception(StopIteration) stores a RuntimeError instead of raising
 * TypeError: 3.13 */
static bool stopiteration_becomes_runtime_error(void) { return r_profile.minor >= 13; }

static bool exact(RObject *o)
{
    return AIO_FUTURE_OR_TASK_EXACT(o);
}

/* ---- the C methods' bodies ---- */

/* the callbacks after the first: a list of (fn, context) tuples, or NULL */
#define CALLBACKS(fut) AIO_FUT_RARE(fut, callbacks)

/* The first callback's context, made now if it was left to be made when
 * needed (add_done_callback). */
static RObject *context0(AioFuture *fut)
{
    if (!fut->context0)
        fut->context0 = r_context_new_empty();
    return fut->context0;
}

static int schedule_callbacks(AioFuture *fut)
{
    if (fut->callback0) {
        RObject *ctx = context0(fut);
        int rc = ctx ? aio_call_soon1(fut->loop, fut->callback0, (RObject *)fut, ctx) : -1;
        R_CLEAR(fut->callback0);
        R_CLEAR(fut->context0);
        if (rc < 0) {
            R_XDECREF(AIO_FUT_TAKE_RARE(fut, callbacks));
            return -1;
        }
    }
    RObject *list = AIO_FUT_TAKE_RARE(fut, callbacks);
    if (!list)
        return 0;
    for (ssize_t i = 0; i < R_LIST_SIZE(list); i++) {
        RObject *tup = R_LIST_ITEMS(list)[i];
        if (aio_call_soon1(fut->loop, R_TUPLE_GET(tup, 0), (RObject *)fut, R_TUPLE_GET(tup, 1)) <
            0) {
            R_DECREF(list);
            return -1;
        }
    }
    R_DECREF(list);
    return 0;
}

static void clear_fields(AioFuture *fut)
{
    R_CLEAR(fut->loop);
    R_CLEAR(fut->callback0);
    R_CLEAR(fut->context0);
    R_CLEAR(fut->outcome);
    fut->outcome_is_exception = false;
    AioFutureRare *rare = fut->rare;
    if (rare) {
        fut->rare = NULL;
        R_XDECREF(rare->callbacks);
        R_XDECREF(rare->exception_tb);
        R_XDECREF(rare->source_tb);
        R_XDECREF(rare->cancel_msg);
        R_XDECREF(rare->cancelled_exc);
        free(rare);
    }
}

int aio_future_set_rare(AioFuture *fut, size_t offset, RObject *value)
{
    if (!fut->rare) {
        if (!value)
            return 0;
        if (!(fut->rare = calloc(1, sizeof *fut->rare))) {
            R_DECREF(value);
            r_err_no_memory();
            return -1;
        }
    }
    RObject **field = (RObject **)((char *)fut->rare + offset);
    RObject *old = *field;
    *field = value;
    R_XDECREF(old);
    return 0;
}

RObject *aio_future_take_rare(AioFuture *fut, size_t offset)
{
    if (!fut->rare)
        return NULL;
    RObject **field = (RObject **)((char *)fut->rare + offset);
    RObject *v = *field;
    *field = NULL;
    return v;
}

int aio_future_init(AioFuture *fut, RObject *loop)
{
    clear_fields(fut);
    fut->state = AIO_PENDING;
    fut->log_tb = false;
    fut->blocking = false;
    if (!loop || loop == R_NONE) {
        if (!(loop = aio_get_event_loop_for_helpers()))
            return -1;
    } else {
        R_INCREF(loop);
    }
    fut->loop = loop;
    int debug = aio_loop_get_debug(loop);
    if (debug < 0)
        return -1;
    if (debug) {
        RObject *stack = aio_extract_stack();
        if (!stack || AIO_FUT_SET_RARE(fut, source_tb, stack) < 0)
            return -1;
    }
    return 0;
}

RObject *aio_future_new(RObject *loop)
{
    AioFuture *fut = (AioFuture *)r_alloc(&r_aio_future_type);
    if (!fut)
        return NULL;
    if (aio_future_init(fut, loop) < 0) {
        R_DECREF(fut);
        return NULL;
    }
    return (RObject *)fut;
}

static int alive(AioFuture *fut)
{
    if (!fut->loop) {
        r_err_set_string(r_exc_RuntimeError, "Future object is not initialized.");
        return -1;
    }
    return 0;
}

static int set_result(AioFuture *fut, RObject *res)
{
    if (alive(fut) < 0)
        return -1;
    if (fut->state != AIO_PENDING) {
        r_err_set_string(r_aio_InvalidStateError, "invalid state");
        return -1;
    }
    fut->outcome = r_incref(res);
    fut->state = AIO_FINISHED;
    return schedule_callbacks(fut);
}

static int set_exception(AioFuture *fut, RObject *exc)
{
    if (alive(fut) < 0)
        return -1;
    if (fut->state != AIO_PENDING) {
        r_err_set_string(r_aio_InvalidStateError, "invalid state");
        return -1;
    }
    RObject *exc_val;
    if (r_typecheck(exc, &r_type_type) && R_EXC_TYPE_CHECK(exc)) {
        if (!(exc_val = r_call0(exc)))
            return -1;
        if (fut->state != AIO_PENDING) {
            R_DECREF(exc_val);
            r_err_set_string(r_aio_InvalidStateError, "invalid state");
            return -1;
        }
    } else {
        exc_val = r_incref(exc);
    }
    if (!R_EXC_CHECK(exc_val)) {
        R_DECREF(exc_val);
        r_err_set_string(r_exc_TypeError, "invalid exception object");
        return -1;
    }
    if (R_TYPE(exc_val) == r_exc_StopIteration) {
        const char *text = "StopIteration interacts badly with generators and cannot be raised "
                           "into a Future";
        if (!stopiteration_becomes_runtime_error()) {
            R_DECREF(exc_val);
            r_err_set_string(r_exc_TypeError, text);
            return -1;
        }
        RObject *new_exc = r_exc_new_cstr(r_exc_RuntimeError, text);
        if (!new_exc) {
            R_DECREF(exc_val);
            return -1;
        }
        r_exc_set_cause(new_exc, r_incref(exc_val));
        r_exc_set_context(new_exc, exc_val);
        exc_val = new_exc;
    }
    if (future_saves_exception_tb()) {
        RObject *tb = ((RBaseException *)exc_val)->traceback;
        if (AIO_FUT_SET_RARE(fut, exception_tb, tb ? r_incref(tb) : NULL) < 0) {
            R_DECREF(exc_val);
            return -1;
        }
    }
    fut->outcome = exc_val;
    fut->outcome_is_exception = true;
    fut->state = AIO_FINISHED;
    if (schedule_callbacks(fut) < 0)
        return -1;
    fut->log_tb = true;
    return 0;
}

RObject *aio_create_cancelled_error(AioFuture *fut)
{
    if (cancelled_error_is_saved_one() && AIO_FUT_RARE(fut, cancelled_exc))
        return AIO_FUT_TAKE_RARE(fut, cancelled_exc);
    RObject *msg = cancel_takes_msg() ? AIO_FUT_RARE(fut, cancel_msg) : NULL;
    RObject *exc = msg && msg != R_NONE ? r_call1((RObject *)r_aio_CancelledError, msg)
                                        : r_call0((RObject *)r_aio_CancelledError);
    if (!exc)
        return NULL;
    if (r_profile.minor == 9 || r_profile.minor == 10) {
        /* _make_cancelled_error transfers the saved exception as context */
        r_exc_set_context(exc, AIO_FUT_TAKE_RARE(fut, cancelled_exc));
    }
    return exc;
}

/* future_set_cancelled_error: the CancelledError result() raises */
static void raise_cancelled_error(AioFuture *fut)
{
    RObject *exc;
    if (r_profile.minor == 9 || r_profile.minor == 10) {
        /* 3.9/3.10 chain the saved exception without giving it up */
        RObject *msg = AIO_FUT_RARE(fut, cancel_msg);
        exc = msg && msg != R_NONE ? r_call1((RObject *)r_aio_CancelledError, msg)
                                   : r_call0((RObject *)r_aio_CancelledError);
        RObject *saved = AIO_FUT_RARE(fut, cancelled_exc);
        if (exc && saved)
            r_exc_set_context(exc, r_incref(saved));
    } else {
        exc = aio_create_cancelled_error(fut);
    }
    if (exc) {
        aio_chain_handled(exc); /* PyErr_SetObject */
        r_err_restore(exc);
    }
}

/* future_get_result: 0 with *result, 1 with the exception in *result, -1 */
static int get_result(AioFuture *fut, RObject **result)
{
    if (fut->state == AIO_CANCELLED) {
        raise_cancelled_error(fut);
        return -1;
    }
    if (fut->state != AIO_FINISHED) {
        r_err_set_string(r_aio_InvalidStateError, "Result is not set.");
        return -1;
    }
    fut->log_tb = false;
    if (AIO_FUT_EXCEPTION(fut)) {
        if (future_saves_exception_tb()) {
            /* the traceback set_exception saw, once; later retrievals
             * start from nothing */
            r_exc_set_traceback(AIO_FUT_EXCEPTION(fut), AIO_FUT_TAKE_RARE(fut, exception_tb));
        }
        *result = r_incref(AIO_FUT_EXCEPTION(fut));
        return 1;
    }
    *result = r_incref(AIO_FUT_RESULT(fut));
    return 0;
}

static RObject *result_impl(AioFuture *fut)
{
    if (!fut->loop) {
        r_err_set_string(r_aio_InvalidStateError, "Future object is not initialized.");
        return NULL;
    }
    RObject *res = NULL;
    int rc = get_result(fut, &res);
    if (rc < 0)
        return NULL;
    if (rc == 0)
        return res;
    aio_chain_handled(res); /* PyErr_SetObject */
    r_err_restore(res);
    return NULL;
}

static RObject *exception_impl(AioFuture *fut)
{
    if (!fut->loop) {
        r_err_set_string(r_aio_InvalidStateError, "Future object is not initialized.");
        return NULL;
    }
    if (fut->state == AIO_CANCELLED) {
        raise_cancelled_error(fut);
        return NULL;
    }
    if (fut->state != AIO_FINISHED) {
        r_err_set_string(r_aio_InvalidStateError, "Exception is not set.");
        return NULL;
    }
    if (AIO_FUT_EXCEPTION(fut)) {
        fut->log_tb = false;
        return r_incref(AIO_FUT_EXCEPTION(fut));
    }
    R_RETURN_NONE;
}

static int add_done_callback(AioFuture *fut, RObject *fn, RObject *ctx)
{
    if (!fut->loop) {
        r_err_set_string(r_exc_RuntimeError, "uninitialized Future object");
        return -1;
    }
    /* context=None: the callback runs in a copy of the current context. A
     * copy of an empty context is an empty context: the first callback's
     * is made only when the callback is scheduled, as nothing can tell it
     * from one made here, and most futures then hold no context at all
     * while they are pending (gather's callback on each of its tasks). */
    bool default_ctx = !ctx || ctx == R_NONE;
    if (default_ctx && fut->state == AIO_PENDING && !CALLBACKS(fut) && !fut->callback0 &&
        r_context_current_is_empty()) {
        fut->callback0 = r_incref(fn);
        return 0;
    }
    RObject *copy = NULL;
    if (default_ctx) {
        if (!(ctx = copy = r_context_copy_current()))
            return -1;
    }
    if (fut->state != AIO_PENDING) {
        int rc = aio_call_soon1(fut->loop, fn, (RObject *)fut, ctx);
        R_XDECREF(copy);
        return rc;
    }
    if (!CALLBACKS(fut) && !fut->callback0) {
        fut->callback0 = r_incref(fn);
        fut->context0 = r_incref(ctx);
        R_XDECREF(copy);
        return 0;
    }
    RObject *tup = r_tuple_pack(2, fn, ctx);
    R_XDECREF(copy);
    if (!tup)
        return -1;
    if (!CALLBACKS(fut)) {
        RObject *list = r_list_new(0);
        if (!list || AIO_FUT_SET_RARE(fut, callbacks, list) < 0) {
            R_DECREF(tup);
            return -1;
        }
    }
    int rc = r_list_append(CALLBACKS(fut), tup);
    R_DECREF(tup);
    return rc;
}

static ssize_t remove_done_callback(AioFuture *fut, RObject *fn)
{
    if (alive(fut) < 0)
        return -1;
    ssize_t cleared = 0;
    if (fut->callback0) {
        int cmp = r_richcompare_bool(fut->callback0, fn, R_EQ);
        if (cmp < 0)
            return -1;
        if (cmp) {
            R_CLEAR(fut->callback0);
            R_CLEAR(fut->context0);
            cleared = 1;
        }
    }
    if (!CALLBACKS(fut))
        return cleared;
    RObject *newlist = r_list_new(0);
    if (!newlist)
        return -1;
    RObject *old = r_incref(CALLBACKS(fut));
    ssize_t len = R_LIST_SIZE(old);
    for (ssize_t i = 0; i < R_LIST_SIZE(old); i++) {
        RObject *item = R_LIST_ITEMS(old)[i];
        int cmp = r_richcompare_bool(R_TUPLE_GET(item, 0), fn, R_EQ);
        if (cmp < 0 || (!cmp && r_list_append(newlist, item) < 0)) {
            R_DECREF(old);
            R_DECREF(newlist);
            return -1;
        }
    }
    R_DECREF(old);
    ssize_t kept = R_LIST_SIZE(newlist);
    /* the list exists, and with it the rare fields: neither call fails */
    if (kept == 0) {
        AIO_FUT_SET_RARE(fut, callbacks, NULL);
        R_DECREF(newlist);
    } else {
        AIO_FUT_SET_RARE(fut, callbacks, newlist);
    }
    return len - kept + cleared;
}

static int cancel_impl(AioFuture *fut, RObject *msg)
{
    fut->log_tb = false;
    if (fut->state != AIO_PENDING)
        return 0;
    R_XINCREF(msg);
    if (AIO_FUT_SET_RARE(fut, cancel_msg, msg) < 0)
        return -1;
    fut->state = AIO_CANCELLED;
    if (schedule_callbacks(fut) < 0)
        return -1;
    return 1;
}

int aio_future_cancel_exact(AioFuture *fut, RObject *msg)
{
    return cancel_impl(fut, msg);
}

int aio_future_set_result_exact(AioFuture *fut, RObject *res)
{
    return set_result(fut, res);
}

int aio_future_set_exception_exact(AioFuture *fut, RObject *exc)
{
    return set_exception(fut, exc);
}

int aio_future_get_result_exact(AioFuture *fut, RObject **result)
{
    return get_result(fut, result);
}

int aio_future_add_done_callback_exact(AioFuture *fut, RObject *fn, RObject *ctx)
{
    return add_done_callback(fut, fn, ctx);
}

/* ---- the generic entry points: C for exact futures, methods otherwise ---- */

static int call_void(RObject *o, const char *name, RObject *const *args, size_t nargs)
{
    RObject *r = r_call_method(o, name, args, nargs);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

static int call_bool(RObject *o, const char *name, RObject *const *args, size_t nargs)
{
    RObject *r = r_call_method(o, name, args, nargs);
    if (!r)
        return -1;
    int t = r_is_true(r);
    R_DECREF(r);
    return t;
}

int aio_future_set_result(RObject *fut, RObject *result)
{
    if (R_TYPE(fut) == &r_aio_future_type)
        return set_result((AioFuture *)fut, result);
    return call_void(fut, "set_result", &result, 1);
}

int aio_future_set_exception(RObject *fut, RObject *exc)
{
    if (R_TYPE(fut) == &r_aio_future_type)
        return set_exception((AioFuture *)fut, exc);
    return call_void(fut, "set_exception", &exc, 1);
}

int aio_future_cancel(RObject *fut, RObject *msg)
{
    if (R_TYPE(fut) == &r_aio_future_type)
        return cancel_impl((AioFuture *)fut, msg);
    if (R_TYPE(fut) == &r_aio_task_type)
        return aio_task_cancel(fut, msg);
    if (!msg || msg == R_NONE)
        return call_bool(fut, "cancel", NULL, 0);
    /* cancel(msg=msg) */
    RObject *meth = r_getattr_cstr(fut, "cancel");
    RObject *kw = meth ? r_tuple_pack(1, r_str_intern("msg")) : NULL;
    RObject *r = kw ? r_call(meth, &msg, 0, kw) : NULL;
    R_XDECREF(kw);
    R_XDECREF(meth);
    if (!r)
        return -1;
    int t = r_is_true(r);
    R_DECREF(r);
    return t;
}

int aio_future_done(RObject *fut)
{
    if (exact(fut))
        return ((AioFuture *)fut)->loop && ((AioFuture *)fut)->state != AIO_PENDING;
    return call_bool(fut, "done", NULL, 0);
}

int aio_future_cancelled(RObject *fut)
{
    if (exact(fut))
        return ((AioFuture *)fut)->loop && ((AioFuture *)fut)->state == AIO_CANCELLED;
    return call_bool(fut, "cancelled", NULL, 0);
}

RObject *aio_future_result(RObject *fut)
{
    if (exact(fut))
        return result_impl((AioFuture *)fut);
    return r_call_method(fut, "result", NULL, 0);
}

RObject *aio_future_exception(RObject *fut)
{
    if (exact(fut))
        return exception_impl((AioFuture *)fut);
    return r_call_method(fut, "exception", NULL, 0);
}

int aio_future_add_done_callback(RObject *fut, RObject *fn, RObject *context)
{
    if (exact(fut))
        return add_done_callback((AioFuture *)fut, fn, context);
    if (!context)
        return call_void(fut, "add_done_callback", &fn, 1);
    RObject *meth = r_getattr_cstr(fut, "add_done_callback");
    RObject *kw = meth ? r_tuple_pack(1, r_str_intern("context")) : NULL;
    RObject *argv[2] = {fn, context};
    RObject *r = kw ? r_call(meth, argv, 1, kw) : NULL;
    R_XDECREF(kw);
    R_XDECREF(meth);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

int aio_future_remove_done_callback(RObject *fut, RObject *fn)
{
    if (exact(fut))
        return remove_done_callback((AioFuture *)fut, fn) < 0 ? -1 : 0;
    return call_void(fut, "remove_done_callback", &fn, 1);
}

RObject *aio_future_get_loop(RObject *fut)
{
    /* futures._get_loop: get_loop() when there is one, else _loop */
    if (exact(fut))
        return r_incref(((AioFuture *)fut)->loop);
    RObject *getloop;
    if (r_lookup_attr(fut, r_str_intern("get_loop"), &getloop) < 0)
        return NULL;
    if (getloop) {
        RObject *res = r_call0(getloop);
        R_DECREF(getloop);
        return res;
    }
    return r_getattr_cstr(fut, "_loop");
}

RObject *aio_future_make_cancelled_error(RObject *fut)
{
    if (exact(fut))
        return aio_create_cancelled_error((AioFuture *)fut);
    return r_call_method(fut, "_make_cancelled_error", NULL, 0);
}

int aio_isfuture(RObject *o)
{
    if (exact(o))
        return 1;
    /* hasattr(obj.__class__, '_asyncio_future_blocking') and
     * obj._asyncio_future_blocking is not None */
    if (!r_type_lookup(R_TYPE(o), r_str_intern("_asyncio_future_blocking")))
        return 0;
    RObject *v = r_getattr_cstr(o, "_asyncio_future_blocking");
    if (!v)
        return -1;
    int res = v != R_NONE;
    R_DECREF(v);
    return res;
}

/* ---- repr: base_futures._future_repr_info ---- */

static RObject *format_callbacks(AioFuture *fut)
{
    /* _format_callbacks over the (fn, ctx) pairs, first callback0 */
    ssize_t size = (fut->callback0 ? 1 : 0) + (CALLBACKS(fut) ? R_LIST_SIZE(CALLBACKS(fut)) : 0);
    RObject *fns[3] = {NULL, NULL, NULL};
    ssize_t k = 0;
    if (fut->callback0)
        fns[k++] = fut->callback0;
    for (ssize_t i = 0; CALLBACKS(fut) && i < R_LIST_SIZE(CALLBACKS(fut)) && k < 2; i++)
        fns[k++] = R_TUPLE_GET(R_LIST_ITEMS(CALLBACKS(fut))[i], 0);
    RObject *last = size > 2 ? R_TUPLE_GET(R_LIST_ITEMS(CALLBACKS(fut))[R_LIST_SIZE(CALLBACKS(fut)) - 1], 0)
                             : NULL;
    RObject *empty = r_tuple_empty();
    RObject *a = fns[0] ? aio_format_callback_source(fns[0], empty, false) : NULL;
    RObject *b = size == 2 ? aio_format_callback_source(fns[1], empty, false)
                 : size > 2 ? aio_format_callback_source(last, empty, false)
                            : NULL;
    R_DECREF(empty);
    RObject *res = NULL;
    if (size == 1 && a)
        res = r_str_from_format("cb=[%U]", a);
    else if (size == 2 && a && b)
        res = r_str_from_format("cb=[%U, %U]", a, b);
    else if (size > 2 && a && b)
        res = r_str_from_format("cb=[%U, <%zd more>, %U]", a, size - 2, b);
    R_XDECREF(a);
    R_XDECREF(b);
    return res;
}

static const char *state_name(aio_fut_state s)
{
    return s == AIO_PENDING ? "PENDING" : s == AIO_CANCELLED ? "CANCELLED" : "FINISHED";
}

static const char *state_lower(aio_fut_state s)
{
    return s == AIO_PENDING ? "pending" : s == AIO_CANCELLED ? "cancelled" : "finished";
}

static int append_new(RObject *list, RObject *item)
{
    if (!item)
        return -1;
    int rc = r_list_append(list, item);
    R_DECREF(item);
    return rc;
}

RObject *aio_future_repr_info(RObject *self)
{
    AioFuture *fut = (AioFuture *)self;
    RObject *info = r_list_new(0);
    if (!info || append_new(info, r_str_from_cstr(state_lower(fut->state))) < 0)
        goto fail;
    if (fut->state == AIO_FINISHED) {
        if (AIO_FUT_EXCEPTION(fut)) {
            RObject *e = r_repr(AIO_FUT_EXCEPTION(fut));
            if (append_new(info, e ? r_str_from_format("exception=%U", e) : NULL) < 0) {
                R_XDECREF(e);
                goto fail;
            }
            R_DECREF(e);
        } else {
            /* reprlib.repr; <=3.10 guard only the result against recursion */
            RObject *r = NULL;
            int rec = r_profile.minor <= 10 ? r_repr_enter(self) : 0;
            if (rec < 0)
                goto fail;
            if (rec > 0) {
                r = r_str_from_cstr("...");
            } else {
                r = aio_reprlib_repr(AIO_FUT_RESULT(fut));
                if (r_profile.minor <= 10)
                    r_repr_leave(self);
            }
            if (append_new(info, r ? r_str_from_format("result=%U", r) : NULL) < 0) {
                R_XDECREF(r);
                goto fail;
            }
            R_DECREF(r);
        }
    }
    if (fut->callback0 || (CALLBACKS(fut) && R_LIST_SIZE(CALLBACKS(fut)) > 0)) {
        if (append_new(info, format_callbacks(fut)) < 0)
            goto fail;
    }
    RObject *source_tb = AIO_FUT_RARE(fut, source_tb);
    if (source_tb && R_LIST_SIZE(source_tb) > 0) {
        RObject *frame = R_LIST_ITEMS(source_tb)[R_LIST_SIZE(source_tb) - 1];
        if (append_new(info, r_str_from_format("created at %S:%S", R_TUPLE_GET(frame, 0),
                                               R_TUPLE_GET(frame, 1))) < 0)
            goto fail;
    }
    return info;
fail:
    R_XDECREF(info);
    return NULL;
}

/* '<%s %s>' % (type name, ' '.join(info)), with 3.11+'s
 * reprlib.recursive_repr around the whole */
RObject *aio_future_repr_from_info(RObject *self, RObject *(*info_fn)(RObject *))
{
    if (r_profile.minor >= 11) {
        int rec = r_repr_enter(self);
        if (rec < 0)
            return NULL;
        if (rec > 0)
            return r_str_from_cstr("...");
    }
    RObject *info = info_fn(self);
    RObject *joined = info ? r_str_join(r_str_intern(" "), info) : NULL;
    R_XDECREF(info);
    RObject *cls = joined ? aio_type_name(self) : NULL;
    RObject *res = cls ? r_str_from_format("<%U %U>", cls, joined) : NULL;
    R_XDECREF(cls);
    R_XDECREF(joined);
    if (r_profile.minor >= 11)
        r_repr_leave(self);
    return res;
}

static RObject *future_repr(RObject *self)
{
    if (alive((AioFuture *)self) < 0)
        return NULL;
    return aio_future_repr_from_info(self, aio_future_repr_info);
}

/* ---- finaliser: "exception was never retrieved" ---- */

void aio_future_finalize(RObject *self)
{
    AioFuture *fut = (AioFuture *)self;
    if (!fut->log_tb)
        return;
    fut->log_tb = false;
    RObject *saved = r_err_fetch();
    RObject *context = r_dict_new();
    RObject *cls = aio_type_name(self);
    RObject *message = cls ? r_str_from_format("%U exception was never retrieved", cls) : NULL;
    if (context && message && r_dict_set_item_cstr(context, "message", message) == 0 &&
        r_dict_set_item_cstr(context, "exception", AIO_FUT_EXCEPTION(fut)) == 0 &&
        r_dict_set_item_cstr(context, "future", self) == 0 &&
        (!AIO_FUT_RARE(fut, source_tb) ||
         r_dict_set_item_cstr(context, "source_traceback", fut->rare->source_tb) == 0))
        aio_call_exception_handler(fut->loop, context);
    r_err_clear();
    R_XDECREF(cls);
    R_XDECREF(message);
    R_XDECREF(context);
    r_err_restore(saved);
}

void aio_future_clear(RObject *o)
{
    AioFuture *fut = (AioFuture *)o;
    clear_fields(fut);
    R_CLEAR(fut->dict);
}

int aio_future_traverse(RObject *o, r_visitproc visit, void *arg)
{
    AioFuture *fut = (AioFuture *)o;
    AioFutureRare none = {NULL, NULL, NULL, NULL, NULL}, *rare = fut->rare ? fut->rare : &none;
    return R_VISIT_EACH(visit, arg, fut->loop, fut->callback0, fut->context0, rare->callbacks,
                        fut->outcome, rare->exception_tb, rare->source_tb,
                        rare->cancel_msg, rare->cancelled_exc, fut->dict);
}

static void future_dealloc(RObject *o)
{
    aio_future_clear(o);
    r_free(o);
}

/* ---- the Python methods ---- */

static const char *mname(const char *name)
{
    /* clinic methods' errors: "Future.result()" from 3.9, "result()" before */
    return aio_cname(name);
}

#define NOARGS(qualname)                                                     \
    (void)args;                                                              \
    if (r_check_no_kwargs(mname(qualname), kw) < 0 ||                       \
        r_check_nargs(mname(qualname), nargs, 0, 0) < 0)                    \
        return NULL;

static RObject *m_result(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("Future.result");
    return result_impl((AioFuture *)self);
}

static RObject *m_exception(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("Future.exception");
    return exception_impl((AioFuture *)self);
}

static RObject *one_positional(const char *qualname, RObject *const *args, size_t nargs,
                               RObject *kw)
{
    if (r_check_no_kwargs(mname(qualname), kw) < 0 ||
        r_check_nargs(mname(qualname), nargs, 1, 1) < 0)
        return NULL;
    return args[0];
}

static RObject *m_set_result(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    RObject *v = one_positional("Future.set_result", args, nargs, kw);
    if (!v || set_result((AioFuture *)self, v) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *m_set_exception(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    RObject *v = one_positional("Future.set_exception", args, nargs, kw);
    if (!v || set_exception((AioFuture *)self, v) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *m_add_done_callback(RObject *self, RObject *const *args, size_t nargs,
                                    RObject *kw)
{
    static const char *const names[] = {"context", NULL};
    RObject *opts[1] = {NULL};
    const char *fname = mname("Future.add_done_callback");
    if (r_parse_keywords(fname, kw, args + nargs, names, opts) < 0)
        return NULL;
    if (nargs != 1)
        return r_err_format(r_exc_TypeError,
                            nargs ? "%s() takes exactly one positional argument (%zu given)"
                                  : "%s() missing required argument 'fn' (pos 1)",
                            fname, nargs);
    if (add_done_callback((AioFuture *)self, args[0], opts[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *m_remove_done_callback(RObject *self, RObject *const *args, size_t nargs,
                                       RObject *kw)
{
    RObject *fn = one_positional("Future.remove_done_callback", args, nargs, kw);
    if (!fn)
        return NULL;
    ssize_t n = remove_done_callback((AioFuture *)self, fn);
    return n < 0 ? NULL : r_int_from_i64(n);
}

/* cancel(msg=None) 3.9+, cancel() before */
RObject *aio_parse_cancel_msg(const char *qualname, RObject *const *args, size_t nargs,
                              RObject *kw, bool *ok)
{
    *ok = false;
    const char *fname = mname(qualname);
    if (!cancel_takes_msg()) {
        if (r_check_no_kwargs(fname, kw) < 0 || r_check_nargs(fname, nargs, 0, 0) < 0)
            return NULL;
        *ok = true;
        return NULL;
    }
    static const char *const names[] = {"msg", NULL};
    RObject *opts[1] = {nargs > 0 ? args[0] : NULL};
    if (nargs > 1) {
        r_err_format(r_exc_TypeError, "%s() takes at most 1 argument (%zu given)", fname, nargs);
        return NULL;
    }
    if (r_parse_keywords(fname, kw, args + nargs, names, opts) < 0)
        return NULL;
    *ok = true;
    return opts[0];
}

static RObject *m_cancel(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    bool ok;
    RObject *msg = aio_parse_cancel_msg("Future.cancel", args, nargs, kw, &ok);
    if (!ok || alive((AioFuture *)self) < 0)
        return NULL;
    int rc = cancel_impl((AioFuture *)self, msg);
    return rc < 0 ? NULL : r_bool_from_long(rc);
}

static RObject *m_cancelled(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("Future.cancelled");
    AioFuture *fut = (AioFuture *)self;
    return r_bool_from_long(fut->loop && fut->state == AIO_CANCELLED);
}

static RObject *m_done(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("Future.done");
    AioFuture *fut = (AioFuture *)self;
    return r_bool_from_long(fut->loop && fut->state != AIO_PENDING);
}

static RObject *m_get_loop(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("Future.get_loop");
    if (alive((AioFuture *)self) < 0)
        return NULL;
    return r_incref(((AioFuture *)self)->loop);
}

static RObject *m_make_cancelled_error(RObject *self, RObject *const *args, size_t nargs,
                                       RObject *kw)
{
    NOARGS("Future._make_cancelled_error");
    if (r_profile.minor == 8)
        return r_call0((RObject *)r_aio_CancelledError);
    return aio_create_cancelled_error((AioFuture *)self);
}

static RObject *m_repr_info(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("Future._repr_info");
    return aio_future_repr_info(self);
}

static int future_tp_init(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"loop", NULL};
    RObject *opts[1] = {NULL};
    if (r_check_nargs("Future", nargs, 0, 0) < 0 ||
        r_parse_keywords("Future", kw, args + nargs, names, opts) < 0)
        return -1;
    return aio_future_init((AioFuture *)self, opts[0]);
}

static RObject *future_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    return r_alloc(type);
}

static RObject *future_await(RObject *self)
{
    return aio_future_iter_new(self);
}

/* ---- attributes ---- */

static RObject *get_state(RObject *o)
{
    AioFuture *fut = (AioFuture *)o;
    if (alive(fut) < 0)
        return NULL;
    return r_incref(r_str_intern(state_name(fut->state)));
}

static RObject *get_blocking(RObject *o)
{
    AioFuture *fut = (AioFuture *)o;
    return r_bool_from_long(fut->loop && fut->blocking);
}

static int set_blocking(RObject *o, RObject *v)
{
    AioFuture *fut = (AioFuture *)o;
    if (alive(fut) < 0)
        return -1;
    if (!v) {
        r_err_set_string(r_exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    int t = r_is_true(v);
    if (t < 0)
        return -1;
    fut->blocking = t;
    return 0;
}

static RObject *get_loop_attr(RObject *o)
{
    AioFuture *fut = (AioFuture *)o;
    return r_incref(fut->loop ? fut->loop : R_NONE);
}

static RObject *get_callbacks(RObject *o)
{
    AioFuture *fut = (AioFuture *)o;
    if (alive(fut) < 0)
        return NULL;
    ssize_t len = (fut->callback0 ? 1 : 0) + (CALLBACKS(fut) ? R_LIST_SIZE(CALLBACKS(fut)) : 0);
    if (len == 0)
        R_RETURN_NONE;
    RObject *list = r_list_new(0);
    if (!list)
        return NULL;
    if (fut->callback0 && (!context0(fut) ||
                           append_new(list, r_tuple_pack(2, fut->callback0, fut->context0)) < 0)) {
        R_DECREF(list);
        return NULL;
    }
    for (ssize_t i = 0; CALLBACKS(fut) && i < R_LIST_SIZE(CALLBACKS(fut)); i++)
        if (r_list_append(list, R_LIST_ITEMS(CALLBACKS(fut))[i]) < 0) {
            R_DECREF(list);
            return NULL;
        }
    return list;
}

static RObject *get_result_attr(RObject *o)
{
    AioFuture *fut = (AioFuture *)o;
    return r_incref(AIO_FUT_RESULT(fut) ? AIO_FUT_RESULT(fut) : R_NONE);
}

static RObject *get_exception_attr(RObject *o)
{
    AioFuture *fut = (AioFuture *)o;
    return r_incref(AIO_FUT_EXCEPTION(fut) ? AIO_FUT_EXCEPTION(fut) : R_NONE);
}

static RObject *get_log_traceback(RObject *o)
{
    return r_bool_from_long(((AioFuture *)o)->log_tb);
}

static int set_log_traceback(RObject *o, RObject *v)
{
    if (!v) {
        r_err_set_string(r_exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    int t = r_is_true(v);
    if (t < 0)
        return -1;
    if (t) {
        r_err_set_string(r_exc_ValueError, "_log_traceback can only be set to False");
        return -1;
    }
    ((AioFuture *)o)->log_tb = false;
    return 0;
}

static RObject *get_source_traceback(RObject *o)
{
    AioFuture *fut = (AioFuture *)o;
    RObject *source_tb = AIO_FUT_RARE(fut, source_tb);
    return r_incref(source_tb ? source_tb : R_NONE);
}

static RObject *get_cancel_message(RObject *o)
{
    AioFuture *fut = (AioFuture *)o;
    RObject *msg = AIO_FUT_RARE(fut, cancel_msg);
    return r_incref(msg ? msg : R_NONE);
}

static int set_cancel_message(RObject *o, RObject *v)
{
    if (!v) {
        r_err_set_string(r_exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    return AIO_FUT_SET_RARE((AioFuture *)o, cancel_msg, r_incref(v));
}

const r_getset_def aio_future_getsets[] = {
    {"_state", get_state, NULL},
    {"_asyncio_future_blocking", get_blocking, set_blocking},
    {"_loop", get_loop_attr, NULL},
    {"_callbacks", get_callbacks, NULL},
    {"_result", get_result_attr, NULL},
    {"_exception", get_exception_attr, NULL},
    {"_log_traceback", get_log_traceback, set_log_traceback},
    {"_source_traceback", get_source_traceback, NULL},
    {"_cancel_message", get_cancel_message, set_cancel_message},
    {NULL, NULL, NULL},
};

static const r_method_def future_methods[] = {
    {"result", m_result, 0, NULL},
    {"exception", m_exception, 0, NULL},
    {"set_result", m_set_result, 0, NULL},
    {"set_exception", m_set_exception, 0, NULL},
    {"add_done_callback", m_add_done_callback, 0, NULL},
    {"remove_done_callback", m_remove_done_callback, 0, NULL},
    {"cancel", m_cancel, 0, NULL},
    {"cancelled", m_cancelled, 0, NULL},
    {"done", m_done, 0, NULL},
    {"get_loop", m_get_loop, 0, NULL},
    {"_make_cancelled_error", m_make_cancelled_error, 0, NULL},
    {"_repr_info", m_repr_info, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_future_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_asyncio.Future",
    .basicsize = sizeof(AioFuture),
    .dictoffset = offsetof(AioFuture, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = future_dealloc,
    .finalize = aio_future_finalize,
    .traverse = aio_future_traverse,
    .clear = aio_future_clear,
    .repr = future_repr,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .iter = future_await,
    .am_await = future_await,
    .methods = future_methods,
    .getsets = aio_future_getsets,
    .tp_new = future_tp_new,
    .tp_init = future_tp_init,
    .doc = "This class is *almost* compatible with concurrent.futures.Future.",
};

/* ---- FutureIter ---- */

typedef struct {
    RObject ob;
    RObject *future; /* NULL once done */
} AioFutureIter;

RObject *aio_future_iter_new(RObject *fut)
{
    if (alive((AioFuture *)fut) < 0)
        return NULL;
    AioFutureIter *it = (AioFutureIter *)r_alloc(&r_aio_future_iter_type);
    if (!it)
        return NULL;
    it->future = r_incref(fut);
    return (RObject *)it;
}

/* FutureIter_am_send: 1 yielded (*result = the future), 0 returned, -1 */
int aio_future_iter_send(RObject *self, RObject **result)
{
    AioFutureIter *it = (AioFutureIter *)self;
    *result = NULL;
    AioFuture *fut = (AioFuture *)it->future;
    if (!fut)
        return -1;
    if (fut->state == AIO_PENDING) {
        if (!fut->blocking) {
            fut->blocking = true;
            *result = r_incref((RObject *)fut);
            return 1;
        }
        r_err_set_string(r_exc_RuntimeError, "await wasn't used with future");
        return -1;
    }
    it->future = NULL;
    RObject *res = result_impl(fut);
    R_DECREF(fut);
    if (!res)
        return -1;
    *result = res;
    return 0;
}

static RObject *iter_next(RObject *self)
{
    RObject *res = NULL;
    int rc = aio_future_iter_send(self, &res);
    if (rc == 1)
        return res;
    if (rc == 0) {
        if (res != R_NONE) {
            RObject *a = r_tuple_pack(1, res);
            RObject *stop = a ? r_exc_new(r_exc_StopIteration, a) : NULL;
            R_XDECREF(a);
            if (stop)
                r_err_restore(stop);
        }
        R_DECREF(res);
    }
    return NULL;
}

static RObject *iter_send(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("send", kw) < 0 || r_check_nargs("send", nargs, 1, 1) < 0)
        return NULL;
    /* Future.__iter__ ignores what is sent: it returns self.result() */
    RObject *res = NULL;
    int rc = aio_future_iter_send(self, &res);
    if (rc == 1)
        return res;
    if (rc == 0) {
        RObject *a = r_tuple_pack(1, res);
        RObject *stop = a ? r_exc_new(r_exc_StopIteration, a) : NULL;
        R_XDECREF(a);
        if (stop)
            r_err_restore(stop);
        R_DECREF(res);
    }
    return NULL;
}

static RObject *iter_throw(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("throw", kw) < 0 || r_check_nargs("throw", nargs, 1, 3) < 0)
        return NULL;
    RObject *exc = aio_make_thrown_exception(args, nargs);
    if (!exc)
        return NULL;
    R_CLEAR(((AioFutureIter *)self)->future);
    r_err_restore(exc);
    return NULL;
}

static RObject *iter_close(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("close", kw) < 0 || r_check_nargs("close", nargs, 0, 0) < 0)
        return NULL;
    R_CLEAR(((AioFutureIter *)self)->future);
    R_RETURN_NONE;
}

static RObject *iter_self(RObject *self)
{
    return r_incref(self);
}

static void iter_dealloc(RObject *o)
{
    R_XDECREF(((AioFutureIter *)o)->future);
    r_free(o);
}

static int iter_traverse(RObject *o, r_visitproc visit, void *arg)
{
    AioFutureIter *it = (AioFutureIter *)o;
    return it->future ? visit(it->future, arg) : 0;
}

static void iter_clear(RObject *o)
{
    R_CLEAR(((AioFutureIter *)o)->future);
}

static const r_method_def iter_methods[] = {
    {"send", iter_send, 0, NULL},
    {"throw", iter_throw, 0, NULL},
    {"close", iter_close, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_future_iter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_asyncio.FutureIter",
    .basicsize = sizeof(AioFutureIter),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = iter_dealloc,
    .traverse = iter_traverse,
    .clear = iter_clear,
    .getattro = r_generic_getattr,
    .iter = iter_self,
    .iternext = iter_next,
    .methods = iter_methods,
};
