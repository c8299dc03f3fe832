/* futures.py's bridge to concurrent.futures: _chain_future, wrap_future
 * and the state copies. A concurrent future runs its done callbacks in
 * the thread that completes it, so _call_set_state reaches the loop with
 * call_soon_threadsafe, which wakes it. */
#include "aio.h"
#include "aio_args.h"
#include "cf_future.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"

/* ---- version predicates of this file ---- */

/* _call_set_state skips a destination loop that is closed: 3.10+ */
static bool chain_skips_closed_loop(void) { return r_profile.minor >= 10; }
/* _convert_future_exc keeps the traceback and no longer converts
 * TimeoutError (the builtin on both sides): 3.13 */
static bool convert_keeps_traceback(void) { return r_profile.minor >= 13; }

RObject *aio_cf_future_new(void)
{
    return r_cf_future_new();
}

static bool is_cf_future(RObject *o)
{
    return r_typecheck(o, &r_cf_future_type);
}

static RObject *convert_future_exc(RObject *exc)
{
    RType *cls = R_TYPE(exc);
    RType *to = NULL;
    if (cls == r_cf_CancelledError)
        to = r_aio_CancelledError;
    else if (cls == r_cf_TimeoutError && !convert_keeps_traceback())
        to = r_aio_TimeoutError;
    else if (cls == r_cf_InvalidStateError)
        to = r_aio_InvalidStateError;
    if (!to)
        return r_incref(exc);
    RObject *res = r_exc_new(to, r_exc_args(exc));
    if (res && convert_keeps_traceback()) {
        RObject *tb = ((RBaseException *)exc)->traceback;
        r_exc_set_traceback(res, tb ? r_incref(tb) : NULL);
    }
    return res;
}

/* _copy_future_state(source, dest) */
static int copy_future_state(RObject *source, RObject *dest)
{
    int c = aio_future_cancelled(dest);
    if (c != 0)
        return c < 0 ? -1 : 0;
    RObject *r = r_call_method(source, "cancelled", NULL, 0);
    int sc = r ? r_is_true(r) : -1;
    R_XDECREF(r);
    if (sc < 0)
        return -1;
    if (sc)
        return aio_future_cancel(dest, NULL) < 0 ? -1 : 0;
    RObject *exception = r_call_method(source, "exception", NULL, 0);
    if (!exception)
        return -1;
    int rc;
    if (exception != R_NONE) {
        RObject *conv = convert_future_exc(exception);
        rc = conv ? aio_future_set_exception(dest, conv) : -1;
        R_XDECREF(conv);
    } else {
        RObject *result = r_call_method(source, "result", NULL, 0);
        rc = result ? aio_future_set_result(dest, result) : -1;
        R_XDECREF(result);
    }
    R_DECREF(exception);
    return rc;
}

/* _set_concurrent_future_state(concurrent, source) */
static int set_concurrent_future_state(RObject *concurrent, RObject *source)
{
    int sc = aio_future_cancelled(source);
    if (sc < 0)
        return -1;
    if (sc && r_cf_future_cancel(concurrent) < 0)
        return -1;
    int running = r_cf_future_set_running_or_notify_cancel(concurrent);
    if (running <= 0)
        return running;
    RObject *exception = aio_future_exception(source);
    if (!exception)
        return -1;
    int rc;
    if (exception != R_NONE) {
        RObject *conv = convert_future_exc(exception);
        rc = conv ? r_cf_future_set_exception(concurrent, conv) : -1;
        R_XDECREF(conv);
    } else {
        RObject *result = aio_future_result(source);
        rc = result ? r_cf_future_set_result(concurrent, result) : -1;
        R_XDECREF(result);
    }
    R_DECREF(exception);
    return rc;
}

/* _chain_future.<locals>._set_state(future, other) */
static RObject *set_state(RObject **cells, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)cells;
    if (r_check_no_kwargs("_set_state", kw) < 0 || r_check_nargs("_set_state", nargs, 2, 2) < 0)
        return NULL;
    int isf = aio_isfuture(args[0]);
    if (isf < 0)
        return NULL;
    int rc = isf ? copy_future_state(args[1], args[0])
                 : set_concurrent_future_state(args[0], args[1]);
    if (rc < 0)
        return NULL;
    R_RETURN_NONE;
}

enum { CELL_SOURCE, CELL_DESTINATION, CELL_SOURCE_LOOP, CELL_DEST_LOOP, CELL_SET_STATE };

/* _chain_future.<locals>._call_check_cancel(destination) */
static RObject *call_check_cancel(RObject **cells, RObject *const *args, size_t nargs,
                                  RObject *kw)
{
    if (r_check_no_kwargs("_call_check_cancel", kw) < 0 ||
        r_check_nargs("_call_check_cancel", nargs, 1, 1) < 0)
        return NULL;
    int c = aio_future_cancelled(args[0]);
    if (c < 0)
        return NULL;
    if (!c)
        R_RETURN_NONE;
    RObject *source = cells[CELL_SOURCE], *source_loop = cells[CELL_SOURCE_LOOP];
    if (source_loop == R_NONE || source_loop == cells[CELL_DEST_LOOP]) {
        int rc = is_cf_future(source) ? r_cf_future_cancel(source) : aio_future_cancel(source, NULL);
        if (rc < 0)
            return NULL;
        R_RETURN_NONE;
    }
    RObject *cancel = r_getattr_cstr(source, "cancel");
    RObject *r = cancel ? r_call_method(source_loop, "call_soon_threadsafe", &cancel, 1) : NULL;
    R_XDECREF(cancel);
    if (!r)
        return NULL;
    R_DECREF(r);
    R_RETURN_NONE;
}

/* _chain_future.<locals>._call_set_state(source) */
static RObject *call_set_state(RObject **cells, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("_call_set_state", kw) < 0 ||
        r_check_nargs("_call_set_state", nargs, 1, 1) < 0)
        return NULL;
    RObject *source = args[0], *destination = cells[CELL_DESTINATION];
    RObject *dest_loop = cells[CELL_DEST_LOOP];
    int c = aio_future_cancelled(destination);
    if (c < 0)
        return NULL;
    if (c && dest_loop != R_NONE && aio_loop_is_closed(dest_loop))
        R_RETURN_NONE;
    RObject *argv[3] = {cells[CELL_SET_STATE], destination, source};
    if (dest_loop == R_NONE || dest_loop == cells[CELL_SOURCE_LOOP])
        return r_call(argv[0], argv + 1, 2, NULL);
    if (chain_skips_closed_loop() && aio_loop_is_closed(dest_loop))
        R_RETURN_NONE;
    return r_call_method(dest_loop, "call_soon_threadsafe", argv, 3);
}

int aio_chain_future(RObject *source, RObject *destination)
{
    int sf = aio_isfuture(source);
    if (sf < 0)
        return -1;
    if (!sf && !is_cf_future(source)) {
        r_err_set_string(r_exc_TypeError, "A future is required for source argument");
        return -1;
    }
    int df = aio_isfuture(destination);
    if (df < 0)
        return -1;
    if (!df && !is_cf_future(destination)) {
        r_err_set_string(r_exc_TypeError, "A future is required for destination argument");
        return -1;
    }
    RObject *source_loop = sf ? aio_future_get_loop(source) : r_incref(R_NONE);
    RObject *dest_loop = source_loop && df ? aio_future_get_loop(destination) : r_incref(R_NONE);
    RObject *set_state_fn = aio_closure_new_at("_chain_future.<locals>._set_state", &aio_src__set_state,
                                               set_state, 0, NULL);
    int rc = -1;
    if (source_loop && dest_loop && set_state_fn) {
        RObject *cells[] = {source, destination, source_loop, dest_loop, set_state_fn};
        RObject *check = aio_closure_new_at("_chain_future.<locals>._call_check_cancel",
                                            &aio_src__call_check_cancel, call_check_cancel, 5,
                                            cells);
        RObject *setter = aio_closure_new_at("_chain_future.<locals>._call_set_state",
                                             &aio_src__call_set_state, call_set_state, 5,
                                             cells);
        if (check && setter) {
            /* destination.add_done_callback(_call_check_cancel) */
            int r1;
            if (df) {
                r1 = aio_future_add_done_callback(destination, check, NULL);
            } else {
                RObject *r = r_call_method(destination, "add_done_callback", &check, 1);
                r1 = r ? 0 : -1;
                R_XDECREF(r);
            }
            /* source.add_done_callback(_call_set_state) */
            if (r1 == 0) {
                if (sf) {
                    rc = aio_future_add_done_callback(source, setter, NULL);
                } else {
                    RObject *r = r_call_method(source, "add_done_callback", &setter, 1);
                    rc = r ? 0 : -1;
                    R_XDECREF(r);
                }
            }
        }
        R_XDECREF(check);
        R_XDECREF(setter);
    }
    R_XDECREF(set_state_fn);
    R_XDECREF(source_loop);
    R_XDECREF(dest_loop);
    return rc;
}

RObject *aio_wrap_future(RObject *future, RObject *loop)
{
    int isf = aio_isfuture(future);
    if (isf < 0)
        return NULL;
    if (isf)
        return r_incref(future);
    if (!is_cf_future(future))
        return r_err_format(r_exc_AssertionError,
                            "concurrent.futures.Future is expected, got %R", future);
    RObject *l = loop && loop != R_NONE ? r_incref(loop) : aio_get_event_loop_for_helpers();
    if (!l)
        return NULL;
    RObject *new_future = aio_loop_create_future(l);
    R_DECREF(l);
    if (!new_future)
        return NULL;
    if (aio_chain_future(future, new_future) < 0) {
        R_DECREF(new_future);
        return NULL;
    }
    return new_future;
}

static RObject *f_wrap_future(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"future", NULL};
    static const char *const kwonly[] = {"loop", NULL};
    aio_sig sig = {"wrap_future", pos, 1, kwonly, NULL, NULL, false};
    RObject *out[2];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return aio_wrap_future(out[0], out[1]);
}

static RObject *f_chain_future(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"source", "destination", NULL};
    aio_sig sig = {"_chain_future", pos, 2, NULL, NULL, NULL, false};
    RObject *out[2];
    if (aio_bind(&sig, args, nargs, kw, out) < 0 || aio_chain_future(out[0], out[1]) < 0)
        return NULL;
    R_RETURN_NONE;
}

const r_method_def aio_chain_functions[] = {
    {"wrap_future", f_wrap_future, 0, NULL},
    {"_chain_future", f_chain_future, 0, NULL},
    {NULL, NULL, 0, NULL},
};
