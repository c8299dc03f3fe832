/* base_events.py's BaseEventLoop (with the selector loop's self-pipe role
 * played by aio_poll.c): the ready queue, the timer heap, _run_once,
 * run_forever, run_until_complete, stop and close, and the scheduling
 * methods. The loop type is _UnixSelectorEventLoop, as CPython's default
 * policy makes on Linux. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aio.h"
#include "aio_args.h"
#include "boolobject.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "gc.h"
#include "intobject.h"
#include "profile.h"
#include "strobject.h"
#include "thread.h"
#include "tupleobject.h"
#include "typeobject.h"

/* base_events.py's constants */
#define MIN_SCHEDULED_TIMER_HANDLES 100
#define MIN_CANCELLED_TIMER_HANDLES_FRACTION 0.5
#define MAXIMUM_SELECT_TIMEOUT (24 * 3600)
/* time.get_clock_info('monotonic').resolution on Linux */
#define CLOCK_RESOLUTION 1e-09

double aio_time(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- _ready: a deque of handles ---- */

static int ready_append(AioLoop *L, AioHandle *h)
{
    if (L->ready_len == L->ready_cap) {
        size_t cap = L->ready_cap ? L->ready_cap * 2 : 64;
        AioHandle **ring = malloc(cap * sizeof *ring);
        if (!ring) {
            r_err_no_memory();
            return -1;
        }
        for (size_t i = 0; i < L->ready_len; i++)
            ring[i] = L->ready[(L->ready_head + i) % L->ready_cap];
        free(L->ready);
        L->ready = ring;
        L->ready_cap = cap;
        L->ready_head = 0;
    }
    L->ready[(L->ready_head + L->ready_len) % L->ready_cap] = (AioHandle *)r_incref((RObject *)h);
    L->ready_len++;
    return 0;
}

static AioHandle *ready_popleft(AioLoop *L)
{
    AioHandle *h = L->ready[L->ready_head];
    L->ready_head = (L->ready_head + 1) % L->ready_cap;
    L->ready_len--;
    return h;
}

static void ready_clear(AioLoop *L)
{
    while (L->ready_len) {
        aio_handle_release(ready_popleft(L));
    }
}

/* ---- _scheduled: heapq's algorithms (Modules/_heapqmodule.c), with
 * TimerHandle.__lt__ comparing _when ---- */

static bool timer_lt(AioHandle *a, AioHandle *b)
{
    return AIO_TIMER(a)->when < AIO_TIMER(b)->when;
}

static void siftdown(AioHandle **heap, size_t startpos, size_t pos)
{
    AioHandle *newitem = heap[pos];
    while (pos > startpos) {
        size_t parentpos = (pos - 1) >> 1;
        AioHandle *parent = heap[parentpos];
        if (!timer_lt(newitem, parent))
            break;
        heap[pos] = parent;
        pos = parentpos;
    }
    heap[pos] = newitem;
}

static void siftup(AioHandle **heap, size_t endpos, size_t pos)
{
    size_t startpos = pos;
    AioHandle *newitem = heap[pos];
    size_t childpos = 2 * pos + 1;
    while (childpos < endpos) {
        size_t rightpos = childpos + 1;
        if (rightpos < endpos && !timer_lt(heap[childpos], heap[rightpos]))
            childpos = rightpos;
        heap[pos] = heap[childpos];
        pos = childpos;
        childpos = 2 * pos + 1;
    }
    heap[pos] = newitem;
    siftdown(heap, startpos, pos);
}

static int heap_push(AioLoop *L, AioHandle *h)
{
    if (L->nscheduled == L->scheduled_cap) {
        size_t cap = L->scheduled_cap ? L->scheduled_cap * 2 : 64;
        AioHandle **heap = realloc(L->scheduled, cap * sizeof *heap);
        if (!heap) {
            r_err_no_memory();
            return -1;
        }
        L->scheduled = heap;
        L->scheduled_cap = cap;
    }
    L->scheduled[L->nscheduled++] = (AioHandle *)r_incref((RObject *)h);
    siftdown(L->scheduled, 0, L->nscheduled - 1);
    return 0;
}

/* heappop: a reference the caller owns */
static AioHandle *heap_pop(AioLoop *L)
{
    AioHandle *last = L->scheduled[--L->nscheduled];
    if (L->nscheduled == 0)
        return last;
    AioHandle *top = L->scheduled[0];
    L->scheduled[0] = last;
    siftup(L->scheduled, L->nscheduled, 0);
    return top;
}

static void heapify(AioLoop *L)
{
    for (size_t i = L->nscheduled / 2; i-- > 0;)
        siftup(L->scheduled, L->nscheduled, i);
}

static void scheduled_clear(AioLoop *L)
{
    while (L->nscheduled) {
        AioHandle *h = L->scheduled[--L->nscheduled];
        R_DECREF(h);
    }
}

/* ---- checks ---- */

int aio_loop_check_closed(AioLoop *L)
{
    if (L->closed) {
        r_err_set_string(r_exc_RuntimeError, "Event loop is closed");
        return -1;
    }
    return 0;
}

static int check_thread(AioLoop *L)
{
    if (!L->running)
        return 0;
    if (r_thread_ident() != L->thread_id) {
        r_err_set_string(r_exc_RuntimeError,
                         "Non-thread-safe operation invoked on an event loop other than the "
                         "current one");
        return -1;
    }
    return 0;
}


static int check_callback(RObject *callback, const char *method)
{
    int coro = aio_iscoroutine(callback);
    if (coro == 0)
        coro = aio_iscoroutinefunction(callback);
    if (coro < 0)
        return -1;
    if (coro) {
        r_err_format(r_exc_TypeError, "coroutines cannot be used with %s()", method);
        return -1;
    }
    if (!R_TYPE(callback)->call) {
        r_err_format(r_exc_TypeError, "a callable object was expected by %s(), got %R", method,
                     callback);
        return -1;
    }
    return 0;
}

static int check_running(AioLoop *L)
{
    if (L->running) {
        r_err_set_string(r_exc_RuntimeError, "This event loop is already running");
        return -1;
    }
    if (aio_get_running_loop_borrowed()) {
        r_err_set_string(r_exc_RuntimeError,
                         "Cannot run the event loop while another loop is running");
        return -1;
    }
    return 0;
}

/* ---- scheduling ---- */

/* owned: the loop's own scheduling, whose handle nobody else gets (aio.h) */
static RObject *call_soon_impl(AioLoop *L, RObject *callback, RObject *const *args,
                               size_t nargs, RObject *context, const char *method,
                               bool threadsafe, bool owned)
{
    if (aio_loop_check_closed(L) < 0)
        return NULL;
    if (L->debug) {
        if (!threadsafe && check_thread(L) < 0)
            return NULL;
        if (check_callback(callback, method) < 0)
            return NULL;
    }
    AioHandle *h =
        aio_handle_new(&r_aio_handle_type, callback, args, nargs, (RObject *)L, context);
    if (!h)
        return NULL;
    if (owned)
        aio_handle_own(h);
    if (ready_append(L, h) < 0) {
        R_DECREF(h);
        return NULL;
    }
    if (threadsafe)
        aio_poll_wakeup(L); /* _write_to_self() */
    return (RObject *)h;
}

static RObject *call_at_impl(AioLoop *L, RObject *when, RObject *callback,
                             RObject *const *args, size_t nargs, RObject *context)
{
    if (when == R_NONE) {
        if (r_profile.minor >= 11)
            return r_err_format(r_exc_TypeError, "when cannot be None");
        /* TimerHandle.__init__'s `assert when is not None` */
        return r_err_format(r_exc_AssertionError, "");
    }
    double w;
    if (R_FLOAT_CHECK(when))
        w = r_float_as_double(when);
    else if (R_INT_CHECK(when))
        w = r_int_as_double(when);
    else
        return r_err_format(r_exc_TypeError, "'<' not supported between instances of '%s' and "
                                             "'float'",
                            R_TYPE(when)->name);
    if (w == -1.0 && r_err_occurred())
        return NULL;
    if (aio_loop_check_closed(L) < 0)
        return NULL;
    if (L->debug && (check_thread(L) < 0 || check_callback(callback, "call_at") < 0))
        return NULL;
    AioHandle *h =
        aio_handle_new(&r_aio_timer_handle_type, callback, args, nargs, (RObject *)L, context);
    if (!h)
        return NULL;
    AIO_TIMER(h)->when = w;
    AIO_TIMER(h)->when_obj = r_incref(when);
    if (heap_push(L, h) < 0) {
        R_DECREF(h);
        return NULL;
    }
    h->scheduled = true;
    return (RObject *)h;
}

RObject *aio_call_soon(RObject *loop, RObject *callback, RObject *const *args, size_t nargs,
                       RObject *context)
{
    RObject *res = NULL;
    if (AIO_LOOP_CHECK(loop)) {
        res = call_soon_impl((AioLoop *)loop, callback, args, nargs, context, "call_soon", false,
                             false);
    } else {
        /* any other loop: loop.call_soon(callback, *args, context=context) */
        RObject *meth = r_getattr_cstr(loop, "call_soon");
        res = NULL;
        if (meth) {
            RObject **argv = malloc((nargs + 2) * sizeof *argv);
            RObject *kw = context ? r_tuple_pack(1, r_str_intern("context")) : NULL;
            if (argv && (kw || !context)) {
                argv[0] = callback;
                for (size_t i = 0; i < nargs; i++)
                    argv[i + 1] = args[i];
                argv[nargs + 1] = context;
                res = r_call(meth, argv, nargs + 1, kw);
            } else if (!argv) {
                r_err_no_memory();
            }
            free(argv);
            R_XDECREF(kw);
            R_DECREF(meth);
        }
    }
    return res;
}

int aio_call_soon1(RObject *loop, RObject *func, RObject *arg, RObject *ctx)
{
    RObject *h = AIO_LOOP_CHECK(loop)
                     ? call_soon_impl((AioLoop *)loop, func, arg ? &arg : NULL, arg ? 1 : 0, ctx,
                                      "call_soon", false, true)
                     : aio_call_soon(loop, func, arg ? &arg : NULL, arg ? 1 : 0, ctx);
    if (!h)
        return -1;
    R_DECREF(h);
    return 0;
}

RObject *aio_call_at(RObject *loop, RObject *when, RObject *callback, RObject *const *args,
                     size_t nargs)
{
    RObject *res = NULL;
    if (AIO_LOOP_CHECK(loop)) {
        res = call_at_impl((AioLoop *)loop, when, callback, args, nargs, NULL);
    } else {
        RObject **argv = malloc((nargs + 2) * sizeof *argv);
        res = NULL;
        if (argv) {
            argv[0] = when;
            argv[1] = callback;
            for (size_t i = 0; i < nargs; i++)
                argv[i + 2] = args[i];
            res = r_call_method(loop, "call_at", argv, nargs + 2);
            free(argv);
        }
    }
    return res;
}

RObject *aio_call_later(RObject *loop, double delay, RObject *callback, RObject *const *args,
                        size_t nargs)
{
    double now;
    if (AIO_LOOP_CHECK(loop)) {
        now = aio_time();
    } else {
        RObject *t = r_call_method(loop, "time", NULL, 0);
        if (!t)
            return NULL;
        now = R_FLOAT_CHECK(t) ? r_float_as_double(t) : r_int_as_double(t);
        R_DECREF(t);
    }
    RObject *when = r_float_from_double(now + delay);
    if (!when)
        return NULL;
    RObject *res = aio_call_at(loop, when, callback, args, nargs);
    R_DECREF(when);
    return res;
}

void aio_loop_timer_handle_cancelled(RObject *loop, AioHandle *h)
{
    if (AIO_LOOP_CHECK(loop)) {
        if (h->scheduled)
            ((AioLoop *)loop)->timer_cancelled_count++;
        return;
    }
    RObject *arg = (RObject *)h;
    RObject *r = r_call_method(loop, "_timer_handle_cancelled", &arg, 1);
    if (r)
        R_DECREF(r);
    else
        r_err_clear();
}

int aio_loop_get_debug(RObject *loop)
{
    if (AIO_LOOP_CHECK(loop))
        return ((AioLoop *)loop)->debug;
    RObject *r = r_call_method(loop, "get_debug", NULL, 0);
    if (!r)
        return -1;
    int t = r_is_true(r);
    R_DECREF(r);
    return t;
}

bool aio_loop_is_closed(RObject *loop)
{
    if (AIO_LOOP_CHECK(loop))
        return ((AioLoop *)loop)->closed;
    RObject *r = r_call_method(loop, "is_closed", NULL, 0);
    if (!r) {
        r_err_clear();
        return false;
    }
    int t = r_is_true(r);
    R_DECREF(r);
    return t > 0;
}

/* ---- one iteration ---- */

/* base_events._format_handle, for the slow-callback warning */
static RObject *format_handle(AioHandle *h)
{
    RObject *cb = h->callback;
    RObject *owner = NULL;
    if (cb && r_lookup_attr(cb, r_str_intern("__self__"), &owner) < 0)
        r_err_clear();
    RObject *res = owner && AIO_TASK_CHECK(owner) ? r_repr(owner) : r_str((RObject *)h);
    R_XDECREF(owner);
    return res;
}

static int run_handle(AioLoop *L, AioHandle *h)
{
    if (!L->debug)
        return aio_handle_run(h);
    R_SETREF(L->current_handle, r_incref((RObject *)h));
    double t0 = aio_time();
    int rc = aio_handle_run(h);
    double dt = aio_time() - t0;
    RObject *exc = r_err_fetch();
    if (dt >= L->slow_callback_duration) {
        /* logger.warning('Executing %s took %.3f seconds', ...) */
        RObject *what = format_handle(h);
        char secs[32];
        snprintf(secs, sizeof secs, "%.3f", dt);
        RObject *msg = what ? r_str_from_format("Executing %U took %s seconds", what, secs) : NULL;
        if (msg)
            aio_log_error(msg, NULL);
        r_err_clear();
        R_XDECREF(msg);
        R_XDECREF(what);
    }
    R_CLEAR(L->current_handle);
    r_err_restore(exc);
    return rc;
}

int aio_loop_run_once(AioLoop *L)
{
    size_t sched_count = L->nscheduled;
    if (sched_count > MIN_SCHEDULED_TIMER_HANDLES &&
        (double)L->timer_cancelled_count / (double)sched_count >
            MIN_CANCELLED_TIMER_HANDLES_FRACTION) {
        /* remove delayed calls that were cancelled if their number is too high */
        size_t kept = 0;
        for (size_t i = 0; i < L->nscheduled; i++) {
            AioHandle *h = L->scheduled[i];
            if (h->cancelled) {
                h->scheduled = false;
                R_DECREF(h);
            } else {
                L->scheduled[kept++] = h;
            }
        }
        L->nscheduled = kept;
        heapify(L);
        L->timer_cancelled_count = 0;
    } else {
        /* remove delayed calls that were cancelled from head of queue */
        while (L->nscheduled && L->scheduled[0]->cancelled) {
            L->timer_cancelled_count--;
            AioHandle *h = heap_pop(L);
            h->scheduled = false;
            R_DECREF(h);
        }
    }

    double timeout = -1; /* None */
    if (L->ready_len || L->stopping) {
        timeout = 0;
    } else if (L->nscheduled) {
        double t = AIO_TIMER(L->scheduled[0])->when - aio_time();
        if (r_profile.minor >= 13) {
            /* 3.13: `if timeout > MAX: MAX elif timeout < 0: 0` */
            timeout = t > MAXIMUM_SELECT_TIMEOUT ? MAXIMUM_SELECT_TIMEOUT : t < 0 ? 0 : t;
        } else {
            /* min(max(0, when - time()), MAX): max(0, nan) is 0 */
            timeout = t > 0 ? t : 0;
            if (timeout > MAXIMUM_SELECT_TIMEOUT)
                timeout = MAXIMUM_SELECT_TIMEOUT;
        }
        if (isnan(timeout))
            timeout = 0;
    }
    /* selector.select(timeout): with nothing to poll but the self-pipe,
     * a zero timeout can only drain wake-up bytes, which a later poll does
     * as well, so the poll is skipped (no asyncio semantics observe it) */
    if (!L->uv_open) {
        /* close() dropped the selector: self._selector.select(timeout) */
        r_err_format(r_exc_AttributeError, "'NoneType' object has no attribute 'select'");
        return -1;
    }
    if (timeout != 0)
        aio_poll_wait(L, timeout);

    /* handle 'later' callbacks that are ready (the clock is read only when
     * there are some: with none, the time it returns is never used) */
    double end_time = L->nscheduled ? aio_time() + CLOCK_RESOLUTION : 0;
    while (L->nscheduled) {
        AioHandle *h = L->scheduled[0];
        if (AIO_TIMER(h)->when >= end_time)
            break;
        h = heap_pop(L);
        h->scheduled = false;
        int rc = ready_append(L, h);
        R_DECREF(h);
        if (rc < 0)
            return -1;
    }

    /* run the callbacks that were ready when the batch started; those
     * they schedule run in the next iteration */
    size_t ntodo = L->ready_len;
    for (size_t i = 0; i < ntodo && L->ready_len; i++) {
        AioHandle *h = ready_popleft(L);
        if (h->cancelled) {
            aio_handle_release(h);
            continue;
        }
        int rc = run_handle(L, h);
        aio_handle_release(h);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* ---- running ---- */

static int run_forever(AioLoop *L)
{
    int rc = aio_loop_check_closed(L) < 0 || check_running(L) < 0 ? -1 : 0;
    /* 3.13 runs its checks inside the try whose finally cleans up, so a
     * nested run_forever() marks the running loop as stopped */
    if (rc < 0 && r_profile.minor < 13)
        return -1;
    bool hooks = false;
    if (rc == 0) {
        L->thread_id = r_thread_ident();
        L->running = true;
        rc = aio_loop_install_asyncgen_hooks(L);
        hooks = rc == 0;
        if (rc == 0)
            rc = aio_set_running_loop((RObject *)L);
    }
    while (rc == 0) {
        rc = aio_loop_run_once(L);
        if (rc == 0 && L->stopping)
            break;
    }
    RObject *exc = r_err_fetch();
    L->stopping = false;
    L->running = false;
    L->thread_id = 0;
    if (aio_set_running_loop(NULL) < 0)
        r_err_clear();
    if (hooks)
        aio_loop_restore_asyncgen_hooks(L);
    r_err_restore(exc);
    return rc;
}

/* base_events._run_until_complete_cb(fut) */
static RObject *run_until_complete_cb(RObject *self, RObject *const *args, size_t nargs,
                                      RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("_run_until_complete_cb", kw) < 0 ||
        r_check_nargs("_run_until_complete_cb", nargs, 1, 1) < 0)
        return NULL;
    RObject *fut = args[0];
    int cancelled = aio_future_cancelled(fut);
    if (cancelled < 0)
        return NULL;
    if (!cancelled) {
        RObject *exc = aio_future_exception(fut);
        if (!exc)
            return NULL;
        bool interrupt = r_typecheck(exc, r_exc_SystemExit) ||
                         r_typecheck(exc, r_exc_KeyboardInterrupt);
        R_DECREF(exc);
        if (interrupt)
            R_RETURN_NONE; /* run_forever() already finished */
    }
    RObject *loop = aio_future_get_loop(fut);
    if (!loop)
        return NULL;
    RObject *r = r_call_method(loop, "stop", NULL, 0);
    R_DECREF(loop);
    return r;
}

static const r_method_def run_until_complete_cb_def = {"_run_until_complete_cb",
                                                       run_until_complete_cb, 0, NULL};
static RObject *run_until_complete_cb_obj;

static int set_log_destroy_pending_false(RObject *fut)
{
    if (R_TYPE(fut) == &r_aio_task_type) {
        ((AioTask *)fut)->fut.log_destroy_pending = false;
        return 0;
    }
    return r_setattr_cstr(fut, "_log_destroy_pending", R_FALSE);
}

static RObject *run_until_complete(RObject *loop, RObject *future);

RObject *aio_loop_run_until_complete(RObject *loop, RObject *future)
{
    RObject *res = run_until_complete(loop, future);
    if (!res) {
        /* the frame keeps the argument until the traceback goes */
        RObject *locals[] = {loop, future};
        aio_traceback_add("base_events.py", "run_until_complete",
                          AIO_LINE(616, 647, 649, 653, 684, 721), locals, 2);
    }
    return res;
}

static RObject *run_until_complete(RObject *loop, RObject *future)
{
    AioLoop *L = (AioLoop *)loop;
    if (aio_loop_check_closed(L) < 0 || check_running(L) < 0)
        return NULL;
    int isf = aio_isfuture(future);
    if (isf < 0)
        return NULL;
    bool new_task = !isf;
    RObject *fut = aio_ensure_future(future, loop);
    if (!fut)
        return NULL;
    if (new_task && set_log_destroy_pending_false(fut) < 0)
        goto fail;
    if (!run_until_complete_cb_obj) {
        aio_register_c_source(&run_until_complete_cb_def, &aio_src__run_until_complete_cb);
        if (!(run_until_complete_cb_obj = r_cfunction_new(&run_until_complete_cb_def, NULL,
                                                          r_str_intern("asyncio.base_events"))))
            goto fail;
    }
    if (aio_future_add_done_callback(fut, run_until_complete_cb_obj, NULL) < 0)
        goto fail;
    if (run_forever(L) < 0) {
        RObject *exc = r_err_fetch();
        if (new_task && aio_future_done(fut) == 1 && aio_future_cancelled(fut) == 0) {
            /* the coroutine raised a BaseException: consume it so that it
             * is not logged, the caller has no access to the task */
            RObject *e = aio_future_exception(fut);
            R_XDECREF(e);
        }
        r_err_clear();
        if (aio_future_remove_done_callback(fut, run_until_complete_cb_obj) < 0) {
            R_DECREF(exc);
            goto fail;
        }
        r_err_restore(exc);
        goto fail;
    }
    if (aio_future_remove_done_callback(fut, run_until_complete_cb_obj) < 0)
        goto fail;
    int done = aio_future_done(fut);
    if (done < 0)
        goto fail;
    if (!done) {
        r_err_set_string(r_exc_RuntimeError, "Event loop stopped before Future completed.");
        goto fail;
    }
    RObject *res = aio_future_result(fut);
    R_DECREF(fut);
    return res;
fail:
    R_DECREF(fut);
    return NULL;
}

/* ---- construction, close ---- */

static bool is_debug_mode(void)
{
    /* coroutines._is_debug_mode(): -X dev or PYTHONASYNCIODEBUG */
    const char *v = getenv("PYTHONASYNCIODEBUG");
    return v && *v;
}

static AioLoop *live_loops;

AioLoop *aio_live_loops(void)
{
    return live_loops;
}

RObject *aio_loop_new(void)
{
    AioLoop *L = (AioLoop *)r_alloc(&r_aio_loop_type);
    if (!L)
        return NULL;
    L->live_next = live_loops;
    if (live_loops)
        live_loops->live_prev = L;
    live_loops = L;
    L->debug = is_debug_mode();
    L->slow_callback_duration = 0.1;
    L->wakeup_fd = -1;
    if (aio_poll_open(L) < 0) {
        R_DECREF(L);
        return NULL;
    }
    return (RObject *)L;
}

int aio_loop_close(RObject *loop)
{
    AioLoop *L = (AioLoop *)loop;
    if (L->running) {
        r_err_set_string(r_exc_RuntimeError, "Cannot close a running event loop");
        return -1;
    }
    if (L->closed)
        return 0;
    /* BaseSelectorEventLoop.close: the self-pipe goes first */
    aio_poll_close(L);
    L->closed = true;
    ready_clear(L);
    scheduled_clear(L);
    L->executor_shutdown_called = true;
    RObject *executor = L->default_executor;
    if (executor) {
        L->default_executor = NULL;
        RObject *kw = r_tuple_pack(1, r_str_intern("wait"));
        RObject *meth = kw ? r_getattr_cstr(executor, "shutdown") : NULL;
        RObject *argv[1] = {R_FALSE};
        RObject *r = meth ? r_call(meth, argv, 0, kw) : NULL;
        R_XDECREF(meth);
        R_XDECREF(kw);
        R_DECREF(executor);
        if (!r)
            return -1;
        R_DECREF(r);
    }
    return 0;
}

static void loop_dealloc(RObject *o)
{
    AioLoop *L = (AioLoop *)o;
    if (L->live_prev)
        L->live_prev->live_next = L->live_next;
    else if (live_loops == L)
        live_loops = L->live_next;
    if (L->live_next)
        L->live_next->live_prev = L->live_prev;
    ready_clear(L);
    scheduled_clear(L);
    free(L->ready);
    free(L->scheduled);
    aio_poll_close(L);
    R_XDECREF(L->dict);
    R_XDECREF(L->default_executor);
    R_XDECREF(L->exception_handler);
    R_XDECREF(L->task_factory);
    R_XDECREF(L->current_handle);
    R_XDECREF(L->current_task);
    r_agen_set_release(&L->asyncgens); /* weak: the generators forget the loop */
    R_XDECREF(L->saved_firstiter);
    R_XDECREF(L->saved_finalizer);
    r_free(o);
}

static int loop_traverse(RObject *o, r_visitproc visit, void *arg)
{
    AioLoop *L = (AioLoop *)o;
    for (size_t i = 0; i < L->ready_len; i++) {
        AioHandle *h = L->ready[(L->ready_head + i) % L->ready_cap];
        int rc = aio_handle_is_owned(h) ? aio_handle_traverse_owned(h, visit, arg)
                                        : visit((RObject *)h, arg);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < L->nscheduled; i++) {
        int rc = visit((RObject *)L->scheduled[i], arg);
        if (rc)
            return rc;
    }
    return R_VISIT_EACH(visit, arg, L->dict, L->default_executor, L->exception_handler,
                        L->task_factory, L->current_handle, L->current_task);
}

static void loop_clear(RObject *o)
{
    AioLoop *L = (AioLoop *)o;
    ready_clear(L);
    scheduled_clear(L);
    R_CLEAR(L->dict);
    R_CLEAR(L->default_executor);
    R_CLEAR(L->exception_handler);
    R_CLEAR(L->task_factory);
    R_CLEAR(L->current_handle);
    R_CLEAR(L->current_task);
}

static RObject *loop_repr(RObject *o)
{
    AioLoop *L = (AioLoop *)o;
    RObject *cls = aio_type_name(o);
    if (!cls)
        return NULL;
    RObject *res = r_str_from_format("<%U running=%s closed=%s debug=%s>", cls,
                                     L->running ? "True" : "False", L->closed ? "True" : "False",
                                     L->debug ? "True" : "False");
    R_DECREF(cls);
    return res;
}

/* ---- the Python methods ---- */

#define NOARGS(name)                                                                   \
    if (r_check_no_kwargs(name, kw) < 0 || r_check_nargs(name, nargs, 0, 0) < 0) \
        return NULL;                                                                   \
    (void)args;

static RObject *m_time(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    NOARGS("time");
    return r_float_from_double(aio_time());
}

static RObject *call_soon_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw,
                                 const char *qualname, const char *method, bool threadsafe)
{
    static const char *const pos[] = {"callback", NULL};
    static const char *const kwonly[] = {"context", NULL};
    RObject *const *rest;
    size_t nrest;
    aio_sig sig = {qualname, pos, 1, kwonly, &rest, &nrest, false};
    RObject *out[2];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return call_soon_impl((AioLoop *)self, out[0], rest, nrest, out[1], method, threadsafe,
                          false);
}

static RObject *m_call_soon(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return call_soon_method(self, args, nargs, kw, "BaseEventLoop.call_soon", "call_soon",
                            false);
}

static RObject *m_call_soon_threadsafe(RObject *self, RObject *const *args, size_t nargs,
                                       RObject *kw)
{
    return call_soon_method(self, args, nargs, kw, "BaseEventLoop.call_soon_threadsafe",
                            "call_soon_threadsafe", true);
}

static RObject *m_call_at(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"when", "callback", NULL};
    static const char *const kwonly[] = {"context", NULL};
    RObject *const *rest;
    size_t nrest;
    aio_sig sig = {"BaseEventLoop.call_at", pos, 2, kwonly, &rest, &nrest, false};
    RObject *out[3];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return call_at_impl((AioLoop *)self, out[0], out[1], rest, nrest, out[2]);
}

static RObject *m_call_later(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"delay", "callback", NULL};
    static const char *const kwonly[] = {"context", NULL};
    RObject *const *rest;
    size_t nrest;
    aio_sig sig = {"BaseEventLoop.call_later", pos, 2, kwonly, &rest, &nrest, false};
    RObject *out[3];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    if (out[0] == R_NONE && r_profile.minor >= 11)
        return r_err_format(r_exc_TypeError, "delay must not be None");
    /* self.time() + delay, with Python's + */
    RObject *now = r_float_from_double(aio_time());
    RObject *when = now ? r_number_binop(now, out[0], offsetof(RType, nb_add), "+") : NULL;
    R_XDECREF(now);
    if (!when)
        return NULL;
    RObject *h = call_at_impl((AioLoop *)self, when, out[1], rest, nrest, out[2]);
    R_DECREF(when);
    return h;
}

static RObject *m_run_forever(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("run_forever");
    if (run_forever((AioLoop *)self) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *m_run_until_complete(RObject *self, RObject *const *args, size_t nargs,
                                     RObject *kw)
{
    static const char *const pos[] = {"future", NULL};
    aio_sig sig = {"BaseEventLoop.run_until_complete", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return aio_loop_run_until_complete(self, out[0]);
}

static RObject *m_stop(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("stop");
    ((AioLoop *)self)->stopping = true;
    R_RETURN_NONE;
}

static RObject *m_close(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("close");
    if (aio_loop_close(self) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *m_is_running(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("is_running");
    return r_bool_from_long(((AioLoop *)self)->running);
}

static RObject *m_is_closed(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("is_closed");
    return r_bool_from_long(((AioLoop *)self)->closed);
}

static RObject *m_get_debug(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("get_debug");
    return r_bool_from_long(((AioLoop *)self)->debug);
}

static RObject *m_set_debug(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"enabled", NULL};
    aio_sig sig = {"BaseEventLoop.set_debug", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    int t = r_is_true(out[0]);
    if (t < 0)
        return NULL;
    ((AioLoop *)self)->debug = t;
    R_RETURN_NONE;
}

static RObject *m_create_future(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("create_future");
    return aio_future_new(self);
}

RObject *aio_loop_create_future(RObject *loop)
{
    if (AIO_LOOP_CHECK(loop))
        return aio_future_new(loop);
    return r_call_method(loop, "create_future", NULL, 0);
}


static const r_method_def loop_methods[] = {
    {"time", m_time, 0, NULL},
    {"call_soon", m_call_soon, 0, NULL},
    {"call_soon_threadsafe", m_call_soon_threadsafe, 0, NULL},
    {"call_later", m_call_later, 0, NULL},
    {"call_at", m_call_at, 0, NULL},
    {"run_forever", m_run_forever, 0, NULL},
    {"run_until_complete", m_run_until_complete, 0, NULL},
    {"stop", m_stop, 0, NULL},
    {"close", m_close, 0, NULL},
    {"is_running", m_is_running, 0, NULL},
    {"is_closed", m_is_closed, 0, NULL},
    {"get_debug", m_get_debug, 0, NULL},
    {"set_debug", m_set_debug, 0, NULL},
    {"create_future", m_create_future, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static RObject *get_stopping(RObject *o)
{
    return r_bool_from_long(((AioLoop *)o)->stopping);
}

static RObject *get_closed(RObject *o)
{
    return r_bool_from_long(((AioLoop *)o)->closed);
}

static RObject *get_debug_attr(RObject *o)
{
    return r_bool_from_long(((AioLoop *)o)->debug);
}

static RObject *get_thread_id(RObject *o)
{
    AioLoop *L = (AioLoop *)o;
    return L->running ? r_int_from_u64(L->thread_id) : r_incref(R_NONE);
}

static RObject *get_slow_callback_duration(RObject *o)
{
    return r_float_from_double(((AioLoop *)o)->slow_callback_duration);
}

static int set_slow_callback_duration(RObject *o, RObject *v)
{
    if (!v)
        return r_err_format(r_exc_AttributeError, "cannot delete attribute"), -1;
    double d = R_FLOAT_CHECK(v) ? r_float_as_double(v) : r_int_as_double(v);
    if (d == -1.0 && r_err_occurred())
        return -1;
    ((AioLoop *)o)->slow_callback_duration = d;
    return 0;
}

static RObject *get_timer_cancelled_count(RObject *o)
{
    return r_int_from_i64(((AioLoop *)o)->timer_cancelled_count);
}

static RObject *get_default_executor(RObject *o)
{
    AioLoop *L = (AioLoop *)o;
    return r_incref(L->default_executor ? L->default_executor : R_NONE);
}

static const r_getset_def loop_getsets[] = {
    {"_stopping", get_stopping, NULL},
    {"_closed", get_closed, NULL},
    {"_debug", get_debug_attr, NULL},
    {"_thread_id", get_thread_id, NULL},
    {"_timer_cancelled_count", get_timer_cancelled_count, NULL},
    {"_default_executor", get_default_executor, NULL},
    {"slow_callback_duration", get_slow_callback_duration, set_slow_callback_duration},
    {NULL, NULL, NULL},
};

/* events.AbstractEventLoop: the base every loop derives from, so that
 * isinstance(loop, asyncio.AbstractEventLoop) holds */
RType r_aio_abstract_loop_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "AbstractEventLoop",
    .basicsize = sizeof(RObject),
    .flags = R_TPFLAGS_BASETYPE,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .doc = "Abstract event loop.",
};

static RObject *loop_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)type;
    (void)args;
    if (r_check_no_kwargs("_UnixSelectorEventLoop", kw) < 0 ||
        r_check_nargs("_UnixSelectorEventLoop", nargs, 0, 1) < 0)
        return NULL;
    return aio_loop_new();
}

RType r_aio_loop_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_UnixSelectorEventLoop",
    .base = &r_aio_abstract_loop_type,
    .basicsize = sizeof(AioLoop),
    .dictoffset = offsetof(AioLoop, dict),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = loop_dealloc,
    .traverse = loop_traverse,
    .clear = loop_clear,
    .repr = loop_repr,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = loop_methods,
    .getsets = loop_getsets,
    .tp_new = loop_tp_new,
    .doc = "Unix event loop.",
};


static int add_methods(const r_method_def *defs)
{
    for (const r_method_def *d = defs; d->name; d++) {
        RObject *descr = r_method_descr_new(&r_aio_loop_type, d);
        if (!descr || r_dict_set_item_cstr(r_aio_loop_type.dict, d->name, descr) < 0) {
            R_XDECREF(descr);
            return -1;
        }
        R_DECREF(descr);
    }
    return 0;
}

/* the methods of aio_loop_extra.c and aio_exception_handler.c join the
 * type's dict at start-up, with those of the profile's version */
int aio_loop_type_init(void)
{
    if (r_type_ready(&r_aio_loop_type) < 0)
        return -1;
    if (add_methods(aio_loop_extra_methods) < 0 || add_methods(aio_exception_handler_methods) < 0)
        return -1;
    if (r_profile.minor >= 9 && add_methods(aio_loop_methods_39) < 0)
        return -1;
    return 0;
}
