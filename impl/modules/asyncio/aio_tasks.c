/* asyncio.Task: Modules/_asynciomodule.c's TaskObj. A task drives its
 * coroutine one step per loop callback (task_step_impl): a yielded
 * future that set _asyncio_future_blocking gets the task's wakeup as its
 * done callback, a bare yield reschedules the step, anything else is
 * thrown back in one iteration later. Also the task registry (all_tasks,
 * weak as CPython's WeakSet) and the current task of each loop. */
#include <inttypes.h>

#include <stdlib.h>

#include "aio.h"
#include "aio_args.h"
#include "aio_coro.h"
#include "boolobject.h"
#include "contextvarsmodule.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "gc.h"
#include "exceptions.h"
#include "gen.h"
#include "intobject.h"
#include "listobject.h"
#include "profile.h"
#include "setobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"
#include "warnings.h"

/* ---- version predicates of this file ---- */

/* the wakeup callback is a bound builtin method named task_wakeup
 * (repr "Task.task_wakeup()"); 3.8/3.9 have a TaskWakeupMethWrapper */
static bool wakeup_is_builtin_method(void) { return r_profile.minor >= 10; }
/* _num_cancels_requested, cancelling(), uncancel(): 3.11+ */
static bool task_counts_cancels(void) { return r_profile.minor >= 11; }
/* uncancel() reaching 0 also clears _must_cancel: 3.13 */
static bool uncancel_clears_must_cancel(void) { return r_profile.minor >= 13; }
/* the CancelledError escaping the coroutine is kept for the awaiters
 * (fut_cancelled_exc / fut_cancelled_exc_state): 3.9+ */
static bool task_keeps_cancelled_exc(void) { return r_profile.minor >= 9; }

/* Replaces the name with n (stolen; NULL: none), whether the old one was
 * a name or the number of a default one not made yet. */
static void set_name(AioTask *task, RObject *n)
{
    RObject *old = task->fut.default_name_pending ? NULL : task->name;
    task->fut.default_name_pending = false;
    task->name = n;
    R_XDECREF(old);
}

static uint64_t task_name_counter;

/* ---- the registry of live tasks ---- */

/* An array in order of registration, a freed task's slot left NULL until
 * the array is full, when it is compacted (or grown once it is more than
 * half live): 8 bytes a task instead of two links in every task. */
static AioTask **registry;
static uint32_t registry_len, registry_cap, registry_live;

static void registry_compact(void)
{
    uint32_t kept = 0;
    for (uint32_t i = 0; i < registry_len; i++) {
        AioTask *t = registry[i];
        if (t) {
            registry[kept++] = t;
            t->registry_slot = kept;
        }
    }
    registry_len = kept;
}

static int register_task(AioTask *t)
{
    if (t->registry_slot)
        return 0;
    if (registry_len == registry_cap) {
        if (registry_live < registry_len / 2) {
            registry_compact();
        } else {
            uint32_t cap = registry_cap ? registry_cap * 2 : 256;
            AioTask **grown = cap > registry_cap ? realloc(registry, cap * sizeof *grown) : NULL;
            if (!grown) {
                r_err_no_memory();
                return -1;
            }
            registry = grown;
            registry_cap = cap;
        }
    }
    registry[registry_len++] = t;
    t->registry_slot = registry_len;
    registry_live++;
    return 0;
}

static void unregister_task(AioTask *t)
{
    if (!t->registry_slot)
        return;
    registry[t->registry_slot - 1] = NULL;
    t->registry_slot = 0;
    registry_live--;
    while (registry_len && !registry[registry_len - 1])
        registry_len--;
}

RObject *aio_all_tasks(RObject *loop)
{
    /* list(_all_tasks) first: nothing runs while the list is walked */
    RObject *snapshot = r_list_new(0);
    if (!snapshot)
        return NULL;
    for (uint32_t i = registry_len; i-- > 0;) /* newest first */
        if (registry[i] && r_list_append(snapshot, (RObject *)registry[i]) < 0) {
            R_DECREF(snapshot);
            return NULL;
        }
    RObject *res = r_set_new(NULL);
    for (ssize_t i = 0; res && i < R_LIST_SIZE(snapshot); i++) {
        RObject *t = R_LIST_ITEMS(snapshot)[i];
        RObject *tloop = aio_future_get_loop(t);
        if (!tloop) {
            R_CLEAR(res);
            break;
        }
        bool same = tloop == loop;
        R_DECREF(tloop);
        if (!same)
            continue;
        int done = aio_future_done(t);
        if (done < 0 || (!done && r_set_add(res, t) < 0))
            R_CLEAR(res);
    }
    R_DECREF(snapshot);
    return res;
}

/* ---- tasks._current_tasks: {loop: task} ---- */

static RObject *current_tasks_of_other_loops; /* for loops that are not refpy's */

RObject *aio_current_task(RObject *loop)
{
    if (AIO_LOOP_CHECK(loop))
        return ((AioLoop *)loop)->current_task;
    if (!current_tasks_of_other_loops)
        return NULL;
    RObject *t = r_dict_get_item(current_tasks_of_other_loops, loop);
    if (!t)
        r_err_clear();
    return t;
}

static int set_current_task(RObject *loop, RObject *task)
{
    if (AIO_LOOP_CHECK(loop)) {
        R_XINCREF(task);
        R_SETREF(((AioLoop *)loop)->current_task, task);
        return 0;
    }
    if (!current_tasks_of_other_loops && !(current_tasks_of_other_loops = r_dict_new()))
        return -1;
    if (task)
        return r_dict_set_item(current_tasks_of_other_loops, loop, task);
    return r_dict_del_item(current_tasks_of_other_loops, loop);
}

static int enter_task(RObject *loop, RObject *task)
{
    RObject *item = aio_current_task(loop);
    if (item) {
        R_INCREF(item);
        r_err_format(r_exc_RuntimeError,
                     "Cannot enter into task %R while another task %R is being executed.", task,
                     item);
        R_DECREF(item);
        return -1;
    }
    return set_current_task(loop, task);
}

static int leave_task(RObject *loop, RObject *task)
{
    RObject *item = aio_current_task(loop);
    if (item != task) {
        r_err_format(r_exc_RuntimeError, "Leaving task %R does not match the current task %R.",
                     task, item ? item : R_NONE);
        return -1;
    }
    return set_current_task(loop, NULL);
}

/* ---- TaskStepMethWrapper: the callable __step(exc) is scheduled as ---- */

typedef struct {
    RObject ob;
    AioTask *task;
    RObject *arg; /* the exception to throw in, or NULL */
} StepWrapper;

extern RType r_aio_step_wrapper_type, r_aio_wakeup_wrapper_type;

static RObject *task_step(AioTask *task, RObject *exc);
static RObject *task_wakeup(AioTask *task, RObject *fut);

static RObject *step_wrapper_call(RObject *self, RObject *const *args, size_t nargs,
                                  RObject *kw)
{
    (void)args;
    if (kw && R_TUPLE_SIZE(kw) > 0)
        return r_err_format(r_exc_TypeError, "function takes no keyword arguments");
    if (nargs)
        return r_err_format(r_exc_TypeError, "function takes no positional arguments");
    StepWrapper *w = (StepWrapper *)self;
    return task_step(w->task, w->arg);
}

static void step_wrapper_dealloc(RObject *o)
{
    StepWrapper *w = (StepWrapper *)o;
    R_XDECREF(w->task);
    R_XDECREF(w->arg);
    r_free(o);
}

static int step_wrapper_traverse(RObject *o, r_visitproc visit, void *arg)
{
    StepWrapper *w = (StepWrapper *)o;
    int rc = w->task ? visit((RObject *)w->task, arg) : 0;
    return rc || !w->arg ? rc : visit(w->arg, arg);
}

static void step_wrapper_clear(RObject *o)
{
    StepWrapper *w = (StepWrapper *)o;
    R_CLEAR(w->task);
    R_CLEAR(w->arg);
}

static RObject *step_wrapper_self(RObject *o)
{
    StepWrapper *w = (StepWrapper *)o;
    return r_incref(w->task ? (RObject *)w->task : R_NONE);
}

static const r_getset_def step_wrapper_getsets[] = {
    {"__self__", step_wrapper_self, NULL},
    {NULL, NULL, NULL},
};

RType r_aio_step_wrapper_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "TaskStepMethWrapper",
    .basicsize = sizeof(StepWrapper),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = step_wrapper_dealloc,
    .traverse = step_wrapper_traverse,
    .clear = step_wrapper_clear,
    .getattro = r_generic_getattr,
    .call = step_wrapper_call,
    .getsets = step_wrapper_getsets,
};

static int call_step_soon(AioTask *task, RObject *arg)
{
    StepWrapper *w = (StepWrapper *)r_alloc(&r_aio_step_wrapper_type);
    if (!w)
        return -1;
    w->task = (AioTask *)r_incref((RObject *)task);
    w->arg = arg ? r_incref(arg) : NULL;
    /* on refpy's loop the handle holds it alone and traverses it (aio.h) */
    if (AIO_LOOP_CHECK(task->fut.loop))
        r_gc_untrack((RObject *)w);
    int rc = aio_call_soon1(task->fut.loop, (RObject *)w, NULL, task->context);
    R_DECREF(w);
    return rc;
}

/* task_set_error_soon: the error is thrown in at the next step */
static int set_error_soon(AioTask *task, RType *type, RObject *msg)
{
    if (!msg)
        return -1;
    RObject *e = r_call1((RObject *)type, msg);
    R_DECREF(msg);
    if (!e)
        return -1;
    int rc = call_step_soon(task, e);
    R_DECREF(e);
    return rc;
}

/* ---- the wakeup callback ---- */

static RObject *wakeup_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("task_wakeup", kw) < 0 ||
        r_check_nargs("task_wakeup", nargs, 1, 1) < 0)
        return NULL;
    return task_wakeup((AioTask *)self, args[0]);
}

static const r_method_def wakeup_def = {"task_wakeup", wakeup_method, 0, NULL};

/* 3.8/3.9: TaskWakeupMethWrapper(task) */
typedef struct {
    RObject ob;
    AioTask *task;
} WakeupWrapper;

static RObject *wakeup_wrapper_call(RObject *self, RObject *const *args, size_t nargs,
                                    RObject *kw)
{
    static const char *const names[] = {"fut", NULL};
    RObject *opts[1] = {nargs > 0 ? args[0] : NULL};
    if (r_check_nargs("wakeup", nargs, 0, 1) < 0 ||
        r_parse_keywords("wakeup", kw, args + nargs, names, opts) < 0)
        return NULL;
    if (!opts[0])
        return aio_missing_arg("wakeup", "fut");
    return task_wakeup(((WakeupWrapper *)self)->task, opts[0]);
}

static void wakeup_wrapper_dealloc(RObject *o)
{
    R_XDECREF(((WakeupWrapper *)o)->task);
    r_free(o);
}

static int wakeup_wrapper_traverse(RObject *o, r_visitproc visit, void *arg)
{
    WakeupWrapper *w = (WakeupWrapper *)o;
    return w->task ? visit((RObject *)w->task, arg) : 0;
}

static void wakeup_wrapper_clear(RObject *o)
{
    R_CLEAR(((WakeupWrapper *)o)->task);
}

static RObject *wakeup_wrapper_self(RObject *o)
{
    WakeupWrapper *w = (WakeupWrapper *)o;
    return r_incref(w->task ? (RObject *)w->task : R_NONE);
}

static const r_getset_def wakeup_wrapper_getsets[] = {
    {"__self__", wakeup_wrapper_self, NULL},
    {NULL, NULL, NULL},
};

RType r_aio_wakeup_wrapper_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "TaskWakeupMethWrapper",
    .basicsize = sizeof(WakeupWrapper),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = wakeup_wrapper_dealloc,
    .traverse = wakeup_wrapper_traverse,
    .clear = wakeup_wrapper_clear,
    .getattro = r_generic_getattr,
    .call = wakeup_wrapper_call,
    .getsets = wakeup_wrapper_getsets,
};

static RObject *new_wakeup(AioTask *task)
{
    if (wakeup_is_builtin_method())
        return r_cfunction_new(&wakeup_def, (RObject *)task, NULL);
    WakeupWrapper *w = (WakeupWrapper *)r_alloc(&r_aio_wakeup_wrapper_type);
    if (w)
        w->task = (AioTask *)r_incref((RObject *)task);
    return (RObject *)w;
}

/* ---- the step ---- */

/* after a yielded future took the wakeup: task._fut_waiter = result,
 * and a cancel() that arrived during the step cancels it */
static RObject *wait_on(AioTask *task, RObject *result)
{
    R_SETREF(task->fut_waiter, result); /* the reference moves */
    if (task->fut.must_cancel) {
        int r = aio_future_cancel(result, task_keeps_cancelled_exc() ? AIO_FUT_RARE(&task->fut, cancel_msg) : NULL);
        if (r < 0)
            return NULL;
        if (r)
            task->fut.must_cancel = false;
    }
    R_RETURN_NONE;
}

/* task_step_handle_result_impl: what the coroutine yielded (stolen) */
static RObject *handle_yield(AioTask *task, RObject *result)
{
    RObject *self = (RObject *)task;
    if (result == self) {
        R_DECREF(result);
        if (set_error_soon(task, r_exc_RuntimeError,
                           r_str_from_format("Task cannot await on itself: %R", self)) < 0)
            return NULL;
        R_RETURN_NONE;
    }
    if (AIO_FUTURE_OR_TASK_EXACT(result)) {
        AioFuture *fut = (AioFuture *)result;
        if (fut->loop != task->fut.loop)
            goto different_loop;
        if (!fut->blocking)
            goto yield_instead_of_yield_from;
        fut->blocking = false;
        RObject *wrapper = new_wakeup(task);
        if (!wrapper)
            goto fail;
        int rc = aio_future_add_done_callback_exact(fut, wrapper, task->context);
        R_DECREF(wrapper);
        if (rc < 0)
            goto fail;
        return wait_on(task, result);
    }
    if (result == R_NONE) {
        /* a bare yield relinquishes control for one loop iteration */
        R_DECREF(result);
        if (call_step_soon(task, NULL) < 0)
            return NULL;
        R_RETURN_NONE;
    }
    /* a Future-compatible object */
    RObject *o;
    if (r_lookup_attr(result, r_str_intern("_asyncio_future_blocking"), &o) < 0)
        goto fail;
    if (o && o != R_NONE) {
        int blocking = r_is_true(o);
        R_DECREF(o);
        if (blocking < 0)
            goto fail;
        RObject *oloop = aio_future_get_loop(result);
        if (!oloop)
            goto fail;
        bool same = oloop == task->fut.loop;
        R_DECREF(oloop);
        if (!same)
            goto different_loop;
        if (!blocking)
            goto yield_instead_of_yield_from;
        if (r_setattr_cstr(result, "_asyncio_future_blocking", R_FALSE) < 0)
            goto fail;
        RObject *wrapper = new_wakeup(task);
        if (!wrapper)
            goto fail;
        int rc = aio_future_add_done_callback(result, wrapper, task->context);
        R_DECREF(wrapper);
        if (rc < 0)
            goto fail;
        return wait_on(task, result);
    }
    R_XDECREF(o);
    if (R_TYPE(result) == &r_generator_type) {
        RObject *msg = r_str_from_format(
            "yield was used instead of yield from for generator in task %R with %R", self, result);
        R_DECREF(result);
        if (set_error_soon(task, r_exc_RuntimeError, msg) < 0)
            return NULL;
        R_RETURN_NONE;
    }
    {
        RObject *msg = r_str_from_format("Task got bad yield: %R", result);
        R_DECREF(result);
        if (set_error_soon(task, r_exc_RuntimeError, msg) < 0)
            return NULL;
        R_RETURN_NONE;
    }
yield_instead_of_yield_from: {
    RObject *msg =
        r_str_from_format("yield was used instead of yield from in task %R with %R", self, result);
    R_DECREF(result);
    if (set_error_soon(task, r_exc_RuntimeError, msg) < 0)
        return NULL;
    R_RETURN_NONE;
}
different_loop: {
    RObject *msg =
        r_str_from_format("Task %R got Future %R attached to a different loop", self, result);
    R_DECREF(result);
    if (set_error_soon(task, r_exc_RuntimeError, msg) < 0)
        return NULL;
    R_RETURN_NONE;
}
fail:
    R_DECREF(result);
    return NULL;
}

static RObject *task_step_impl(AioTask *task, RObject *exc)
{
    RObject *self = (RObject *)task;
    bool own_exc = false;
    if (task->fut.state != AIO_PENDING)
        return r_err_format(r_aio_InvalidStateError, "_step(): already done: %R %R", self,
                            exc ? exc : R_NONE);
    if (task->fut.must_cancel) {
        if (exc && !r_typecheck(exc, r_aio_CancelledError))
            exc = NULL;
        if (!exc) {
            exc = r_profile.minor == 8 ? r_call0((RObject *)r_aio_CancelledError)
                                       : aio_create_cancelled_error(&task->fut);
            if (!exc)
                return NULL;
            own_exc = true;
        }
        task->fut.must_cancel = false;
    }
    R_CLEAR(task->fut_waiter);
    RObject *coro = task->coro;
    if (!coro) {
        if (own_exc)
            R_DECREF(exc);
        return r_err_format(r_exc_RuntimeError, "uninitialized Task object");
    }
    RObject *result = NULL;
    R_INCREF(coro);
    aio_send_status st = aio_iter_send(coro, R_NONE, exc, &result);
    R_DECREF(coro);
    if (own_exc)
        R_DECREF(exc);
    if (st == AIO_SEND_RETURN) {
        /* StopIteration: the coroutine has resolved */
        int rc;
        if (task->fut.must_cancel) {
            /* the task was cancelled right before the coroutine stopped */
            task->fut.must_cancel = false;
            rc = aio_future_cancel_exact(&task->fut, AIO_FUT_RARE(&task->fut, cancel_msg));
        } else {
            rc = aio_future_set_result_exact(&task->fut, result);
        }
        R_DECREF(result);
        if (rc < 0)
            return NULL;
        R_RETURN_NONE;
    }
    if (st == AIO_SEND_ERROR) {
        if (r_err_matches(r_aio_CancelledError)) {
            RObject *cancelled = r_err_fetch();
            if (!task_keeps_cancelled_exc())
                R_DECREF(cancelled);
            else if (AIO_FUT_SET_RARE(&task->fut, cancelled_exc, cancelled) < 0)
                return NULL;
            if (aio_future_cancel_exact(&task->fut, NULL) < 0)
                return NULL;
            R_RETURN_NONE;
        }
        /* some other exception: Task.set_exception() */
        RObject *e = r_err_fetch();
        if (aio_future_set_exception_exact(&task->fut, e) < 0) {
            R_DECREF(e);
            return NULL;
        }
        if (r_typecheck(e, r_exc_KeyboardInterrupt) || r_typecheck(e, r_exc_SystemExit)) {
            r_err_restore(e); /* re-raised out of the loop */
            return NULL;
        }
        R_DECREF(e);
        R_RETURN_NONE;
    }
    return handle_yield(task, result);
}

static RObject *task_step(AioTask *task, RObject *exc)
{
    RObject *loop = r_incref(task->fut.loop);
    R_INCREF(task);
    RObject *res = NULL;
    if (enter_task(loop, (RObject *)task) == 0) {
        res = task_step_impl(task, exc);
        if (!res) {
            RObject *e = r_err_fetch();
            if (leave_task(loop, (RObject *)task) < 0) {
                /* _PyErr_ChainExceptions: the first error wins */
                r_err_clear();
            }
            r_err_restore(e);
        } else if (leave_task(loop, (RObject *)task) < 0) {
            R_CLEAR(res);
        }
    }
    R_DECREF(task);
    R_DECREF(loop);
    return res;
}

static RObject *task_wakeup(AioTask *task, RObject *o)
{
    if (AIO_FUTURE_OR_TASK_EXACT(o)) {
        RObject *fut_result = NULL;
        int rc = aio_future_get_result_exact((AioFuture *)o, &fut_result);
        if (rc == 0) {
            R_DECREF(fut_result);
            return task_step(task, NULL);
        }
        if (rc == 1) {
            RObject *res = task_step(task, fut_result);
            R_DECREF(fut_result);
            return res;
        }
    } else {
        RObject *fut_result = r_call_method(o, "result", NULL, 0);
        if (fut_result) {
            R_DECREF(fut_result);
            return task_step(task, NULL);
        }
    }
    RObject *exc = r_err_fetch();
    RObject *res = task_step(task, exc);
    R_DECREF(exc);
    return res;
}

/* ---- construction ---- */

/* 3.12 Task.__eager_start: the first step runs now, inside the task's
 * context and as the loop's current task, in place of the caller's; a task
 * it finishes gives up its coroutine. */
static int task_eager_start(AioTask *task)
{
    RObject *loop = r_incref(task->fut.loop);
    RObject *prev = aio_current_task(loop);
    R_XINCREF(prev);
    int rc = set_current_task(loop, (RObject *)task);
    /* _register_eager_task: all_tasks() sees it meanwhile */
    if (rc == 0)
        rc = register_task(task);
    /* as in CPython, a context that cannot be entered (it is already)
     * fails the constructor with the task left as the current one */
    if (rc == 0 && (rc = r_context_enter(task->context)) == 0) {
        RObject *res = task_step_impl(task, NULL);
        RObject *exc = res ? NULL : r_err_fetch();
        R_XDECREF(res);
        r_context_exit(task->context);
        if (set_current_task(loop, prev) < 0 && exc)
            r_err_clear(); /* the step's error wins */
        if (exc)
            r_err_restore(exc);
        rc = exc || r_err_occurred() ? -1 : 0;
    }
    if (task->fut.state != AIO_PENDING)
        R_CLEAR(task->coro);
    R_XDECREF(prev);
    R_DECREF(loop);
    return rc;
}

static int task_init(AioTask *task, RObject *coro, RObject *loop, RObject *name,
                     RObject *context, RObject *eager_start)
{
    if (aio_future_init(&task->fut, loop) < 0)
        return -1;
    int is_coro = aio_iscoroutine(coro);
    if (is_coro < 0)
        return -1;
    if (!is_coro) {
        task->fut.log_destroy_pending = false;
        r_err_format(r_exc_TypeError, "a coroutine was expected, got %R", coro);
        return -1;
    }
    /* context=None: a copy of the context current at creation */
    RObject *ctx = context && context != R_NONE ? r_incref(context) : r_context_copy_current();
    if (!ctx)
        return -1;
    R_SETREF(task->context, ctx);
    R_CLEAR(task->fut_waiter);
    task->fut.must_cancel = false;
    task->fut.log_destroy_pending = true;
    task->num_cancels_requested = 0;
    R_SETREF(task->coro, r_incref(coro));
    if (!name || name == R_NONE) {
        /* the number is taken now, as CPython does; the string only when
         * someone asks, since most tasks are never named */
        set_name(task, NULL);
        task->name_number = ++task_name_counter;
        task->fut.default_name_pending = true;
    } else {
        RObject *n = R_TYPE(name) == &r_str_type ? r_incref(name) : r_str(name);
        if (!n)
            return -1;
        set_name(task, n);
    }
    if (eager_start) {
        /* 3.12+: the C Task asks the loop argument itself, so
         * Task(coro, eager_start=True) without loop= fails on None */
        int eager = r_is_true(eager_start);
        if (eager < 0)
            return -1;
        if (eager) {
            RObject *running = r_call_method(loop ? loop : R_NONE, "is_running", NULL, 0);
            if (!running)
                return -1;
            bool yes = running == R_TRUE;
            R_DECREF(running);
            if (yes)
                return task_eager_start(task);
        }
    }
    if (call_step_soon(task, NULL) < 0)
        return -1;
    return register_task(task);
}

RObject *aio_task_new(RObject *coro, RObject *loop, RObject *name, RObject *context)
{
    AioTask *task = (AioTask *)r_alloc(&r_aio_task_type);
    if (!task)
        return NULL;
    if (task_init(task, coro, loop, name, context, NULL) < 0) {
        R_DECREF(task);
        return NULL;
    }
    return (RObject *)task;
}

static int task_tp_init(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    /* Task(coro, *, loop=None, name=None[, context=None 3.11+][, eager_start 3.12+]) */
    const char *const kw38[] = {"loop", "name", NULL};
    const char *const kw311[] = {"loop", "name", "context", NULL};
    const char *const kw312[] = {"loop", "name", "context", "eager_start", NULL};
    const char *const *names = r_profile.minor >= 12 ? kw312 : r_profile.minor >= 11 ? kw311 : kw38;
    RObject *opts[5] = {nargs > 0 ? args[0] : NULL, NULL, NULL, NULL, NULL};
    const char *const coro_name[] = {"coro", NULL};
    const char *fname = "Task";
    if (nargs > 1)
        return r_err_format(r_exc_TypeError, "%s() takes at most 1 positional argument (%zu given)",
                            fname, nargs),
               -1;
    size_t nkw = kw ? (size_t)R_TUPLE_SIZE(kw) : 0;
    for (size_t k = 0; k < nkw; k++) {
        RObject *key = R_TUPLE_GET(kw, k);
        bool known = false;
        if (r_str_equal_cstr(key, coro_name[0])) {
            opts[0] = args[nargs + k];
            known = true;
        }
        for (int i = 0; names[i] && !known; i++)
            if (r_str_equal_cstr(key, names[i])) {
                opts[i + 1] = args[nargs + k];
                known = true;
            }
        if (!known)
            return r_err_format(r_exc_TypeError, "'%U' is an invalid keyword argument for Task()",
                                key),
                   -1;
    }
    if (!opts[0])
        return r_err_format(r_exc_TypeError, "Task() missing required argument 'coro' (pos 1)"),
               -1;
    return task_init((AioTask *)self, opts[0], opts[1], opts[2], opts[3], opts[4]);
}

static RObject *task_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    return r_alloc(type);
}

/* ---- cancellation ---- */

int aio_task_cancel(RObject *self, RObject *msg)
{
    if (R_TYPE(self) != &r_aio_task_type) {
        RObject *r = msg && msg != R_NONE ? r_call_method(self, "cancel", &msg, 1)
                                          : r_call_method(self, "cancel", NULL, 0);
        if (!r)
            return -1;
        int t = r_is_true(r);
        R_DECREF(r);
        return t;
    }
    AioTask *task = (AioTask *)self;
    task->fut.log_tb = false;
    if (task->fut.state != AIO_PENDING)
        return 0;
    if (task_counts_cancels())
        task->num_cancels_requested++;
    if (task->fut_waiter) {
        RObject *r = NULL;
        if (r_profile.minor == 8)
            r = r_call_method(task->fut_waiter, "cancel", NULL, 0);
        else {
            RObject *m = msg ? msg : R_NONE;
            r = r_call_method(task->fut_waiter, "cancel", &m, 1);
        }
        if (!r)
            return -1;
        int t = r_is_true(r);
        R_DECREF(r);
        if (t < 0)
            return -1;
        if (t)
            return 1;
    }
    R_XINCREF(msg);
    if (AIO_FUT_SET_RARE(&task->fut, cancel_msg, msg) < 0)
        return -1;
    task->fut.must_cancel = true;
    return 1;
}

/* ---- repr: base_tasks._task_repr_info ---- */

/* The task's name (new reference); the default one is made here once. */
static RObject *task_name(AioTask *task)
{
    if (task->fut.default_name_pending) {
        RObject *s = r_str_from_format("Task-%llu", (unsigned long long)task->name_number);
        if (!s)
            return NULL;
        set_name(task, s);
    }
    return r_incref(task->name ? task->name : R_NONE);
}

static RObject *task_repr_info(RObject *self)
{
    AioTask *task = (AioTask *)self;
    RObject *info = aio_future_repr_info(self);
    if (!info)
        return NULL;
    RList *l = (RList *)info;
    bool cancelling = r_profile.minor >= 11
                          ? task->num_cancels_requested > 0 && task->fut.state == AIO_PENDING
                          : task->fut.must_cancel;
    if (cancelling)
        R_SETREF(l->items[0], r_str_from_cstr("cancelling"));
    RObject *items[3] = {NULL, NULL, NULL};
    int n = 0;
    RObject *name = task_name(task);
    if (!name) {
        R_DECREF(info);
        return NULL;
    }
    items[n++] = r_str_from_format("name=%R", name);
    R_DECREF(name);
    if (task->coro && (r_profile.minor < 12 || r_is_true(task->coro) > 0)) {
        RObject *c = aio_format_coroutine(task->coro);
        items[n++] = c ? r_str_from_format("coro=<%U>", c) : NULL;
        R_XDECREF(c);
    }
    if (task->fut_waiter)
        items[n++] = r_str_from_format("wait_for=%R", task->fut_waiter);
    for (int i = 0; i < n; i++)
        if (!items[i]) {
            for (int j = 0; j < n; j++)
                R_XDECREF(items[j]);
            R_DECREF(info);
            return NULL;
        }
    /* insert after the state word, in order */
    for (int i = 0; i < n; i++) {
        if (r_list_append(info, R_NONE) < 0) {
            for (int j = i; j < n; j++)
                R_DECREF(items[j]);
            R_DECREF(info);
            return NULL;
        }
        R_DECREF(l->items[l->size - 1]);
        for (ssize_t k = l->size - 1; k > 1 + i; k--)
            l->items[k] = l->items[k - 1];
        l->items[1 + i] = items[i];
    }
    return info;
}

static RObject *task_repr(RObject *self)
{
    if (!((AioFuture *)self)->loop)
        return r_err_format(r_exc_RuntimeError, "Future object is not initialized.");
    return aio_future_repr_from_info(self, task_repr_info);
}

/* ---- finaliser, GC ---- */

static void task_finalize(RObject *self)
{
    AioTask *task = (AioTask *)self;
    if (task->fut.state == AIO_PENDING && task->fut.log_destroy_pending) {
        RObject *saved = r_err_fetch();
        RObject *context = r_dict_new();
        if (context &&
            r_dict_set_item_cstr(context, "message",
                                 r_str_intern("Task was destroyed but it is pending!")) == 0 &&
            r_dict_set_item_cstr(context, "task", self) == 0 &&
            (!AIO_FUT_RARE(&task->fut, source_tb) ||
             r_dict_set_item_cstr(context, "source_traceback", task->fut.rare->source_tb) == 0))
            aio_call_exception_handler(task->fut.loop, context);
        r_err_clear();
        R_XDECREF(context);
        r_err_restore(saved);
    }
    aio_future_finalize(self);
}

static void task_clear(RObject *o)
{
    AioTask *task = (AioTask *)o;
    aio_future_clear(o);
    R_CLEAR(task->context);
    R_CLEAR(task->coro);
    set_name(task, NULL);
    R_CLEAR(task->fut_waiter);
}

static int task_traverse(RObject *o, r_visitproc visit, void *arg)
{
    AioTask *task = (AioTask *)o;
    RObject *refs[] = {task->context, task->coro,
                       task->fut.default_name_pending ? NULL : task->name, task->fut_waiter};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (refs[i]) {
            int rc = visit(refs[i], arg);
            if (rc)
                return rc;
        }
    return aio_future_traverse(o, visit, arg);
}

static void task_dealloc(RObject *o)
{
    unregister_task((AioTask *)o);
    task_clear(o);
    r_free(o);
}

/* ---- the Python methods ---- */

#define NOARGS(qualname)                                                        \
    (void)args;                                                                 \
    if (r_check_no_kwargs(aio_cname(qualname), kw) < 0 ||                      \
        r_check_nargs(aio_cname(qualname), nargs, 0, 0) < 0)                   \
        return NULL;

static RObject *m_cancel(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    bool ok;
    RObject *msg = aio_parse_cancel_msg("Task.cancel", args, nargs, kw, &ok);
    if (!ok)
        return NULL;
    int rc = aio_task_cancel(self, msg);
    return rc < 0 ? NULL : r_bool_from_long(rc);
}

static RObject *m_cancelling(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("Task.cancelling");
    return r_int_from_i64(((AioTask *)self)->num_cancels_requested);
}

static RObject *m_uncancel(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("Task.uncancel");
    AioTask *task = (AioTask *)self;
    if (task->num_cancels_requested > 0) {
        task->num_cancels_requested--;
        if (uncancel_clears_must_cancel() && task->num_cancels_requested == 0)
            task->fut.must_cancel = false;
    }
    return r_int_from_i64(task->num_cancels_requested);
}

static RObject *m_set_result(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs(aio_cname("Task.set_result"), kw) < 0 ||
        r_check_nargs(aio_cname("Task.set_result"), nargs, 1, 1) < 0)
        return NULL;
    return r_err_format(r_exc_RuntimeError, "Task does not support set_result operation");
}

static RObject *m_set_exception(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs(aio_cname("Task.set_exception"), kw) < 0 ||
        r_check_nargs(aio_cname("Task.set_exception"), nargs, 1, 1) < 0)
        return NULL;
    return r_err_format(r_exc_RuntimeError, "Task does not support set_exception operation");
}

static RObject *m_get_coro(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("Task.get_coro");
    AioTask *task = (AioTask *)self;
    return r_incref(task->coro ? task->coro : R_NONE);
}

static RObject *m_get_context(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("Task.get_context");
    AioTask *task = (AioTask *)self;
    return r_incref(task->context ? task->context : R_NONE);
}

static RObject *m_get_name(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("Task.get_name");
    return task_name((AioTask *)self);
}

static RObject *m_set_name(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs(aio_cname("Task.set_name"), kw) < 0 ||
        r_check_nargs(aio_cname("Task.set_name"), nargs, 1, 1) < 0)
        return NULL;
    RObject *v = R_TYPE(args[0]) == &r_str_type ? r_incref(args[0]) : r_str(args[0]);
    if (!v)
        return NULL;
    set_name((AioTask *)self, v);
    R_RETURN_NONE;
}

static RObject *m_repr_info(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("Task._repr_info");
    return task_repr_info(self);
}

static RObject *m_make_cancelled_error(RObject *self, RObject *const *args, size_t nargs,
                                       RObject *kw)
{
    NOARGS("Task._make_cancelled_error");
    if (r_profile.minor == 8)
        return r_call0((RObject *)r_aio_CancelledError);
    return aio_create_cancelled_error((AioFuture *)self);
}

int aio_set_task_name(RObject *task, RObject *name)
{
    if (!name || name == R_NONE)
        return 0;
    RObject *set_name;
    if (r_lookup_attr(task, r_str_intern("set_name"), &set_name) < 0)
        return -1;
    if (!set_name) {
        if (r_profile.minor < 11)
            return 0;
        RObject *msg = r_str_from_cstr(
            "Task.set_name() was added in Python 3.8, the method support will be mandatory "
            "for third-party task implementations since 3.13.");
        int rc = msg ? r_warn(r_exc_DeprecationWarning, msg, 1, NULL) : -1;
        R_XDECREF(msg);
        return rc;
    }
    RObject *r = r_call1(set_name, name);
    R_DECREF(set_name);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

static RObject *get_log_destroy_pending(RObject *o)
{
    return r_bool_from_long(((AioTask *)o)->fut.log_destroy_pending);
}

static int set_log_destroy_pending(RObject *o, RObject *v)
{
    if (!v) {
        r_err_set_string(r_exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    int t = r_is_true(v);
    if (t < 0)
        return -1;
    ((AioTask *)o)->fut.log_destroy_pending = t;
    return 0;
}

static RObject *get_must_cancel(RObject *o)
{
    return r_bool_from_long(((AioTask *)o)->fut.must_cancel);
}

static RObject *get_coro_attr(RObject *o)
{
    AioTask *t = (AioTask *)o;
    return r_incref(t->coro ? t->coro : R_NONE);
}

static RObject *get_fut_waiter(RObject *o)
{
    AioTask *t = (AioTask *)o;
    return r_incref(t->fut_waiter ? t->fut_waiter : R_NONE);
}

static RObject *get_num_cancels(RObject *o)
{
    return r_int_from_i64(((AioTask *)o)->num_cancels_requested);
}

static const r_getset_def task_getsets[] = {
    {"_log_destroy_pending", get_log_destroy_pending, set_log_destroy_pending},
    {"_must_cancel", get_must_cancel, NULL},
    {"_coro", get_coro_attr, NULL},
    {"_fut_waiter", get_fut_waiter, NULL},
    {"_num_cancels_requested", get_num_cancels, NULL},
    {NULL, NULL, NULL},
};

/* get_stack(*, limit=None), print_stack(*, limit=None, file=None) */
static RObject *m_get_stack(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"limit", NULL};
    RObject *opts[1] = {R_NONE};
    if (r_check_nargs("get_stack", nargs, 0, 0) < 0 ||
        r_parse_keywords("get_stack", kw, args + nargs, names, opts) < 0)
        return NULL;
    return aio_task_get_stack((AioTask *)self, opts[0]);
}

static RObject *m_print_stack(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"limit", "file", NULL};
    RObject *opts[2] = {R_NONE, R_NONE};
    if (r_check_nargs("print_stack", nargs, 0, 0) < 0 ||
        r_parse_keywords("print_stack", kw, args + nargs, names, opts) < 0 ||
        aio_task_print_stack((AioTask *)self, opts[0], opts[1]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static const r_method_def task_methods[] = {
    {"cancel", m_cancel, 0, NULL},
    {"set_result", m_set_result, 0, NULL},
    {"set_exception", m_set_exception, 0, NULL},
    {"get_coro", m_get_coro, 0, NULL},
    {"get_name", m_get_name, 0, NULL},
    {"get_stack", m_get_stack, 0, NULL},
    {"print_stack", m_print_stack, 0, NULL},
    {"set_name", m_set_name, 0, NULL},
    {"_repr_info", m_repr_info, 0, NULL},
    {"_make_cancelled_error", m_make_cancelled_error, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* the 3.11+ and 3.12+ methods join the type when the profile has them */
static const r_method_def task_methods_311[] = {
    {"cancelling", m_cancelling, 0, NULL},
    {"uncancel", m_uncancel, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const r_method_def task_methods_312[] = {
    {"get_context", m_get_context, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_task_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_asyncio.Task",
    .base = &r_aio_future_type,
    .basicsize = sizeof(AioTask),
    .dictoffset = offsetof(AioFuture, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = task_dealloc,
    .finalize = task_finalize,
    .traverse = task_traverse,
    .clear = task_clear,
    .repr = task_repr,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = task_methods,
    .getsets = task_getsets,
    .tp_new = task_tp_new,
    .tp_init = task_tp_init,
    .doc = "A coroutine wrapped in a Future.",
};

int aio_add_methods(RType *t, const r_method_def *defs)
{
    for (const r_method_def *d = defs; d->name; d++) {
        RObject *descr = r_method_descr_new(t, d);
        if (!descr || r_dict_set_item_cstr(t->dict, d->name, descr) < 0) {
            R_XDECREF(descr);
            return -1;
        }
        R_DECREF(descr);
    }
    return 0;
}

int aio_task_type_init(void)
{
    /* 3.12 made the wrapper a heap type of _asyncio, and its name says so
     * ("Exception in callback <_asyncio.TaskStepMethWrapper object ...>") */
    RType *w = &r_aio_step_wrapper_type;
    if (r_profile.minor >= 12 && !w->ready) {
        w->name = "_asyncio.TaskStepMethWrapper";
        w->module = r_incref(r_str_intern("_asyncio"));
        w->qualname = r_incref(r_str_intern("TaskStepMethWrapper"));
        if (r_type_ready(w) < 0)
            return -1;
    }
    if (r_type_ready(&r_aio_task_type) < 0)
        return -1;
    if (r_profile.minor >= 11 && aio_add_methods(&r_aio_task_type, task_methods_311) < 0)
        return -1;
    if (r_profile.minor >= 12 && aio_add_methods(&r_aio_task_type, task_methods_312) < 0)
        return -1;
    return 0;
}
