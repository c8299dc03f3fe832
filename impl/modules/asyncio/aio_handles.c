/* events.py: Handle and TimerHandle, the objects call_soon, call_later and
 * call_at return and the loop's queues hold. */
#include <math.h>
#include <stdlib.h>

#include "aio.h"
#include "aio_args.h"
#include "boolobject.h"
#include "contextvarsmodule.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "gc.h"
#include "intobject.h"
#include "listobject.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

AioHandle *aio_handle_new(RType *type, RObject *callback, RObject *const *args, size_t nargs,
                          RObject *loop, RObject *context)
{
    AioHandle *h = (AioHandle *)r_alloc(type);
    if (!h)
        return NULL;
    h->callback = r_incref(callback);
    /* a future's callbacks take the future: no tuple until _args is read */
    if (nargs == 1) {
        h->args = r_incref(args[0]);
        h->one_arg = true;
    } else if (!(h->args = r_tuple_from_array(args, (ssize_t)nargs))) {
        R_DECREF(h);
        return NULL;
    }
    h->loop = r_incref(loop);
    /* context=None: a copy of the current context (events.Handle) */
    h->context = context && context != R_NONE ? r_incref(context) : r_context_copy_current();
    if (!h->context) {
        R_DECREF(h);
        return NULL;
    }
    int debug = aio_loop_get_debug(loop);
    if (debug < 0) {
        R_DECREF(h);
        return NULL;
    }
    if (debug) {
        if (!(h->debug = calloc(1, sizeof *h->debug))) {
            R_DECREF(h);
            r_err_no_memory();
            return NULL;
        }
        if (!(h->debug->source_traceback = aio_extract_stack())) {
            R_DECREF(h);
            return NULL;
        }
    }
    return h;
}

RObject *aio_handle_source_traceback(AioHandle *h)
{
    return h->debug ? h->debug->source_traceback : NULL;
}

static void clear_debug(AioHandle *h)
{
    AioHandleDebug *d = h->debug;
    if (d) {
        h->debug = NULL;
        R_XDECREF(d->source_traceback);
        R_XDECREF(d->repr);
        free(d);
    }
}

static void handle_dealloc(RObject *o)
{
    AioHandle *h = (AioHandle *)o;
    R_XDECREF(h->callback);
    R_XDECREF(h->args);
    R_XDECREF(h->loop);
    R_XDECREF(h->context);
    clear_debug(h);
    r_free(o);
}

/* a step wrapper not tracked is one its handle holds alone (aio.h) */
static bool holds_owned_wrapper(const AioHandle *h)
{
    return h->callback && R_TYPE(h->callback) == &r_aio_step_wrapper_type &&
           !r_gc_is_tracked(h->callback);
}

static int handle_traverse(RObject *o, r_visitproc visit, void *arg)
{
    AioHandle *h = (AioHandle *)o;
    if (holds_owned_wrapper(h)) {
        int rc = R_TYPE(h->callback)->traverse(h->callback, visit, arg);
        if (rc)
            return rc;
    } else if (h->callback) {
        int rc = visit(h->callback, arg);
        if (rc)
            return rc;
    }
    AioHandleDebug none = {NULL, NULL}, *d = h->debug ? h->debug : &none;
    return R_VISIT_EACH(visit, arg, h->args, h->loop, h->context, d->repr, d->source_traceback);
}

void aio_handle_own(AioHandle *h)
{
    /* counted as an allocation all the same: collections come when they would */
    r_gc_untrack((RObject *)h);
}

bool aio_handle_is_owned(AioHandle *h)
{
    return !r_gc_is_tracked((RObject *)h);
}

int aio_handle_traverse_owned(AioHandle *h, r_visitproc visit, void *arg)
{
    return handle_traverse((RObject *)h, visit, arg);
}

void aio_handle_release(AioHandle *h)
{
    if (aio_handle_is_owned(h)) {
        /* what the run gave out (the handle to an exception handler, which
         * may keep it or its _callback) is the collector's to see from now */
        if (holds_owned_wrapper(h) && (h->ob.refcnt > 1 || h->callback->refcnt > 1))
            r_gc_retrack(h->callback);
        if (h->ob.refcnt > 1)
            r_gc_retrack((RObject *)h);
    }
    R_DECREF(h);
}

static void timer_dealloc(RObject *o)
{
    R_XDECREF(AIO_TIMER(o)->when_obj);
    handle_dealloc(o);
}

static int timer_traverse(RObject *o, r_visitproc visit, void *arg)
{
    int rc = AIO_TIMER(o)->when_obj ? visit(AIO_TIMER(o)->when_obj, arg) : 0;
    return rc ? rc : handle_traverse(o, visit, arg);
}

static void handle_clear(RObject *o)
{
    AioHandle *h = (AioHandle *)o;
    R_CLEAR(h->callback);
    R_CLEAR(h->args);
    h->one_arg = false;
    R_CLEAR(h->loop);
    R_CLEAR(h->context);
    clear_debug(h);
}

/* _args: the tuple (new reference), made now for an inline argument;
 * None once cancelled */
static RObject *handle_args(AioHandle *h)
{
    if (!h->callback)
        return r_incref(R_NONE);
    if (h->one_arg) {
        RObject *tuple = r_tuple_pack(1, h->args);
        if (!tuple)
            return NULL;
        R_SETREF(h->args, tuple);
        h->one_arg = false;
    }
    return r_incref(h->args);
}

static bool is_timer(AioHandle *h)
{
    return r_typecheck((RObject *)h, &r_aio_timer_handle_type);
}

/* Handle._repr_info, with TimerHandle's when= inserted */
static RObject *repr_info(AioHandle *h)
{
    RObject *info = r_list_new(0);
    if (!info)
        return NULL;
    RObject *cls = aio_type_name((RObject *)h);
    if (!cls || r_list_append(info, cls) < 0)
        goto fail;
    R_CLEAR(cls);
    if (h->cancelled && r_list_append(info, r_str_intern("cancelled")) < 0)
        goto fail;
    if (h->callback) {
        int debug = aio_loop_get_debug(h->loop);
        RObject *args = debug < 0 ? NULL : handle_args(h);
        RObject *src = args ? aio_format_callback_source(h->callback, args, debug) : NULL;
        R_XDECREF(args);
        if (!src || r_list_append(info, src) < 0) {
            R_XDECREF(src);
            goto fail;
        }
        R_DECREF(src);
    }
    RObject *source_tb = aio_handle_source_traceback(h);
    if (source_tb && R_LIST_SIZE(source_tb) > 0) {
        RObject *frame = R_LIST_ITEMS(source_tb)[R_LIST_SIZE(source_tb) - 1];
        RObject *s = r_str_from_format("created at %S:%S", R_TUPLE_GET(frame, 0),
                                       R_TUPLE_GET(frame, 1));
        if (!s || r_list_append(info, s) < 0) {
            R_XDECREF(s);
            goto fail;
        }
        R_DECREF(s);
    }
    if (is_timer(h)) {
        RObject *w = AIO_TIMER(h)->when_obj ? r_repr(AIO_TIMER(h)->when_obj) : NULL;
        RObject *s = w ? r_str_from_format("when=%U", w) : NULL;
        R_XDECREF(w);
        RList *l = (RList *)info;
        ssize_t pos = h->cancelled ? 2 : 1;
        if (!s || r_list_append(info, R_NONE) < 0) {
            R_XDECREF(s);
            goto fail;
        }
        /* info.insert(pos, ...) */
        if (pos > l->size - 1)
            pos = l->size - 1;
        R_DECREF(l->items[l->size - 1]);
        for (ssize_t i = l->size - 1; i > pos; i--)
            l->items[i] = l->items[i - 1];
        l->items[pos] = s;
    }
    return info;
fail:
    R_XDECREF(cls);
    R_DECREF(info);
    return NULL;
}

static RObject *handle_repr(RObject *o)
{
    AioHandle *h = (AioHandle *)o;
    if (h->debug && h->debug->repr)
        return r_incref(h->debug->repr);
    RObject *info = repr_info(h);
    if (!info)
        return NULL;
    RObject *joined = r_str_join(r_str_intern(" "), info);
    R_DECREF(info);
    if (!joined)
        return NULL;
    RObject *res = r_str_from_format("<%U>", joined);
    R_DECREF(joined);
    return res;
}

int aio_handle_cancel(AioHandle *h)
{
    if (is_timer(h) && !h->cancelled)
        aio_loop_timer_handle_cancelled(h->loop, h);
    if (h->cancelled)
        return 0;
    h->cancelled = true;
    int debug = aio_loop_get_debug(h->loop);
    if (debug < 0)
        return -1;
    if (debug) {
        /* kept so that "Executing <Handle...> took 2.5 seconds" can name it */
        if (!h->debug && !(h->debug = calloc(1, sizeof *h->debug))) {
            r_err_no_memory();
            return -1;
        }
        RObject *r = handle_repr((RObject *)h);
        if (!r)
            return -1;
        R_SETREF(h->debug->repr, r);
    }
    R_CLEAR(h->callback);
    R_CLEAR(h->args);
    h->one_arg = false;
    return 0;
}

/* context.run(callback, *args): the C path for a Context, a call of its
 * run method for anything else context= was given */
static RObject *run_in_context(RObject *context, RObject *callback, RObject *const *args,
                               size_t nargs)
{
    if (r_context_check(context))
        return r_context_run(context, callback, args, nargs, NULL);
    RObject **argv = malloc((nargs + 1) * sizeof *argv);
    if (!argv)
        return r_err_no_memory();
    argv[0] = callback;
    for (size_t i = 0; i < nargs; i++)
        argv[i + 1] = args[i];
    RObject *res = r_call_method(context, "run", argv, nargs + 1);
    free(argv);
    return res;
}

int aio_handle_run(AioHandle *h)
{
    R_INCREF(h);
    /* a cancelled handle (only _run() by hand reaches one) has None for
     * both: *self._args then fails as it does in CPython */
    RObject *cb = r_incref(h->callback ? h->callback : R_NONE);
    RObject *one = h->one_arg ? h->args : NULL;
    RObject *tuple = !h->callback ? r_tuple_empty() : h->one_arg ? NULL : h->args;
    R_XINCREF(one);
    R_XINCREF(tuple);
    RObject *res;
    if (!h->callback) {
        res = r_err_format(r_exc_TypeError, "%s after * must be an iterable, not NoneType",
                           r_star_error_says_value() ? "Value" : "run() argument");
    } else {
        /* self._context.run(self._callback, *self._args) */
        RObject *const *argv = tuple ? R_TUPLE_ITEMS(tuple) : &one;
        size_t argc = tuple ? (size_t)R_TUPLE_SIZE(tuple) : 1;
        res = run_in_context(h->context, cb, argv, argc);
    }
    int rc = 0;
    if (res) {
        R_DECREF(res);
    } else if (r_err_matches(r_exc_SystemExit) || r_err_matches(r_exc_KeyboardInterrupt)) {
        rc = -1;
    } else {
        /* events.py's Handle._run line, per version */
        static const int run_line[] = {81, 80, 80, 80, 84, 89};
        aio_traceback_add("events.py", "_run", run_line[r_profile.minor - 8], NULL, 0);
        RObject *exc = r_err_fetch();
        int debug = aio_loop_get_debug(h->loop);
        RObject *args = tuple ? r_incref(tuple) : r_tuple_pack(1, one);
        RObject *src = debug < 0 || !args ? NULL : aio_format_callback_source(cb, args, debug);
        R_XDECREF(args);
        RObject *msg = src ? r_str_from_format("Exception in callback %U", src) : NULL;
        RObject *ctx = msg ? r_dict_new() : NULL;
        if (ctx && r_dict_set_item_cstr(ctx, "message", msg) == 0 &&
            r_dict_set_item_cstr(ctx, "exception", exc) == 0 &&
            r_dict_set_item_cstr(ctx, "handle", (RObject *)h) == 0 &&
            (!aio_handle_source_traceback(h) ||
             r_dict_set_item_cstr(ctx, "source_traceback", aio_handle_source_traceback(h)) == 0))
            aio_call_exception_handler(h->loop, ctx);
        r_err_clear();
        R_XDECREF(ctx);
        R_XDECREF(msg);
        R_XDECREF(src);
        R_DECREF(exc);
    }
    R_XDECREF(tuple);
    R_XDECREF(one);
    R_DECREF(cb);
    R_DECREF(h);
    return rc;
}

/* ---- Python methods ---- */

static RObject *handle_cancel_method(RObject *self, RObject *const *args, size_t nargs,
                                     RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("cancel", kw) < 0 || r_check_nargs("cancel", nargs, 0, 0) < 0)
        return NULL;
    if (aio_handle_cancel((AioHandle *)self) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *handle_cancelled_method(RObject *self, RObject *const *args, size_t nargs,
                                        RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("cancelled", kw) < 0 || r_check_nargs("cancelled", nargs, 0, 0) < 0)
        return NULL;
    return r_bool_from_long(((AioHandle *)self)->cancelled);
}

static RObject *handle_run_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("_run", kw) < 0 || r_check_nargs("_run", nargs, 0, 0) < 0)
        return NULL;
    if (aio_handle_run((AioHandle *)self) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *handle_get_context(RObject *self, RObject *const *args, size_t nargs,
                                   RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("get_context", kw) < 0 ||
        r_check_nargs("get_context", nargs, 0, 0) < 0)
        return NULL;
    return r_incref(((AioHandle *)self)->context);
}

static RObject *timer_when(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("when", kw) < 0 || r_check_nargs("when", nargs, 0, 0) < 0)
        return NULL;
    return r_incref(AIO_TIMER(self)->when_obj);
}

static RObject *get_cancelled_attr(RObject *o)
{
    return r_bool_from_long(((AioHandle *)o)->cancelled);
}

static RObject *get_callback_attr(RObject *o)
{
    AioHandle *h = (AioHandle *)o;
    return r_incref(h->callback ? h->callback : R_NONE);
}

static RObject *get_args_attr(RObject *o)
{
    return handle_args((AioHandle *)o);
}

static RObject *get_loop_attr(RObject *o)
{
    return r_incref(((AioHandle *)o)->loop);
}

static RObject *get_when_attr(RObject *o)
{
    return r_incref(AIO_TIMER(o)->when_obj);
}

static RObject *get_scheduled_attr(RObject *o)
{
    return r_bool_from_long(((AioHandle *)o)->scheduled);
}

static RObject *get_source_traceback(RObject *o)
{
    AioHandle *h = (AioHandle *)o;
    RObject *tb = aio_handle_source_traceback(h);
    return r_incref(tb ? tb : R_NONE);
}

/* TimerHandle's comparisons: by _when, and == by when, callback, args,
 * cancelled */
static RObject *timer_richcompare(RObject *a, RObject *b, r_cmpop op)
{
    if (!r_typecheck(b, &r_aio_timer_handle_type) || !r_typecheck(a, &r_aio_timer_handle_type))
        return r_incref(R_NOTIMPLEMENTED);
    AioHandle *x = (AioHandle *)a, *y = (AioHandle *)b;
    int eq = -1;
    if (op == R_EQ || op == R_NE || op == R_LE || op == R_GE) {
        eq = AIO_TIMER(x)->when == AIO_TIMER(y)->when && x->cancelled == y->cancelled;
        if (eq && x->callback != y->callback) {
            if (!x->callback || !y->callback)
                eq = 0;
            else if ((eq = r_richcompare_bool(x->callback, y->callback, R_EQ)) < 0)
                return NULL;
        }
        if (eq && (x->args != y->args || x->one_arg != y->one_arg)) {
            RObject *xa = handle_args(x), *ya = xa ? handle_args(y) : NULL;
            eq = ya ? r_richcompare_bool(xa, ya, R_EQ) : -1;
            R_XDECREF(xa);
            R_XDECREF(ya);
            if (eq < 0)
                return NULL;
        }
    }
    switch (op) {
    case R_LT:
        return r_bool_from_long(AIO_TIMER(x)->when < AIO_TIMER(y)->when);
    case R_GT:
        return r_bool_from_long(AIO_TIMER(x)->when > AIO_TIMER(y)->when);
    case R_LE:
        return r_bool_from_long(AIO_TIMER(x)->when < AIO_TIMER(y)->when || eq);
    case R_GE:
        return r_bool_from_long(AIO_TIMER(x)->when > AIO_TIMER(y)->when || eq);
    case R_EQ:
        return r_bool_from_long(eq);
    default:
        return r_bool_from_long(!eq);
    }
}

static int64_t timer_hash(RObject *o)
{
    AioTimerHandle *t = AIO_TIMER(o);
    return t->when_obj ? r_hash(t->when_obj) : 0;
}

/* Handle(callback, args, loop, context=None) and TimerHandle(when, callback,
 * args, loop, context=None): events.py's __init__ */
static RObject *make_handle(RType *type, RObject *when, RObject *callback, RObject *args,
                            RObject *loop, RObject *context)
{
    /* _args is kept as the tuple of what args iterates (CPython keeps the
     * object itself and unpacks it when the handle runs) */
    RObject *tuple = NULL;
    if (R_TUPLE_CHECK(args)) {
        tuple = r_incref(args);
    } else {
        RObject *l = r_list_new(0);
        RObject *filled = l ? r_list_inplace_concat(l, args) : NULL;
        tuple = filled ? r_list_as_tuple(filled) : NULL;
        R_XDECREF(filled);
        R_XDECREF(l);
    }
    if (!tuple)
        return NULL;
    AioHandle *h = aio_handle_new(type, callback, R_TUPLE_ITEMS(tuple),
                                  (size_t)R_TUPLE_SIZE(tuple), loop, context);
    R_DECREF(tuple);
    if (h && when) {
        /* the number orders the loop's heap; a handle made here is never in it */
        AIO_TIMER(h)->when_obj = r_incref(when);
        AIO_TIMER(h)->when = R_FLOAT_CHECK(when) ? r_float_as_double(when)
                  : R_INT_CHECK(when) ? r_int_as_double(when)
                                      : NAN;
        r_err_clear();
    }
    return (RObject *)h;
}

static RObject *handle_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"callback", "args", "loop", "context", NULL};
    aio_sig sig = {"Handle.__init__", pos, 3, NULL, NULL, NULL, false};
    RObject *out[4] = {NULL, NULL, NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return make_handle(type, NULL, out[0], out[1], out[2], out[3]);
}

static RObject *timer_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"when", "callback", "args", "loop", "context", NULL};
    aio_sig sig = {"TimerHandle.__init__", pos, 4, NULL, NULL, NULL, false};
    RObject *out[5] = {NULL, NULL, NULL, NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    if (out[0] == R_NONE) /* assert when is not None */
        return r_err_format(r_exc_AssertionError, "");
    return make_handle(type, out[0], out[1], out[2], out[3], out[4]);
}

static const r_method_def handle_methods[] = {
    {"cancel", handle_cancel_method, 0, NULL},
    {"cancelled", handle_cancelled_method, 0, NULL},
    {"_run", handle_run_method, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* Handle.get_context(): 3.12+ */
static const r_method_def handle_methods_312[] = {
    {"get_context", handle_get_context, 0, NULL},
    {NULL, NULL, 0, NULL},
};

int aio_handle_type_init(void)
{
    return r_profile.minor >= 12 ? aio_add_methods(&r_aio_handle_type, handle_methods_312) : 0;
}

static const r_getset_def handle_getsets[] = {
    {"_cancelled", get_cancelled_attr, NULL},
    {"_callback", get_callback_attr, NULL},
    {"_args", get_args_attr, NULL},
    {"_loop", get_loop_attr, NULL},
    {"_source_traceback", get_source_traceback, NULL},
    {NULL, NULL, NULL},
};

static const r_method_def timer_methods[] = {
    {"when", timer_when, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const r_getset_def timer_getsets[] = {
    {"_when", get_when_attr, NULL},
    {"_scheduled", get_scheduled_attr, NULL},
    {NULL, NULL, NULL},
};

RType r_aio_handle_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Handle",
    .basicsize = sizeof(AioHandle),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = handle_dealloc,
    .traverse = handle_traverse,
    .clear = handle_clear,
    .repr = handle_repr,
    .getattro = r_generic_getattr,
    .methods = handle_methods,
    .getsets = handle_getsets,
    .tp_new = handle_tp_new,
    .doc = "Object returned by callback registration methods.",
};

RType r_aio_timer_handle_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "TimerHandle",
    .base = &r_aio_handle_type,
    .basicsize = sizeof(AioTimerHandle),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = timer_dealloc,
    .traverse = timer_traverse,
    .clear = handle_clear,
    .repr = handle_repr,
    .hash = timer_hash,
    .richcompare = timer_richcompare,
    .getattro = r_generic_getattr,
    .methods = timer_methods,
    .getsets = timer_getsets,
    .tp_new = timer_tp_new,
    .doc = "Object returned by timed callback registration methods.",
};
