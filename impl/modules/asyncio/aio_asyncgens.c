/* The event loop and asynchronous generators (Lib/asyncio/base_events.py):
 * while it runs, a loop installs sys.set_asyncgen_hooks so that each
 * async generator first iterated in it joins the loop's _asyncgens, and
 * one that dies unfinished is closed by a task the loop schedules
 * (aclose() through call_soon_threadsafe); shutdown_asyncgens() closes
 * those left when the program ends. */
#include "aio.h"
#include "aio_coro.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "gen.h"
#include "intobject.h"
#include "listobject.h"
#include "strobject.h"
#include "warnings.h"

/* _asyncgen_firstiter_hook(agen) */
static RObject *firstiter_hook(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("_asyncgen_firstiter_hook", kw) < 0 ||
        r_check_nargs("_asyncgen_firstiter_hook", nargs, 1, 1) < 0)
        return NULL;
    AioLoop *L = (AioLoop *)self;
    RObject *agen = args[0];
    if (L->asyncgens_shutdown_called) {
        RObject *msg = r_str_from_format("asynchronous generator %R was scheduled after "
                                         "loop.shutdown_asyncgens() call",
                                         agen);
        int rc = msg ? r_warn(r_exc_ResourceWarning, msg, 1, self) : -1;
        R_XDECREF(msg);
        if (rc < 0)
            return NULL;
    }
    if (R_TYPE(agen) == &r_async_generator_type && r_agen_set_add(&L->asyncgens, agen) < 0)
        return NULL;
    R_RETURN_NONE;
}

/* _asyncgen_finalizer_hook(agen) */
static RObject *finalizer_hook(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("_asyncgen_finalizer_hook", kw) < 0 ||
        r_check_nargs("_asyncgen_finalizer_hook", nargs, 1, 1) < 0)
        return NULL;
    AioLoop *L = (AioLoop *)self;
    RObject *agen = args[0];
    if (R_TYPE(agen) == &r_async_generator_type)
        r_agen_set_discard(&L->asyncgens, agen);
    if (L->closed)
        R_RETURN_NONE;
    /* self.call_soon_threadsafe(self.create_task, agen.aclose()) */
    RObject *aclose = r_call_method(agen, "aclose", NULL, 0);
    RObject *create_task = aclose ? r_getattr_cstr(self, "create_task") : NULL;
    RObject *argv[2] = {create_task, aclose};
    RObject *r = create_task ? r_call_method(self, "call_soon_threadsafe", argv, 2) : NULL;
    R_XDECREF(create_task);
    R_XDECREF(aclose);
    return r;
}

static const r_method_def firstiter_def = {"_asyncgen_firstiter_hook", firstiter_hook, 0, NULL};
static const r_method_def finalizer_def = {"_asyncgen_finalizer_hook", finalizer_hook, 0, NULL};

int aio_loop_install_asyncgen_hooks(AioLoop *L)
{
    RObject *firstiter, *finalizer;
    r_asyncgen_get_hooks(&firstiter, &finalizer);
    RObject *first = r_cfunction_new(&firstiter_def, (RObject *)L, NULL);
    RObject *fin = first ? r_cfunction_new(&finalizer_def, (RObject *)L, NULL) : NULL;
    if (!fin) {
        R_XDECREF(first);
        return -1;
    }
    /* self._old_agen_hooks = sys.get_asyncgen_hooks() */
    R_XINCREF(firstiter);
    R_XINCREF(finalizer);
    R_SETREF(L->saved_firstiter, firstiter);
    R_SETREF(L->saved_finalizer, finalizer);
    r_asyncgen_set_hooks(first, fin);
    R_DECREF(first);
    R_DECREF(fin);
    return 0;
}

void aio_loop_restore_asyncgen_hooks(AioLoop *L)
{
    r_asyncgen_set_hooks(L->saved_firstiter, L->saved_finalizer);
    R_CLEAR(L->saved_firstiter);
    R_CLEAR(L->saved_finalizer);
}

/* ---- shutdown_asyncgens(): close every generator still in _asyncgens ---- */

typedef struct {
    AioCoro base;
    RObject *loop;
    RObject *closing; /* the list of generators being closed */
} ShutdownAsyncgens;

/* an error closing one is reported, not raised */
static int report_close_errors(ShutdownAsyncgens *s, RObject *results)
{
    for (ssize_t i = 0; i < R_LIST_SIZE(s->closing) && i < r_length(results); i++) {
        RObject *index = r_int_from_i64(i);
        RObject *result = index ? r_getitem(results, index) : NULL;
        R_XDECREF(index);
        if (!result)
            return -1;
        if (r_typecheck(result, r_exc_Exception)) {
            RObject *agen = R_LIST_ITEMS(s->closing)[i];
            RObject *msg = r_str_from_format("an error occurred during closing of asynchronous "
                                             "generator %R",
                                             agen);
            RObject *context = msg ? r_dict_new() : NULL;
            if (!context || r_dict_set_item_cstr(context, "message", msg) < 0 ||
                r_dict_set_item_cstr(context, "exception", result) < 0 ||
                r_dict_set_item_cstr(context, "asyncgen", agen) < 0) {
                R_XDECREF(context);
                R_XDECREF(msg);
                R_DECREF(result);
                return -1;
            }
            aio_call_exception_handler(s->loop, context);
            R_DECREF(context);
            R_DECREF(msg);
        }
        R_DECREF(result);
    }
    return 0;
}

static aio_step shutdown_asyncgens_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    ShutdownAsyncgens *s = (ShutdownAsyncgens *)c;
    AioLoop *L = (AioLoop *)s->loop;
    if (c->state == 0) {
        L->asyncgens_shutdown_called = true;
        if (L->asyncgens.n == 0) {
            *out = r_incref(R_NONE);
            return AIO_RETURN;
        }
        /* closing_agens = list(self._asyncgens); self._asyncgens.clear() */
        s->closing = r_agen_set_take_all(&L->asyncgens);
        if (!s->closing)
            return AIO_RAISE;
        /* await tasks.gather(*[ag.aclose() for ag in closing_agens],
         *                    return_exceptions=True) */
        ssize_t n = R_LIST_SIZE(s->closing);
        RObject *acloses = r_list_new(0);
        for (ssize_t i = 0; acloses && i < n; i++) {
            RObject *a = r_call_method(R_LIST_ITEMS(s->closing)[i], "aclose", NULL, 0);
            if (!a || r_list_append(acloses, a) < 0)
                R_CLEAR(acloses);
            R_XDECREF(a);
        }
        RObject *gathered = acloses ? aio_gather(R_LIST_ITEMS(acloses), (size_t)n, true,
                                                 r_profile.minor < 10 ? s->loop : NULL)
                                    : NULL;
        R_XDECREF(acloses);
        if (!gathered)
            return AIO_RAISE;
        c->state = 1;
        *out = gathered;
        return AIO_AWAIT;
    }
    if (exc) {
        r_err_restore(r_incref(exc));
        return AIO_RAISE;
    }
    if (report_close_errors(s, value) < 0)
        return AIO_RAISE;
    *out = r_incref(R_NONE);
    return AIO_RETURN;
}

static const aio_coro_def shutdown_asyncgens_def = {
    "shutdown_asyncgens", "BaseEventLoop.shutdown_asyncgens", sizeof(ShutdownAsyncgens),
    shutdown_asyncgens_step, AIO_CORO_REFS(ShutdownAsyncgens, closing),
    &aio_src_shutdown_asyncgens};

RObject *aio_loop_shutdown_asyncgens(RObject *loop)
{
    ShutdownAsyncgens *s = (ShutdownAsyncgens *)aio_coro_new(&shutdown_asyncgens_def);
    if (s)
        s->loop = r_incref(loop);
    return (RObject *)s;
}
