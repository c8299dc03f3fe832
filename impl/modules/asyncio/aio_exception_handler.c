/* base_events.py's exception handling: call_exception_handler,
 * default_exception_handler and its log record. asyncio's logger is
 * logging.getLogger('asyncio') and refpy has no logging configuration, so
 * a record reaches logging.lastResort: the bare message on sys.stderr,
 * then, with exc_info, the formatted traceback. */
#include "aio.h"
#include "aio_args.h"
#include "builtins.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "listobject.h"
#include "log_last_resort.h"
#include "moduleobject.h"
#include "profile.h"
#include "strobject.h"
#include "traceback_print.h"
#include "tupleobject.h"

void aio_log_error(RObject *message, RObject *exc)
{
    r_log_last_resort(message, exc);
}

static int default_handler_of_dict(RObject *loop, RObject *context);

/* default_exception_handler(context): a context that is not a dict goes
 * through context.get('message') first, as the Python code starts, so one
 * without get fails there; another mapping is read as dict(context) */
static int default_exception_handler(RObject *loop, RObject *context)
{
    if (R_TYPE(context) == &r_dict_type)
        return default_handler_of_dict(loop, context);
    RObject *key = r_str_intern("message");
    RObject *probe = r_call_method(context, "get", &key, 1);
    if (!probe)
        return -1;
    R_DECREF(probe);
    RObject *copy = r_call((RObject *)&r_dict_type, &context, 1, NULL);
    if (!copy)
        return -1;
    int rc = default_handler_of_dict(loop, copy);
    R_DECREF(copy);
    return rc;
}

static int default_handler_of_dict(RObject *loop, RObject *context)
{
    RObject *message = r_dict_get_item_cstr(context, "message");
    int truthy = message ? r_is_true(message) : 0;
    if (truthy < 0)
        return -1;
    if (!truthy)
        message = r_str_intern("Unhandled exception in event loop");
    RObject *exception = r_dict_get_item_cstr(context, "exception");
    if (exception == R_NONE)
        exception = NULL;
    if (!r_dict_get_item_cstr(context, "source_traceback") && AIO_LOOP_CHECK(loop)) {
        AioHandle *current = (AioHandle *)((AioLoop *)loop)->current_handle;
        RObject *tb = current ? aio_handle_source_traceback(current) : NULL;
        if (tb && R_LIST_SIZE(tb) > 0 && r_dict_set_item_cstr(context, "handle_traceback", tb) < 0)
            return -1;
    }
    RObject *lines = r_list_new(0);
    if (!lines)
        return -1;
    RObject *text = r_str(message);
    if (!text || r_list_append(lines, text) < 0)
        goto fail;
    R_CLEAR(text);
    /* for key in sorted(context) */
    RObject *keys = r_sequence_list(context);
    if (!keys)
        goto fail;
    if (r_list_sort(keys, NULL, false) < 0) {
        R_DECREF(keys);
        goto fail;
    }
    for (ssize_t i = 0; i < R_LIST_SIZE(keys); i++) {
        RObject *key = R_LIST_ITEMS(keys)[i];
        if (r_str_equal_cstr(key, "message") || r_str_equal_cstr(key, "exception"))
            continue;
        RObject *value = r_dict_get_item(context, key);
        if (!value)
            continue;
        RObject *shown;
        if (r_str_equal_cstr(key, "source_traceback") || r_str_equal_cstr(key, "handle_traceback")) {
            RObject *tb = aio_format_stack(value);
            RObject *stripped = tb ? r_call_method(tb, "rstrip", NULL, 0) : NULL;
            R_XDECREF(tb);
            shown = stripped ? r_str_from_format("%s created at (most recent call last):\n%U",
                                                 r_str_equal_cstr(key, "source_traceback")
                                                     ? "Object"
                                                     : "Handle",
                                                 stripped)
                             : NULL;
            R_XDECREF(stripped);
        } else {
            shown = r_repr(value);
        }
        RObject *line = shown ? r_str_from_format("%U: %U", key, shown) : NULL;
        R_XDECREF(shown);
        if (!line || r_list_append(lines, line) < 0) {
            R_XDECREF(line);
            R_DECREF(keys);
            goto fail;
        }
        R_DECREF(line);
    }
    R_DECREF(keys);
    RObject *joined = r_str_join(r_str_intern("\n"), lines);
    R_DECREF(lines);
    if (!joined)
        return -1;
    aio_log_error(joined, exception);
    R_DECREF(joined);
    return 0;
fail:
    R_XDECREF(text);
    R_DECREF(lines);
    return -1;
}

/* logger.error(msg, exc_info=True): the exception being handled */
static void log_current_error(const char *msg)
{
    RObject *exc = r_err_fetch();
    RObject *m = r_str_from_cstr(msg);
    if (m)
        aio_log_error(m, exc);
    R_XDECREF(m);
    R_XDECREF(exc);
    r_err_clear();
}

static bool is_interrupt(void)
{
    return r_err_matches(r_exc_SystemExit) || r_err_matches(r_exc_KeyboardInterrupt);
}

/* call_exception_handler for refpy's loop; -1 only for SystemExit and
 * KeyboardInterrupt, which it lets through as CPython does */
static int call_handler(AioLoop *L, RObject *context)
{
    if (!L->exception_handler) {
        if (default_exception_handler((RObject *)L, context) == 0)
            return 0;
        if (is_interrupt())
            return -1;
        /* second protection layer for errors in the default handler */
        log_current_error("Exception in default exception handler");
        return 0;
    }
    RObject *argv[2] = {(RObject *)L, context};
    RObject *r = r_call(L->exception_handler, argv, 2, NULL);
    if (r) {
        R_DECREF(r);
        return 0;
    }
    if (is_interrupt())
        return -1;
    /* an exception in the user's handler: the default one reports it */
    RObject *exc = r_err_fetch();
    RObject *ctx = r_dict_new();
    if (ctx && r_dict_set_item_cstr(ctx, "message",
                                    r_str_intern("Unhandled error in exception handler")) == 0 &&
        r_dict_set_item_cstr(ctx, "exception", exc) == 0 &&
        r_dict_set_item_cstr(ctx, "context", context) == 0 &&
        default_exception_handler((RObject *)L, ctx) < 0) {
        if (is_interrupt()) {
            R_DECREF(ctx);
            R_DECREF(exc);
            return -1;
        }
        log_current_error("Exception in default exception handler while handling an "
                          "unexpected error in custom exception handler");
    }
    r_err_clear();
    R_XDECREF(ctx);
    R_DECREF(exc);
    return 0;
}

void aio_call_exception_handler(RObject *loop, RObject *context)
{
    RObject *saved = r_err_fetch();
    if (AIO_LOOP_CHECK(loop)) {
        call_handler((AioLoop *)loop, context);
    } else {
        RObject *r = r_call_method(loop, "call_exception_handler", &context, 1);
        R_XDECREF(r);
    }
    r_err_clear();
    r_err_restore(saved);
}

/* ---- the Python methods ---- */

static RObject *m_call_exception_handler(RObject *self, RObject *const *args, size_t nargs,
                                         RObject *kw)
{
    static const char *const pos[] = {"context", NULL};
    aio_sig sig = {"BaseEventLoop.call_exception_handler", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    if (call_handler((AioLoop *)self, out[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *m_default_exception_handler(RObject *self, RObject *const *args, size_t nargs,
                                            RObject *kw)
{
    static const char *const pos[] = {"context", NULL};
    aio_sig sig = {"BaseEventLoop.default_exception_handler", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    if (default_exception_handler(self, out[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *m_set_exception_handler(RObject *self, RObject *const *args, size_t nargs,
                                        RObject *kw)
{
    static const char *const pos[] = {"handler", NULL};
    aio_sig sig = {"BaseEventLoop.set_exception_handler", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    if (out[0] != R_NONE && !R_TYPE(out[0])->call)
        return r_err_format(r_exc_TypeError, "A callable object or None is expected, got %R",
                            out[0]);
    AioLoop *L = (AioLoop *)self;
    R_SETREF(L->exception_handler, out[0] == R_NONE ? NULL : r_incref(out[0]));
    R_RETURN_NONE;
}

static RObject *m_get_exception_handler(RObject *self, RObject *const *args, size_t nargs,
                                        RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("get_exception_handler", kw) < 0 ||
        r_check_nargs("get_exception_handler", nargs, 0, 0) < 0)
        return NULL;
    AioLoop *L = (AioLoop *)self;
    return r_incref(L->exception_handler ? L->exception_handler : R_NONE);
}

const r_method_def aio_exception_handler_methods[] = {
    {"call_exception_handler", m_call_exception_handler, 0, NULL},
    {"default_exception_handler", m_default_exception_handler, 0, NULL},
    {"set_exception_handler", m_set_exception_handler, 0, NULL},
    {"get_exception_handler", m_get_exception_handler, 0, NULL},
    {NULL, NULL, 0, NULL},
};
