/* tasks.py's as_completed: up to 3.12 a generator function (nothing runs
 * before the first next(); each item is a new _wait_for_one() coroutine
 * reading a Queue that done callbacks fill); 3.13 an
 * _AsCompletedIterator that wraps its arguments at once and also supports
 * `async for`, which yields the original futures. */
#include "aio.h"
#include "aio_args.h"
#include "aio_coro.h"
#include "aio_sync.h"
#include "boolobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "profile.h"
#include "setobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"
#include "warnings.h"

/* as_completed returns an _AsCompletedIterator: 3.13 */
static bool as_completed_is_iterator(void) { return r_profile.minor >= 13; }

/* The state both forms share: todo (a set), done (a Queue), the timeout
 * handle and how many results are left to hand out. */
typedef struct {
    RObject ob;
    RObject *fs, *timeout, *loop_arg;
    RObject *todo, *done, *timeout_handle;
    ssize_t left;
    bool started;
} AsCompleted;

extern RType r_aio_as_completed_gen_type, r_aio_as_completed_iter_type;

static int traverse_refs(RObject **refs, size_t n, r_visitproc visit, void *arg)
{
    for (size_t i = 0; i < n; i++)
        if (refs[i]) {
            int rc = visit(refs[i], arg);
            if (rc)
                return rc;
        }
    return 0;
}

/* _on_completion(f) / _handle_completion(self, f) */
static int handle_completion(AsCompleted *a, RObject *f)
{
    if (r_set_size(a->todo) == 0)
        return 0; /* _on_timeout() was here first */
    int found = r_set_discard(a->todo, f);
    if (found < 0)
        return -1;
    if (!found) {
        /* todo.remove(f) */
        RObject *key = r_tuple_pack(1, f);
        if (key) {
            r_err_set_object(r_exc_KeyError, key);
            R_DECREF(key);
        }
        return -1;
    }
    if (aio_queue_put_nowait(a->done, f) < 0)
        return -1;
    if (r_set_size(a->todo) == 0 && a->timeout_handle) {
        RObject *r = r_call_method(a->timeout_handle, "cancel", NULL, 0);
        if (!r)
            return -1;
        R_DECREF(r);
    }
    return 0;
}

static RObject *completion_callback(RObject **cells, RObject *const *args, size_t nargs,
                                    RObject *kw)
{
    if (r_check_no_kwargs("_on_completion", kw) < 0 ||
        r_check_nargs("_on_completion", nargs, 1, 1) < 0)
        return NULL;
    if (handle_completion((AsCompleted *)cells[0], args[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

/* _on_timeout() / _handle_timeout(self) */
static RObject *timeout_callback(RObject **cells, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("_on_timeout", kw) < 0 || r_check_nargs("_on_timeout", nargs, 0, 0) < 0)
        return NULL;
    AsCompleted *a = (AsCompleted *)cells[0];
    RObject *it = r_get_iter(a->todo);
    RObject *f;
    while (it && (f = r_iter_next(it))) {
        int rc = aio_future_remove_done_callback(f, cells[1]);
        R_DECREF(f);
        if (rc < 0 || aio_queue_put_nowait(a->done, R_NONE) < 0)
            break;
    }
    R_XDECREF(it);
    if (r_err_occurred())
        return NULL;
    if (r_set_clear(a->todo) < 0)
        return NULL;
    R_RETURN_NONE;
}

/* wraps the futures and installs the callbacks (the generator's first
 * step, or _AsCompletedIterator.__init__) */
static int setup(AsCompleted *a)
{
    const char *completion_name = as_completed_is_iterator()
                                      ? "_AsCompletedIterator._handle_completion"
                                      : "as_completed.<locals>._on_completion";
    const char *timeout_name = as_completed_is_iterator() ? "_AsCompletedIterator._handle_timeout"
                                                          : "as_completed.<locals>._on_timeout";
    if (!(a->done = aio_queue_new(r_profile.minor <= 9 ? a->loop_arg : NULL)))
        return -1;
    RObject *loop;
    if (a->loop_arg && a->loop_arg != R_NONE) {
        RObject *msg = r_str_from_cstr("The loop argument is deprecated since Python 3.8, and "
                                       "scheduled for removal in Python 3.10.");
        int rc = msg ? r_warn(r_exc_DeprecationWarning, msg, 1, NULL) : -1;
        R_XDECREF(msg);
        if (rc < 0)
            return -1;
        loop = r_incref(a->loop_arg);
    } else if (!(loop = aio_get_event_loop_for_helpers())) {
        return -1;
    }
    /* todo = {ensure_future(f, loop=loop) for f in set(fs)} */
    RObject *fs = r_set_new(a->fs);
    a->todo = fs ? r_set_new(NULL) : NULL;
    RObject *it = a->todo ? r_get_iter(fs) : NULL;
    RObject *f;
    while (it && (f = r_iter_next(it))) {
        RObject *t = aio_ensure_future(f, loop);
        R_DECREF(f);
        if (!t || r_set_add(a->todo, t) < 0) {
            R_XDECREF(t);
            break;
        }
        R_DECREF(t);
    }
    R_XDECREF(it);
    R_XDECREF(fs);
    if (r_err_occurred() || !a->todo) {
        R_DECREF(loop);
        return -1;
    }
    RObject *cells[1] = {(RObject *)a};
    /* <=3.12 nested functions (with their def lines), 3.13 bound methods */
    bool nested = !as_completed_is_iterator();
    RObject *on_completion = aio_closure_new_at(
        completion_name, nested ? &aio_src_ac_on_completion : NULL, completion_callback, 1, cells);
    RObject *tcells[2] = {(RObject *)a, on_completion};
    RObject *on_timeout = on_completion ? aio_closure_new_at(timeout_name,
                                                             nested ? &aio_src_ac_on_timeout : NULL,
                                                             timeout_callback, 2, tcells)
                                        : NULL;
    int rc = on_timeout ? 0 : -1;
    it = rc == 0 ? r_get_iter(a->todo) : NULL;
    while (it && (f = r_iter_next(it))) {
        rc = aio_future_add_done_callback(f, on_completion, NULL);
        R_DECREF(f);
        if (rc < 0)
            break;
    }
    R_XDECREF(it);
    if (r_err_occurred())
        rc = -1;
    if (rc == 0 && r_set_size(a->todo) && a->timeout && a->timeout != R_NONE) {
        RObject *argv[2] = {a->timeout, on_timeout};
        if (!(a->timeout_handle = r_call_method(loop, "call_later", argv, 2)))
            rc = -1;
    }
    a->left = r_set_size(a->todo);
    R_XDECREF(on_completion);
    R_XDECREF(on_timeout);
    R_DECREF(loop);
    return rc;
}

/* ---- _wait_for_one() ---- */

typedef struct {
    AioCoro base;
    RObject *done;
    bool resolve;
} WaitForOne;

static aio_step wait_for_one_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    WaitForOne *w = (WaitForOne *)c;
    if (c->state == 0) {
        RObject *get = aio_queue_get(w->done);
        if (!get)
            return AIO_RAISE;
        c->state = 1;
        *out = get;
        return AIO_AWAIT;
    }
    if (exc) {
        r_err_restore(r_incref(exc));
        return AIO_RAISE;
    }
    if (value == R_NONE) {
        /* the dummy value _on_timeout() put */
        r_err_set_object(r_aio_TimeoutError, NULL);
        return AIO_RAISE;
    }
    if (!w->resolve) {
        *out = r_incref(value);
        return AIO_RETURN;
    }
    *out = aio_future_result(value);
    return *out ? AIO_RETURN : AIO_RAISE;
}

static const aio_coro_def wait_for_one_def = {
    "_wait_for_one", "as_completed.<locals>._wait_for_one", sizeof(WaitForOne),
    wait_for_one_step, AIO_CORO_REFS(WaitForOne, done), &aio_src__wait_for_one};
static const aio_coro_def wait_for_one_def_313 = {
    "_wait_for_one", "_AsCompletedIterator._wait_for_one", sizeof(WaitForOne),
    wait_for_one_step, AIO_CORO_REFS(WaitForOne, done), NULL};

static RObject *wait_for_one(AsCompleted *a, bool resolve)
{
    WaitForOne *w = (WaitForOne *)aio_coro_new(as_completed_is_iterator() ? &wait_for_one_def_313
                                                                          : &wait_for_one_def);
    if (w) {
        w->done = r_incref(a->done);
        w->resolve = resolve;
    }
    return (RObject *)w;
}

/* ---- <=3.12: the generator ---- */

static RObject *gen_next(RObject *self)
{
    AsCompleted *a = (AsCompleted *)self;
    if (!a->started) {
        a->started = true;
        int isf = aio_isfuture(a->fs);
        int isc = isf == 0 ? aio_iscoroutine(a->fs) : 0;
        if (isf < 0 || isc < 0)
            goto finished;
        if (isf || isc) {
            RObject *tn = aio_type_name(a->fs);
            if (tn)
                r_err_format(r_exc_TypeError, "expect an iterable of futures, not %U", tn);
            R_XDECREF(tn);
            goto finished;
        }
        if (setup(a) < 0)
            goto finished;
    }
    if (a->left <= 0)
        return NULL;
    a->left--;
    return wait_for_one(a, true);
finished:
    a->left = 0;
    return NULL;
}

static RObject *gen_self(RObject *self)
{
    return r_incref(self);
}

static RObject *gen_close(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("close", kw) < 0 || r_check_nargs("close", nargs, 0, 0) < 0)
        return NULL;
    AsCompleted *a = (AsCompleted *)self;
    a->started = true;
    a->left = 0;
    R_RETURN_NONE;
}

static void ac_dealloc(RObject *o)
{
    AsCompleted *a = (AsCompleted *)o;
    R_XDECREF(a->fs);
    R_XDECREF(a->timeout);
    R_XDECREF(a->loop_arg);
    R_XDECREF(a->todo);
    R_XDECREF(a->done);
    R_XDECREF(a->timeout_handle);
    r_free(o);
}

static int ac_traverse(RObject *o, r_visitproc visit, void *arg)
{
    AsCompleted *a = (AsCompleted *)o;
    RObject *refs[] = {a->fs, a->timeout, a->loop_arg, a->todo, a->done, a->timeout_handle};
    return traverse_refs(refs, 6, visit, arg);
}

static void ac_clear(RObject *o)
{
    AsCompleted *a = (AsCompleted *)o;
    R_CLEAR(a->fs);
    R_CLEAR(a->todo);
    R_CLEAR(a->done);
    R_CLEAR(a->timeout_handle);
}

static RObject *gen_repr(RObject *self)
{
    return r_str_from_format("<generator object as_completed at %p>", (void *)self);
}

static const r_method_def gen_methods[] = {
    {"close", gen_close, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_as_completed_gen_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "generator",
    .basicsize = sizeof(AsCompleted),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = ac_dealloc,
    .traverse = ac_traverse,
    .clear = ac_clear,
    .repr = gen_repr,
    .getattro = r_generic_getattr,
    .iter = gen_self,
    .iternext = gen_next,
    .methods = gen_methods,
};

/* ---- 3.13: _AsCompletedIterator ---- */

static RObject *iter_next(RObject *self)
{
    AsCompleted *a = (AsCompleted *)self;
    if (a->left <= 0)
        return NULL;
    a->left--;
    return wait_for_one(a, true);
}

typedef struct {
    AioCoro base;
    AsCompleted *a;
} Anext;

static aio_step anext_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    Anext *n = (Anext *)c;
    if (c->state == 0) {
        if (n->a->left <= 0) {
            r_err_set_object(r_exc_StopAsyncIteration, NULL);
            return AIO_RAISE;
        }
        n->a->left--;
        RObject *w = wait_for_one(n->a, false);
        if (!w)
            return AIO_RAISE;
        c->state = 1;
        *out = w;
        return AIO_AWAIT;
    }
    if (exc) {
        r_err_restore(r_incref(exc));
        return AIO_RAISE;
    }
    *out = r_incref(value);
    return AIO_RETURN;
}

static const aio_coro_def anext_def = {"__anext__", "_AsCompletedIterator.__anext__",
                                       sizeof(Anext), anext_step, AIO_CORO_REFS(Anext, a),
                                       NULL};

static RObject *iter_aiter(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("__aiter__", kw) < 0 || r_check_nargs("__aiter__", nargs, 0, 0) < 0)
        return NULL;
    return r_incref(self);
}

static RObject *iter_anext(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("__anext__", kw) < 0 || r_check_nargs("__anext__", nargs, 0, 0) < 0)
        return NULL;
    Anext *n = (Anext *)aio_coro_new(&anext_def);
    if (n)
        n->a = (AsCompleted *)r_incref(self);
    return (RObject *)n;
}

static const r_method_def iter_methods[] = {
    {"__aiter__", iter_aiter, 0, NULL},
    {"__anext__", iter_anext, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_as_completed_iter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_AsCompletedIterator",
    .basicsize = sizeof(AsCompleted),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = ac_dealloc,
    .traverse = ac_traverse,
    .clear = ac_clear,
    .getattro = r_generic_getattr,
    .iter = gen_self,
    .iternext = iter_next,
    .methods = iter_methods,
};

/* inspect.isawaitable */
static int isawaitable(RObject *o)
{
    return R_TYPE(o)->am_await || r_type_lookup(R_TYPE(o), r_str_intern("__await__"));
}

static RObject *f_as_completed(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"fs", NULL};
    static const char *const kw38[] = {"loop", "timeout", NULL};
    static const char *const kw310[] = {"timeout", NULL};
    bool with_loop = r_profile.minor <= 9;
    aio_sig sig = {"as_completed", pos, 1, with_loop ? kw38 : kw310, NULL, NULL, false};
    RObject *out[3] = {NULL, NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    RObject *timeout = with_loop ? out[2] : out[1];
    if (as_completed_is_iterator()) {
        if (isawaitable(out[0])) {
            RObject *tn = aio_type_name(out[0]);
            if (tn)
                r_err_format(r_exc_TypeError, "expects an iterable of awaitables, not %U", tn);
            R_XDECREF(tn);
            return NULL;
        }
    }
    AsCompleted *a = (AsCompleted *)r_alloc(as_completed_is_iterator()
                                                ? &r_aio_as_completed_iter_type
                                                : &r_aio_as_completed_gen_type);
    if (!a)
        return NULL;
    a->fs = r_incref(out[0]);
    a->timeout = r_incref(timeout ? timeout : R_NONE);
    a->loop_arg = with_loop && out[1] ? r_incref(out[1]) : NULL;
    if (as_completed_is_iterator()) {
        a->started = true;
        if (setup(a) < 0)
            R_CLEAR(a);
    }
    return (RObject *)a;
}

const r_method_def aio_as_completed_functions[] = {
    {"as_completed", f_as_completed, 0, NULL},
    {NULL, NULL, 0, NULL},
};
