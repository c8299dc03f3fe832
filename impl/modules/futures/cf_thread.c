/* concurrent.futures.ThreadPoolExecutor, transliterated from CPython's
 * Lib/concurrent/futures/thread.py: work items on a SimpleQueue, workers
 * that are threading.Thread objects named '<prefix>_<n>', an idle
 * semaphore that lets a submit reuse an idle worker, a weak link from each
 * worker to its executor, and the exit hook that wakes and joins every
 * worker (threading._register_atexit from 3.9, atexit with daemon workers
 * in 3.8). */
#include "cf_thread.h"

#include <stdio.h>

#include "atexit_hooks.h"
#include "boolobject.h"
#include "cf_future.h"
#include "cf_profile.h"
#include "cf_work_queue.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "gc.h"
#include "intobject.h"
#include "listobject.h"
#include "osmodule.h"
#include "setobject.h"
#include "strobject.h"
#include "thread.h"
#include "threadingmodule.h"
#include "tupleobject.h"
#include "typeobject.h"

RType *r_cf_BrokenThreadPool;

/* module globals of thread.py */
static bool interpreter_shutdown;        /* _shutdown */
static r_lock *global_shutdown_lock;     /* _global_shutdown_lock */
static RObject *threads_queues;          /* _threads_queues: a list of (thread, queue) */
static long executor_counter;            /* ThreadPoolExecutor._counter */

/* ---- _WorkItem ---- */

typedef struct {
    RObject ob;
    RObject *future, *fn, *args, *kwargs; /* kwargs: a dict or NULL */
} WorkItem;

static void work_item_dealloc(RObject *o)
{
    WorkItem *w = (WorkItem *)o;
    R_XDECREF(w->future);
    R_XDECREF(w->fn);
    R_XDECREF(w->args);
    R_XDECREF(w->kwargs);
    r_free(o);
}

static int work_item_traverse(RObject *o, r_visitproc visit, void *arg)
{
    WorkItem *w = (WorkItem *)o;
    return R_VISIT_EACH(visit, arg, w->future, w->fn, w->args, w->kwargs);
}

static void work_item_clear(RObject *o)
{
    WorkItem *w = (WorkItem *)o;
    R_CLEAR(w->future);
    R_CLEAR(w->fn);
    R_CLEAR(w->args);
    R_CLEAR(w->kwargs);
}

static RType work_item_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_WorkItem",
    .basicsize = sizeof(WorkItem),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = work_item_dealloc,
    .traverse = work_item_traverse,
    .clear = work_item_clear,
    .getattro = r_generic_getattr,
};

extern RObject *r_vm_call_ex(RObject *callable, RObject *args, RObject *kwargs);

/* _WorkItem.run */
static int work_item_run(WorkItem *w)
{
    int rc = r_cf_future_set_running_or_notify_cancel(w->future);
    if (rc <= 0)
        return rc;
    RObject *result = w->kwargs ? r_vm_call_ex(w->fn, w->args, w->kwargs)
                                : r_call(w->fn, R_TUPLE_ITEMS(w->args),
                                         (size_t)R_TUPLE_SIZE(w->args), NULL);
    if (!result) {
        /* except BaseException as exc: self.future.set_exception(exc) */
        RObject *exc = r_err_fetch();
        rc = r_cf_future_set_exception(w->future, exc);
        R_DECREF(exc);
        return rc;
    }
    rc = r_cf_future_set_result(w->future, result);
    R_DECREF(result);
    return rc;
}

/* ---- the executor, and the worker's weak reference to it ---- */

typedef struct ThreadPool ThreadPool;

/* weakref.ref(executor, weakref_cb): `executor` goes NULL when the
 * executor dies, and the callback puts None on the queue */
typedef struct {
    RObject ob;
    ThreadPool *executor; /* borrowed */
} ExecutorRef;

static void executor_ref_dealloc(RObject *o)
{
    r_free(o);
}

static RType executor_ref_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "weakref.ReferenceType",
    .basicsize = sizeof(ExecutorRef),
    .dealloc = executor_ref_dealloc,
};

struct ThreadPool {
    RObject ob;
    RObject *dict;
    ssize_t max_workers;
    CfWorkQueue *work_queue;
    long idle_semaphore; /* threading.Semaphore(0): only acquired with timeout=0 */
    RObject *threads;    /* set of threading.Thread */
    RObject *broken;     /* False, or the message */
    bool shutdown;
    r_lock *shutdown_lock;
    RObject *thread_name_prefix;
    RObject *initializer, *initargs;
    ExecutorRef *ref;
};

static ThreadPool *executor_of(ExecutorRef *ref)
{
    return ref->executor ? (ThreadPool *)r_incref((RObject *)ref->executor) : NULL;
}

static RObject *broken_thread_pool(RObject *message)
{
    return r_exc_new(r_cf_BrokenThreadPool, message);
}

/* _initializer_failed */
static int initializer_failed(ThreadPool *e)
{
    r_lock_acquire(e->shutdown_lock, -1);
    R_SETREF(e->broken, r_str_from_cstr("A thread initializer failed, the thread pool is not "
                                        "usable anymore"));
    int rc = e->broken ? 0 : -1;
    RObject *item;
    while (rc == 0 && (item = r_cf_work_queue_get_nowait(e->work_queue))) {
        if (item != R_NONE) {
            RObject *args = r_tuple_pack(1, e->broken);
            RObject *exc = args ? broken_thread_pool(args) : NULL;
            R_XDECREF(args);
            rc = exc ? r_cf_future_set_exception(((WorkItem *)item)->future, exc) : -1;
            R_XDECREF(exc);
        }
        R_DECREF(item);
    }
    r_lock_release(e->shutdown_lock);
    return rc;
}

/* ---- _worker ---- */

typedef struct {
    RObject ob;
    ExecutorRef *ref;
    CfWorkQueue *work_queue;
    RObject *initializer, *initargs;
} WorkerArgs;

static void worker_args_dealloc(RObject *o)
{
    WorkerArgs *a = (WorkerArgs *)o;
    R_XDECREF(a->ref);
    R_XDECREF(a->work_queue);
    R_XDECREF(a->initializer);
    R_XDECREF(a->initargs);
    r_free(o);
}

static int worker_args_traverse(RObject *o, r_visitproc visit, void *arg)
{
    WorkerArgs *a = (WorkerArgs *)o;
    return R_VISIT_EACH(visit, arg, (RObject *)a->ref, (RObject *)a->work_queue, a->initializer,
                        a->initargs);
}

static RType worker_args_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_worker_args",
    .basicsize = sizeof(WorkerArgs),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = worker_args_dealloc,
    .traverse = worker_args_traverse,
};

static void log_critical(const char *message)
{
    RObject *exc = r_err_fetch();
    RObject *msg = r_str_from_cstr(message);
    if (msg)
        r_cf_log_exception(msg, exc);
    R_XDECREF(msg);
    R_XDECREF(exc);
    r_err_clear();
}

/* `executor._idle_semaphore.release()` through the weak reference */
static void release_idle(WorkerArgs *a)
{
    ThreadPool *e = executor_of(a->ref);
    if (e) {
        e->idle_semaphore++;
        R_DECREF(e);
    }
}

static int worker_loop(WorkerArgs *a)
{
    for (;;) {
        RObject *item;
        if (cf_idle_only_when_queue_empty()) {
            /* version: 3.12 releases the idle semaphore only when the
             * queue is empty, before blocking (gh-94440) */
            item = r_cf_work_queue_get_nowait(a->work_queue);
            if (!item) {
                release_idle(a);
                item = r_cf_work_queue_get(a->work_queue);
            }
        } else {
            item = r_cf_work_queue_get(a->work_queue);
        }
        if (item != R_NONE) {
            int rc = work_item_run((WorkItem *)item);
            R_DECREF(item); /* del work_item */
            if (rc < 0)
                return -1;
            if (!cf_idle_only_when_queue_empty())
                release_idle(a); /* 3.8-3.11: idle again after every item */
            continue;
        }
        R_DECREF(item);
        ThreadPool *e = executor_of(a->ref);
        if (interpreter_shutdown || !e || e->shutdown) {
            if (e)
                e->shutdown = true;
            R_XDECREF(e);
            return r_cf_work_queue_put(a->work_queue, R_NONE);
        }
        R_DECREF(e);
    }
}

static RObject *worker(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    WorkerArgs *a = (WorkerArgs *)self;
    if (a->initializer) {
        RObject *r = r_call(a->initializer, R_TUPLE_ITEMS(a->initargs),
                            (size_t)R_TUPLE_SIZE(a->initargs), NULL);
        if (!r) {
            log_critical("Exception in initializer:");
            ThreadPool *e = executor_of(a->ref);
            if (e) {
                if (initializer_failed(e) < 0)
                    log_critical("Exception in worker");
                R_DECREF(e);
            }
            R_RETURN_NONE;
        }
        R_DECREF(r);
    }
    if (worker_loop(a) < 0)
        log_critical("Exception in worker");
    R_RETURN_NONE;
}

static const r_method_def worker_def = {"_worker", worker, 0, NULL};

/* ---- ThreadPoolExecutor ---- */

/* _adjust_thread_count */
static int adjust_thread_count(ThreadPool *e)
{
    if (e->idle_semaphore > 0) {
        e->idle_semaphore--;
        return 0;
    }
    ssize_t num_threads = r_set_size(e->threads);
    if (num_threads >= e->max_workers)
        return 0;
    RObject *prefix = NULL;
    int truthy = r_is_true(e->thread_name_prefix);
    if (truthy < 0)
        return -1;
    prefix = truthy ? r_str(e->thread_name_prefix) : r_repr((RObject *)e);
    RObject *name = prefix ? r_str_from_format("%U_%zd", prefix, num_threads) : NULL;
    R_XDECREF(prefix);
    WorkerArgs *wa = name ? (WorkerArgs *)r_alloc(&worker_args_type) : NULL;
    RObject *target = NULL, *t = NULL, *kwnames = NULL, *pair = NULL;
    int rc = -1;
    if (!wa)
        goto out;
    wa->ref = (ExecutorRef *)r_incref((RObject *)e->ref);
    wa->work_queue = (CfWorkQueue *)r_incref((RObject *)e->work_queue);
    wa->initializer = e->initializer ? r_incref(e->initializer) : NULL;
    wa->initargs = r_incref(e->initargs);
    target = r_cfunction_new(&worker_def, (RObject *)wa, NULL);
    /* version: 3.8's workers are daemon threads, joined by an atexit hook */
    bool daemon = !cf_threads_join_through_threading_atexit();
    kwnames = daemon ? r_tuple_pack(3, r_str_intern("name"), r_str_intern("target"),
                                    r_str_intern("daemon"))
                     : r_tuple_pack(2, r_str_intern("name"), r_str_intern("target"));
    if (!target || !kwnames)
        goto out;
    RObject *call_args[3] = {name, target, R_TRUE};
    t = r_call((RObject *)&r_thread_type, call_args, 0, kwnames);
    RObject *started = t ? r_call_method(t, "start", NULL, 0) : NULL;
    if (!started)
        goto out;
    R_DECREF(started);
    if (r_set_add(e->threads, t) < 0)
        goto out;
    /* _threads_queues[t] = self._work_queue */
    pair = r_tuple_pack(2, t, (RObject *)e->work_queue);
    if (!pair || r_list_append(threads_queues, pair) < 0)
        goto out;
    rc = 0;
out:
    R_XDECREF(pair);
    R_XDECREF(t);
    R_XDECREF(kwnames);
    R_XDECREF(target);
    R_XDECREF(wa);
    R_XDECREF(name);
    return rc;
}

static RObject *tpe_submit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    ThreadPool *e = (ThreadPool *)self;
    if (nargs < 1)
        return r_err_format(r_exc_TypeError,
                            r_arg_errors_use_qualname()
                                ? "ThreadPoolExecutor.submit() missing 1 required positional "
                                  "argument: 'fn'"
                                : "submit() missing 1 required positional argument: 'fn'");
    RObject *kwargs = NULL;
    if (kw && R_TUPLE_SIZE(kw) > 0) {
        kwargs = r_dict_new();
        if (!kwargs)
            return NULL;
        for (ssize_t i = 0; i < R_TUPLE_SIZE(kw); i++)
            if (r_dict_set_item(kwargs, R_TUPLE_GET(kw, i), args[nargs + (size_t)i]) < 0) {
                R_DECREF(kwargs);
                return NULL;
            }
    }
    RObject *f = NULL;
    /* with self._shutdown_lock, _global_shutdown_lock: (3.9+; 3.8 takes the first) */
    bool global_lock = cf_threads_join_through_threading_atexit();
    r_lock_acquire(e->shutdown_lock, -1);
    if (global_lock)
        r_lock_acquire(global_shutdown_lock, -1);
    int broken = r_is_true(e->broken);
    if (broken < 0)
        goto out;
    if (broken) {
        RObject *a = r_tuple_pack(1, e->broken);
        RObject *exc = a ? broken_thread_pool(a) : NULL;
        R_XDECREF(a);
        if (exc)
            r_err_restore(exc);
        goto out;
    }
    if (e->shutdown) {
        r_err_set_string(r_exc_RuntimeError, "cannot schedule new futures after shutdown");
        goto out;
    }
    if (interpreter_shutdown) {
        r_err_set_string(r_exc_RuntimeError,
                         "cannot schedule new futures after interpreter shutdown");
        goto out;
    }
    f = r_cf_future_new();
    WorkItem *w = f ? (WorkItem *)r_alloc(&work_item_type) : NULL;
    if (!w) {
        R_CLEAR(f);
        goto out;
    }
    w->future = r_incref(f);
    w->fn = r_incref(args[0]);
    w->args = r_tuple_from_array(args + 1, (ssize_t)nargs - 1);
    w->kwargs = kwargs;
    kwargs = NULL;
    int rc = w->args ? r_cf_work_queue_put(e->work_queue, (RObject *)w) : -1;
    R_DECREF(w);
    if (rc < 0 || adjust_thread_count(e) < 0)
        R_CLEAR(f);
out:
    if (global_lock)
        r_lock_release(global_shutdown_lock);
    r_lock_release(e->shutdown_lock);
    R_XDECREF(kwargs);
    return f;
}

static RObject *tpe_shutdown(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    ThreadPool *e = (ThreadPool *)self;
    /* version: cancel_futures is 3.9+ (keyword-only) */
    static const char *const names[] = {"wait", "cancel_futures", NULL};
    static const char *const names_38[] = {"wait", NULL};
    RObject *opts[2] = {nargs > 0 ? args[0] : NULL, NULL};
    if (r_check_nargs("shutdown", nargs, 0, 1) < 0 ||
        r_parse_keywords("shutdown", kw, args + nargs, cf_shutdown_takes_cancel_futures() ? names : names_38,
                         opts) < 0)
        return NULL;
    int wait = opts[0] ? r_is_true(opts[0]) : 1;
    int cancel = opts[1] ? r_is_true(opts[1]) : 0;
    if (wait < 0 || cancel < 0)
        return NULL;
    r_lock_acquire(e->shutdown_lock, -1);
    e->shutdown = true;
    int rc = 0;
    if (cancel) {
        RObject *item;
        while (rc >= 0 && (item = r_cf_work_queue_get_nowait(e->work_queue))) {
            if (item != R_NONE)
                rc = r_cf_future_cancel(((WorkItem *)item)->future);
            R_DECREF(item);
        }
    }
    if (rc >= 0)
        rc = r_cf_work_queue_put(e->work_queue, R_NONE);
    r_lock_release(e->shutdown_lock);
    if (rc < 0)
        return NULL;
    if (wait) {
        RObject *threads = r_sequence_list(e->threads);
        if (!threads)
            return NULL;
        for (ssize_t i = 0; i < R_LIST_SIZE(threads); i++) {
            RObject *r = r_call_method(R_LIST_ITEMS(threads)[i], "join", NULL, 0);
            if (!r) {
                R_DECREF(threads);
                return NULL;
            }
            R_DECREF(r);
        }
        R_DECREF(threads);
    }
    R_RETURN_NONE;
}

static int tpe_init_fields(ThreadPool *e, RObject *const *opts)
{
    RObject *max_workers = opts[0];
    if (!max_workers || max_workers == R_NONE) {
        /* version: min(32, (os.cpu_count() or 1) + 4); 3.13 counts the CPUs
         * this process may use (os.process_cpu_count) */
        long cpus = cf_workers_count_process_cpus() ? r_os_process_cpu_count() : r_os_cpu_count();
        e->max_workers = (cpus > 0 ? cpus : 1) + 4;
        if (e->max_workers > 32)
            e->max_workers = 32;
    } else {
        e->max_workers = r_int_as_ssize(max_workers);
        if (e->max_workers == -1 && r_err_occurred())
            return -1;
    }
    if (e->max_workers <= 0) {
        r_err_set_string(r_exc_ValueError, "max_workers must be greater than 0");
        return -1;
    }
    RObject *initializer = opts[2] && opts[2] != R_NONE ? opts[2] : NULL;
    if (initializer && !R_TYPE(initializer)->call) {
        r_err_set_string(r_exc_TypeError, "initializer must be a callable");
        return -1;
    }
    e->work_queue = r_cf_work_queue_new();
    e->threads = r_set_new(NULL);
    e->broken = r_incref(R_FALSE);
    e->shutdown_lock = r_lock_new();
    RObject *prefix = opts[1] ? opts[1] : r_str_intern("");
    int truthy = r_is_true(prefix);
    if (truthy < 0)
        return -1;
    e->thread_name_prefix = truthy ? r_incref(prefix)
                                   : r_str_from_format("ThreadPoolExecutor-%ld",
                                                       executor_counter++);
    e->initializer = initializer ? r_incref(initializer) : NULL;
    e->initargs = opts[3] ? r_sequence_tuple(opts[3]) : r_tuple_empty();
    e->ref = (ExecutorRef *)r_alloc(&executor_ref_type);
    if (!e->work_queue || !e->threads || !e->shutdown_lock || !e->thread_name_prefix ||
        !e->initargs || !e->ref)
        return -1;
    e->ref->executor = e;
    return 0;
}

static RObject *tpe_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"max_workers", "thread_name_prefix", "initializer",
                                        "initargs", NULL};
    RObject *opts[4] = {NULL, NULL, NULL, NULL};
    if (r_check_nargs("ThreadPoolExecutor", nargs, 0, 4) < 0)
        return NULL;
    for (size_t i = 0; i < nargs; i++)
        opts[i] = args[i];
    if (r_parse_keywords("ThreadPoolExecutor", kw, args + nargs, names, opts) < 0)
        return NULL;
    ThreadPool *e = (ThreadPool *)r_alloc(type);
    if (!e)
        return NULL;
    if (tpe_init_fields(e, opts) < 0) {
        R_DECREF(e);
        return NULL;
    }
    return (RObject *)e;
}

static void tpe_dealloc(RObject *o)
{
    ThreadPool *e = (ThreadPool *)o;
    if (e->ref) {
        /* the weakref dies: weakref_cb puts None to wake a worker */
        e->ref->executor = NULL;
        if (e->work_queue && r_cf_work_queue_put(e->work_queue, R_NONE) < 0)
            r_err_clear();
        R_DECREF(e->ref);
    }
    R_XDECREF(e->dict);
    R_XDECREF(e->work_queue);
    R_XDECREF(e->threads);
    R_XDECREF(e->broken);
    if (e->shutdown_lock)
        r_lock_free(e->shutdown_lock);
    R_XDECREF(e->thread_name_prefix);
    R_XDECREF(e->initializer);
    R_XDECREF(e->initargs);
    r_free(o);
}

/* the attributes thread.py keeps on the instance, read-only here */
static RObject *tpe_get_max_workers(RObject *o)
{
    return r_int_from_i64(((ThreadPool *)o)->max_workers);
}

static RObject *tpe_get_threads(RObject *o)
{
    return r_incref(((ThreadPool *)o)->threads);
}

static RObject *tpe_get_shutdown(RObject *o)
{
    return r_bool_from_long(((ThreadPool *)o)->shutdown);
}

static RObject *tpe_get_broken(RObject *o)
{
    return r_incref(((ThreadPool *)o)->broken);
}

static RObject *tpe_get_prefix(RObject *o)
{
    return r_incref(((ThreadPool *)o)->thread_name_prefix);
}

static const r_getset_def tpe_getsets[] = {
    {"_max_workers", tpe_get_max_workers, NULL},
    {"_threads", tpe_get_threads, NULL},
    {"_shutdown", tpe_get_shutdown, NULL},
    {"_broken", tpe_get_broken, NULL},
    {"_thread_name_prefix", tpe_get_prefix, NULL},
    {NULL, NULL, NULL},
};

static int tpe_traverse(RObject *o, r_visitproc visit, void *arg)
{
    ThreadPool *e = (ThreadPool *)o;
    return R_VISIT_EACH(visit, arg, e->dict, (RObject *)e->work_queue, e->threads, e->broken,
                        e->thread_name_prefix, e->initializer, e->initargs);
}

/* the references a cycle can go through: the instance dict and what the
 * initializer brings (its function's globals may hold the pool) */
static void tpe_clear(RObject *o)
{
    ThreadPool *e = (ThreadPool *)o;
    R_CLEAR(e->dict);
    R_CLEAR(e->initializer);
    R_CLEAR(e->initargs);
}

static const r_method_def tpe_methods[] = {
    {"submit", tpe_submit, 0, NULL},
    {"shutdown", tpe_shutdown, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_cf_thread_pool_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "ThreadPoolExecutor",
    .base = &r_cf_executor_type,
    .basicsize = sizeof(ThreadPool),
    .dictoffset = offsetof(ThreadPool, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = tpe_dealloc,
    .traverse = tpe_traverse,
    .clear = tpe_clear,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = tpe_methods,
    .getsets = tpe_getsets,
    .tp_new = tpe_tp_new,
};

/* _python_exit: stop taking work, wake every worker and join it */
static void python_exit(void *unused)
{
    (void)unused;
    r_lock_acquire(global_shutdown_lock, -1);
    interpreter_shutdown = true;
    r_lock_release(global_shutdown_lock);
    RObject *items = r_sequence_list(threads_queues);
    if (!items)
        return;
    for (ssize_t i = 0; i < R_LIST_SIZE(items); i++)
        if (r_cf_work_queue_put((CfWorkQueue *)R_TUPLE_GET(R_LIST_ITEMS(items)[i], 1), R_NONE) <
            0)
            r_err_clear();
    for (ssize_t i = 0; i < R_LIST_SIZE(items); i++) {
        RObject *r = r_call_method(R_TUPLE_GET(R_LIST_ITEMS(items)[i], 0), "join", NULL, 0);
        if (!r)
            r_err_clear();
        R_XDECREF(r);
    }
    R_DECREF(items);
}

int r_cf_thread_module_init(void)
{
    if (threads_queues)
        return 0;
    threads_queues = r_list_new(0);
    global_shutdown_lock = r_lock_new();
    if (!threads_queues || !global_shutdown_lock)
        return -1;
    /* version: threading._register_atexit(_python_exit) from 3.9;
     * atexit.register(_python_exit) in 3.8 */
    return cf_threads_join_through_threading_atexit() ? r_threading_register_atexit(python_exit, NULL)
                                : r_hook_list_add(&r_atexit_hooks, python_exit, NULL);
}
