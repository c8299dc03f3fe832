/* tasks.py's gather (with _GatheringFuture) and shield. */
#include "aio.h"
#include "aio_args.h"
#include "boolobject.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "listobject.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"
#include "warnings.h"

/* ---- version predicates of this file ---- */

/* gather(loop=) and shield(loop=): up to 3.9 */
static bool takes_loop_argument(void) { return r_profile.minor <= 9; }
/* children already done are handled after outer exists: 3.12+ */
static bool gather_handles_done_children_at_once(void) { return r_profile.minor >= 12; }

static int warn_loop_argument(void)
{
    RObject *msg = r_str_from_cstr("The loop argument is deprecated since Python 3.8, and "
                                   "scheduled for removal in Python 3.10.");
    int rc = msg ? r_warn(r_exc_DeprecationWarning, msg, 1, NULL) : -1;
    R_XDECREF(msg);
    return rc;
}

/* ---- _GatheringFuture ---- */

typedef struct {
    AioFuture fut;
    RObject *children; /* a list */
    bool cancel_requested;
} GatheringFuture;

extern RType r_aio_gathering_future_type;

static RObject *gf_cancel(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    bool ok;
    RObject *msg = aio_parse_cancel_msg("_GatheringFuture.cancel", args, nargs, kw, &ok);
    if (!ok)
        return NULL;
    GatheringFuture *g = (GatheringFuture *)self;
    int done = aio_future_done(self);
    if (done < 0)
        return NULL;
    if (done)
        return r_bool_from_long(0);
    bool ret = false;
    RObject *children = r_incref(g->children);
    for (ssize_t i = 0; i < R_LIST_SIZE(children); i++) {
        RObject *child = R_LIST_ITEMS(children)[i];
        int c;
        if (r_profile.minor == 8) {
            c = aio_future_cancel(child, NULL);
        } else {
            /* child.cancel(msg=msg) */
            RObject *meth = r_getattr_cstr(child, "cancel");
            RObject *kwn = meth ? r_tuple_pack(1, r_str_intern("msg")) : NULL;
            RObject *argv[1] = {msg ? msg : R_NONE};
            RObject *r = kwn ? r_call(meth, argv, 0, kwn) : NULL;
            R_XDECREF(kwn);
            R_XDECREF(meth);
            c = r ? r_is_true(r) : -1;
            R_XDECREF(r);
        }
        if (c < 0) {
            R_DECREF(children);
            return NULL;
        }
        if (c)
            ret = true;
    }
    R_DECREF(children);
    if (ret)
        g->cancel_requested = true;
    return r_bool_from_long(ret);
}

static void gf_dealloc(RObject *o)
{
    R_XDECREF(((GatheringFuture *)o)->children);
    aio_future_clear(o);
    r_free(o);
}

static int gf_traverse(RObject *o, r_visitproc visit, void *arg)
{
    GatheringFuture *g = (GatheringFuture *)o;
    if (g->children) {
        int rc = visit(g->children, arg);
        if (rc)
            return rc;
    }
    return aio_future_traverse(o, visit, arg);
}

static void gf_clear(RObject *o)
{
    R_CLEAR(((GatheringFuture *)o)->children);
    aio_future_clear(o);
}

static RObject *get_children(RObject *o)
{
    GatheringFuture *g = (GatheringFuture *)o;
    return r_incref(g->children ? g->children : R_NONE);
}

static RObject *get_cancel_requested(RObject *o)
{
    return r_bool_from_long(((GatheringFuture *)o)->cancel_requested);
}

static const r_getset_def gf_getsets[] = {
    {"_children", get_children, NULL},
    {"_cancel_requested", get_cancel_requested, NULL},
    {NULL, NULL, NULL},
};

static const r_method_def gf_methods[] = {
    {"cancel", gf_cancel, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_gathering_future_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_GatheringFuture",
    .base = &r_aio_future_type,
    .basicsize = sizeof(GatheringFuture),
    .dictoffset = offsetof(AioFuture, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = gf_dealloc,
    .finalize = aio_future_finalize,
    .traverse = gf_traverse,
    .clear = gf_clear,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = gf_methods,
    .getsets = gf_getsets,
    .doc = "Helper for gather().",
};

/* ---- gather.<locals>._done_callback ---- */

typedef struct {
    RObject ob;
    RObject *outer;    /* NULL until made */
    RObject *children; /* a list */
    ssize_t nfuts, nfinished;
    bool return_exceptions;
} GatherCallback;

extern RType r_aio_gather_callback_type;

static RObject *cancelled_result(RObject *fut)
{
    if (r_profile.minor == 8)
        return r_call0((RObject *)r_aio_CancelledError);
    /* CancelledError('' if fut._cancel_message is None else ...) */
    RObject *msg = r_getattr_cstr(fut, "_cancel_message");
    if (!msg)
        return NULL;
    RObject *arg = msg == R_NONE ? r_str_intern("") : msg;
    RObject *res = r_call1((RObject *)r_aio_CancelledError, arg);
    R_DECREF(msg);
    return res;
}

static RObject *make_cancelled_error(RObject *fut)
{
    if (r_profile.minor == 8)
        return r_call0((RObject *)r_aio_CancelledError);
    return aio_future_make_cancelled_error(fut);
}

static int done_callback(GatherCallback *g, RObject *fut)
{
    g->nfinished++;
    int done = g->outer ? aio_future_done(g->outer) : 1;
    if (done < 0)
        return -1;
    if (done) {
        int c = aio_future_cancelled(fut);
        if (c < 0)
            return -1;
        if (!c) {
            /* mark the exception retrieved */
            RObject *e = aio_future_exception(fut);
            if (!e)
                return -1;
            R_DECREF(e);
        }
        return 0;
    }
    if (!g->return_exceptions) {
        int c = aio_future_cancelled(fut);
        if (c < 0)
            return -1;
        if (c) {
            RObject *exc = make_cancelled_error(fut);
            int rc = exc ? aio_future_set_exception(g->outer, exc) : -1;
            R_XDECREF(exc);
            return rc;
        }
        RObject *exc = aio_future_exception(fut);
        if (!exc)
            return -1;
        if (exc != R_NONE) {
            int rc = aio_future_set_exception(g->outer, exc);
            R_DECREF(exc);
            return rc;
        }
        R_DECREF(exc);
    }
    if (g->nfinished != g->nfuts)
        return 0;
    RObject *results = r_list_new(0);
    if (!results)
        return -1;
    RObject *last = NULL;
    for (ssize_t i = 0; i < R_LIST_SIZE(g->children); i++) {
        RObject *child = R_LIST_ITEMS(g->children)[i];
        last = child;
        int c = aio_future_cancelled(child);
        RObject *res;
        if (c < 0) {
            res = NULL;
        } else if (c) {
            res = cancelled_result(child);
        } else {
            res = aio_future_exception(child);
            if (res == R_NONE) {
                R_DECREF(res);
                res = aio_future_result(child);
            }
        }
        if (!res || r_list_append(results, res) < 0) {
            R_XDECREF(res);
            R_DECREF(results);
            return -1;
        }
        R_DECREF(res);
    }
    int rc;
    if (((GatheringFuture *)g->outer)->cancel_requested) {
        /* gather is being cancelled: the cancellation propagates
         * whatever return_exceptions says */
        RObject *exc = make_cancelled_error(last);
        rc = exc ? aio_future_set_exception(g->outer, exc) : -1;
        R_XDECREF(exc);
    } else {
        rc = aio_future_set_result(g->outer, results);
    }
    R_DECREF(results);
    return rc;
}

static RObject *gcb_call(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("_done_callback", kw) < 0 ||
        r_check_nargs("_done_callback", nargs, 1, 1) < 0)
        return NULL;
    R_INCREF(self);
    int rc = done_callback((GatherCallback *)self, args[0]);
    R_DECREF(self);
    if (rc < 0)
        return NULL;
    R_RETURN_NONE;
}

static void gcb_dealloc(RObject *o)
{
    GatherCallback *g = (GatherCallback *)o;
    R_XDECREF(g->outer);
    R_XDECREF(g->children);
    r_free(o);
}

static int gcb_traverse(RObject *o, r_visitproc visit, void *arg)
{
    GatherCallback *g = (GatherCallback *)o;
    int rc = g->outer ? visit(g->outer, arg) : 0;
    return rc || !g->children ? rc : visit(g->children, arg);
}

static void gcb_clear(RObject *o)
{
    GatherCallback *g = (GatherCallback *)o;
    R_CLEAR(g->outer);
    R_CLEAR(g->children);
}

static RObject *gcb_qualname(RObject *o)
{
    (void)o;
    return r_str_from_cstr(r_profile.minor == 9 ? "_gather.<locals>._done_callback"
                                                : "gather.<locals>._done_callback");
}

static RObject *gcb_name(RObject *o)
{
    (void)o;
    return r_str_from_cstr("_done_callback");
}

static const r_getset_def gcb_getsets[] = {
    {"__qualname__", gcb_qualname, NULL},
    {"__name__", gcb_name, NULL},
    {NULL, NULL, NULL},
};

RType r_aio_gather_callback_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "function",
    .basicsize = sizeof(GatherCallback),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = gcb_dealloc,
    .traverse = gcb_traverse,
    .clear = gcb_clear,
    .getattro = r_generic_getattr,
    .call = gcb_call,
    .getsets = gcb_getsets,
};

static int set_log_destroy_pending_false(RObject *fut)
{
    if (R_TYPE(fut) == &r_aio_task_type) {
        ((AioTask *)fut)->fut.log_destroy_pending = false;
        return 0;
    }
    return r_setattr_cstr(fut, "_log_destroy_pending", R_FALSE);
}

RObject *aio_gather(RObject *const *aws, size_t n, bool return_exceptions, RObject *loop_arg)
{
    RObject *loop = loop_arg && loop_arg != R_NONE ? r_incref(loop_arg) : NULL;
    if (n == 0) {
        if (!loop && !(loop = aio_get_event_loop_for_helpers()))
            return NULL;
        if (loop_arg && loop_arg != R_NONE && r_profile.minor == 8 && warn_loop_argument() < 0) {
            R_DECREF(loop);
            return NULL;
        }
        RObject *outer = aio_loop_create_future(loop);
        R_DECREF(loop);
        RObject *empty = outer ? r_list_new(0) : NULL;
        int rc = empty ? aio_future_set_result(outer, empty) : -1;
        R_XDECREF(empty);
        if (rc < 0)
            R_CLEAR(outer);
        return outer;
    }
    GatherCallback *g = (GatherCallback *)r_alloc(&r_aio_gather_callback_type);
    RObject *arg_to_fut = r_dict_new();
    RObject *done_futs = r_list_new(0);
    if (!g || !arg_to_fut || !done_futs || !(g->children = r_list_new(0)))
        goto fail;
    g->return_exceptions = return_exceptions;
    for (size_t i = 0; i < n; i++) {
        RObject *arg = aws[i];
        RObject *fut = r_dict_get_item(arg_to_fut, arg);
        if (fut) {
            /* a duplicate: the same child again */
            R_INCREF(fut);
        } else {
            if (r_err_occurred())
                goto fail;
            fut = aio_ensure_future(arg, loop);
            if (!fut)
                goto fail;
            if (!loop && !(loop = aio_future_get_loop(fut))) {
                R_DECREF(fut);
                goto fail;
            }
            if (fut != arg && set_log_destroy_pending_false(fut) < 0) {
                R_DECREF(fut);
                goto fail;
            }
            g->nfuts++;
            if (r_dict_set_item(arg_to_fut, arg, fut) < 0) {
                R_DECREF(fut);
                goto fail;
            }
            int done = gather_handles_done_children_at_once() ? aio_future_done(fut) : 0;
            int rc = done < 0  ? -1
                     : done    ? r_list_append(done_futs, fut)
                               : aio_future_add_done_callback(fut, (RObject *)g, NULL);
            if (rc < 0) {
                R_DECREF(fut);
                goto fail;
            }
        }
        int rc = r_list_append(g->children, fut);
        R_DECREF(fut);
        if (rc < 0)
            goto fail;
    }
    /* outer = _GatheringFuture(children, loop=loop) */
    GatheringFuture *outer = (GatheringFuture *)r_alloc(&r_aio_gathering_future_type);
    if (!outer)
        goto fail;
    if (aio_future_init(&outer->fut, loop) < 0) {
        R_DECREF(outer);
        goto fail;
    }
    outer->children = r_incref(g->children);
    g->outer = r_incref((RObject *)outer);
    for (ssize_t i = 0; i < R_LIST_SIZE(done_futs); i++)
        if (done_callback(g, R_LIST_ITEMS(done_futs)[i]) < 0) {
            R_DECREF(outer);
            goto fail;
        }
    R_DECREF(g);
    R_DECREF(arg_to_fut);
    R_DECREF(done_futs);
    R_XDECREF(loop);
    return (RObject *)outer;
fail:
    R_XDECREF(g);
    R_XDECREF(arg_to_fut);
    R_XDECREF(done_futs);
    R_XDECREF(loop);
    return NULL;
}

static RObject *f_gather(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {NULL};
    static const char *const kw38[] = {"loop", "return_exceptions", NULL};
    static const char *const kw310[] = {"return_exceptions", NULL};
    RObject *const *aws;
    size_t naws;
    bool with_loop = takes_loop_argument();
    aio_sig sig = {"gather", pos, 0, with_loop ? kw38 : kw310, &aws, &naws, false};
    RObject *out[2] = {NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    RObject *loop = with_loop ? out[0] : NULL;
    RObject *rex = with_loop ? out[1] : out[0];
    int return_exceptions = rex ? r_is_true(rex) : 0;
    if (return_exceptions < 0)
        return NULL;
    if (r_profile.minor == 9 && loop && loop != R_NONE && warn_loop_argument() < 0)
        return NULL;
    return aio_gather(aws, naws, return_exceptions, loop);
}

/* ---- shield ---- */

enum { SH_INNER, SH_OUTER, SH_INNER_CB };

/* shield.<locals>._inner_done_callback(inner) */
static RObject *inner_done_callback(RObject **cells, RObject *const *args, size_t nargs,
                                    RObject *kw)
{
    if (r_check_no_kwargs("_inner_done_callback", kw) < 0 ||
        r_check_nargs("_inner_done_callback", nargs, 1, 1) < 0)
        return NULL;
    RObject *inner = args[0], *outer = cells[SH_OUTER];
    int oc = aio_future_cancelled(outer);
    if (oc < 0)
        return NULL;
    if (oc) {
        int ic = aio_future_cancelled(inner);
        if (ic < 0)
            return NULL;
        if (!ic) {
            /* mark inner's result as retrieved */
            RObject *e = aio_future_exception(inner);
            if (!e)
                return NULL;
            R_DECREF(e);
        }
        R_RETURN_NONE;
    }
    int ic = aio_future_cancelled(inner);
    if (ic < 0)
        return NULL;
    int rc;
    if (ic) {
        rc = aio_future_cancel(outer, NULL) < 0 ? -1 : 0;
    } else {
        RObject *exc = aio_future_exception(inner);
        if (!exc)
            return NULL;
        if (exc != R_NONE) {
            rc = aio_future_set_exception(outer, exc);
        } else {
            RObject *res = aio_future_result(inner);
            rc = res ? aio_future_set_result(outer, res) : -1;
            R_XDECREF(res);
        }
        R_DECREF(exc);
    }
    if (rc < 0)
        return NULL;
    R_RETURN_NONE;
}

/* shield.<locals>._outer_done_callback(outer) */
static RObject *outer_done_callback(RObject **cells, RObject *const *args, size_t nargs,
                                    RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("_outer_done_callback", kw) < 0 ||
        r_check_nargs("_outer_done_callback", nargs, 1, 1) < 0)
        return NULL;
    int done = aio_future_done(cells[SH_INNER]);
    if (done < 0)
        return NULL;
    if (!done && aio_future_remove_done_callback(cells[SH_INNER], cells[SH_INNER_CB]) < 0)
        return NULL;
    R_RETURN_NONE;
}

RObject *aio_shield(RObject *arg, RObject *loop_arg)
{
    RObject *inner = aio_ensure_future(arg, loop_arg);
    if (!inner)
        return NULL;
    int done = aio_future_done(inner);
    if (done != 0) {
        if (done < 0)
            R_CLEAR(inner);
        return inner; /* the shortcut */
    }
    RObject *loop = aio_future_get_loop(inner);
    RObject *outer = loop ? aio_loop_create_future(loop) : NULL;
    R_XDECREF(loop);
    RObject *cells[2] = {inner, outer};
    RObject *inner_cb = outer ? aio_closure_new_at("shield.<locals>._inner_done_callback",
                                                   &aio_src__inner_done_callback,
                                                   inner_done_callback, 2, cells)
                              : NULL;
    RObject *ocells[3] = {inner, outer, inner_cb};
    RObject *outer_cb = inner_cb ? aio_closure_new_at("shield.<locals>._outer_done_callback",
                                                      &aio_src__outer_done_callback,
                                                      outer_done_callback, 3, ocells)
                                 : NULL;
    int rc = outer_cb ? aio_future_add_done_callback(inner, inner_cb, NULL) : -1;
    if (rc == 0)
        rc = aio_future_add_done_callback(outer, outer_cb, NULL);
    R_XDECREF(inner_cb);
    R_XDECREF(outer_cb);
    R_DECREF(inner);
    if (rc < 0)
        R_CLEAR(outer);
    return outer;
}

static RObject *f_shield(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"arg", NULL};
    static const char *const kwonly[] = {"loop", NULL};
    bool with_loop = takes_loop_argument();
    aio_sig sig = {"shield", pos, 1, with_loop ? kwonly : NULL, NULL, NULL, false};
    RObject *out[2] = {NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    if (with_loop && out[1] && out[1] != R_NONE && warn_loop_argument() < 0)
        return NULL;
    return aio_shield(out[0], with_loop ? out[1] : NULL);
}

const r_method_def aio_gather_functions[] = {
    {"gather", f_gather, 0, NULL},
    {"shield", f_shield, 0, NULL},
    {NULL, NULL, 0, NULL},
};
