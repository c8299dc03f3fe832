/* concurrent.futures.process.ProcessPoolExecutor, transliterated from
 * CPython's Lib/concurrent/futures/process.py for the fork start method:
 * submit() records a _WorkItem and a work id, forks every worker at the
 * first submit (before the manager thread exists, so no thread is copied
 * half-way), and starts the manager thread; shutdown() wakes it and joins
 * it; map() sends chunks as partial(_process_chunk, fn); an exit hook
 * (_python_exit) wakes and joins the manager of a pool never shut down.
 * Also here: BrokenProcessPool, _RemoteTraceback, _rebuild_exc and the
 * module's other names. */
#include "cf_process.h"

#include <stdlib.h>
#include <string.h>

#include "atexit_hooks.h"
#include "boolobject.h"
#include "cf_future.h"
#include "cf_pickle.h"
#include "cf_process_internal.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "functoolsmodule.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "osmodule.h"
#include "strobject.h"
#include "threadingmodule.h"
#include "traceback_print.h"
#include "tupleobject.h"
#include "typeobject.h"
#include "vm_ops.h"
#include "warnings.h"

#define MODULE_NAME "concurrent.futures.process"

/* Controls how many more calls than processes will be queued in the call
 * queue (EXTRA_QUEUED_CALLS). */
#define EXTRA_QUEUED_CALLS 1

RType *cf_BrokenProcessPool;
static RType *remote_traceback_class;
bool cf_global_shutdown;
/* _threads_wakeups: (manager thread, its wakeup) of each started pool */
static RObject *threads_wakeups;
static RObject *process_chunk_fn; /* the module's _process_chunk */

/* ---- formatting an exception as traceback.format_exception does ---- */

typedef struct {
    RObject ob;
    r_str_builder text;
} StringWriter;

static void string_writer_dealloc(RObject *o)
{
    r_sb_discard(&((StringWriter *)o)->text);
    r_free(o);
}

static RObject *string_writer_write(RObject *self, RObject *const *args, size_t nargs,
                                    RObject *kw)
{
    (void)kw;
    if (nargs != 1 || !R_STR_CHECK(args[0]))
        return r_err_format(r_exc_TypeError, "write() argument must be str");
    r_sb_append_str(&((StringWriter *)self)->text, args[0]);
    R_RETURN_NONE;
}

static const r_method_def string_writer_methods[] = {
    {"write", string_writer_write, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static RType string_writer_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_io.StringIO",
    .basicsize = sizeof(StringWriter),
    .dealloc = string_writer_dealloc,
    .getattro = r_generic_getattr,
    .methods = string_writer_methods,
};

RObject *cf_format_exception(RObject *exc)
{
    StringWriter *w = (StringWriter *)r_alloc(&string_writer_type);
    if (!w)
        return NULL;
    r_sb_init(&w->text);
    r_print_exception(exc, (RObject *)w);
    RObject *s = r_sb_finish(&w->text);
    R_DECREF(w);
    return s ? s : r_err_no_memory();
}

/* ---- _RemoteTraceback ---- */

/* __init__(self, tb): self.tb = tb */
static RObject *remote_traceback_init(RObject *self, RObject *const *args, size_t nargs,
                                      RObject *kw)
{
    static const char *const names[] = {"tb", NULL};
    RObject *opts[1] = {nargs > 0 ? args[0] : NULL};
    if (r_check_nargs("_RemoteTraceback.__init__", nargs, 0, 1) < 0 ||
        r_parse_keywords("__init__", kw, args + nargs, names, opts) < 0)
        return NULL;
    if (!opts[0])
        return r_err_format(r_exc_TypeError,
                            "__init__() missing 1 required positional argument: 'tb'");
    if (r_setattr_cstr(self, "tb", opts[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

/* __str__(self): return self.tb */
static RObject *remote_traceback_str(RObject *self, RObject *const *args, size_t nargs,
                                     RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    return r_getattr_cstr(self, "tb");
}

static const r_method_def remote_traceback_init_def = {"__init__", remote_traceback_init, 0,
                                                       NULL};
static const r_method_def remote_traceback_str_def = {"__str__", remote_traceback_str, 0, NULL};

RObject *cf_remote_traceback_new(RObject *text)
{
    return r_call((RObject *)remote_traceback_class, &text, 1, NULL);
}

int cf_attach_remote_traceback(RObject *exc, RObject *formatted, const char *quote)
{
    RObject *text = r_str_from_format("\n%s\n%U%s", quote, formatted, quote);
    RObject *rt = text ? cf_remote_traceback_new(text) : NULL;
    R_XDECREF(text);
    if (!rt)
        return -1;
    r_exc_set_cause(exc, rt);
    return 0;
}

/* `class name(base)` in this module, its dict given */
static RType *make_class(const char *name, RType *base, RObject *ns)
{
    RObject *n = r_str_from_cstr(name);
    RObject *bases = r_tuple_pack(1, (RObject *)base);
    RObject *cls = NULL;
    if (n && bases && r_dict_set_item_cstr(ns, "__module__", r_str_intern(MODULE_NAME)) == 0 &&
        r_dict_set_item_cstr(ns, "__qualname__", n) == 0)
        cls = r_type_new(n, bases, ns);
    R_XDECREF(n);
    R_XDECREF(bases);
    return (RType *)cls;
}

static int make_classes(void)
{
    RObject *ns = r_dict_new();
    RObject *doc = r_str_from_cstr("\n    Raised when a process in a ProcessPoolExecutor "
                                   "terminated abruptly\n    while a future was in the running "
                                   "state.\n    ");
    if (ns && doc && r_dict_set_item_cstr(ns, "__doc__", doc) == 0)
        cf_BrokenProcessPool = make_class("BrokenProcessPool", r_cf_BrokenExecutor, ns);
    R_XDECREF(doc);
    R_XDECREF(ns);
    if (!cf_BrokenProcessPool || !(ns = r_dict_new()))
        return -1;
    remote_traceback_class = make_class("_RemoteTraceback", r_exc_Exception, ns);
    R_DECREF(ns);
    if (!remote_traceback_class)
        return -1;
    /* the methods, set as a class body would (the slots follow them) */
    RObject *init = r_method_descr_new(remote_traceback_class, &remote_traceback_init_def);
    RObject *str = r_method_descr_new(remote_traceback_class, &remote_traceback_str_def);
    RObject *cls = (RObject *)remote_traceback_class;
    int rc = init && str && r_setattr_cstr(cls, "__init__", init) == 0 &&
                     r_setattr_cstr(cls, "__str__", str) == 0
                 ? 0
                 : -1;
    R_XDECREF(init);
    R_XDECREF(str);
    return rc;
}

/* ---- _WorkItem, _CallItem and the pool's state ---- */

static void work_item_dealloc(RObject *o)
{
    CfWorkItem *w = (CfWorkItem *)o;
    R_XDECREF(w->future);
    R_XDECREF(w->fn);
    R_XDECREF(w->args);
    R_XDECREF(w->kwargs);
    r_free(o);
}

RType cf_work_item_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "concurrent.futures.process._WorkItem",
    .basicsize = sizeof(CfWorkItem),
    .dealloc = work_item_dealloc,
};

static void call_item_dealloc(RObject *o)
{
    CfCallItem *c = (CfCallItem *)o;
    R_XDECREF(c->fn);
    R_XDECREF(c->args);
    R_XDECREF(c->kwargs);
    r_free(o);
}

RType cf_call_item_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "concurrent.futures.process._CallItem",
    .basicsize = sizeof(CfCallItem),
    .dealloc = call_item_dealloc,
};

RObject *cf_call_item_new(int64_t work_id, CfWorkItem *w)
{
    CfCallItem *c = (CfCallItem *)r_alloc(&cf_call_item_type);
    if (!c)
        return NULL;
    c->work_id = work_id;
    c->fn = r_incref(w->fn);
    c->args = r_incref(w->args);
    c->kwargs = r_incref(w->kwargs);
    return (RObject *)c;
}

static void state_dealloc(RObject *o)
{
    CfPoolState *s = (CfPoolState *)o;
    R_XDECREF(s->thread_wakeup);
    R_XDECREF(s->shutdown_lock);
    R_XDECREF(s->processes);
    R_XDECREF(s->call_queue);
    R_XDECREF(s->result_queue);
    R_XDECREF(s->work_ids);
    R_XDECREF(s->pending_work_items);
    r_free(o);
}

static RType state_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_ExecutorManagerState",
    .basicsize = sizeof(CfPoolState),
    .dealloc = state_dealloc,
};

/* ---- ProcessPoolExecutor ---- */

static RObject *broken_process_pool(RObject *message)
{
    RObject *args = r_tuple_pack(1, message);
    RObject *exc = args ? r_exc_new(cf_BrokenProcessPool, args) : NULL;
    R_XDECREF(args);
    return exc;
}

/* _spawn_process for each missing worker: 3.8's _adjust_process_count,
 * 3.9+'s _launch_processes (fork: all of them, before the manager) */
static int launch_processes(ProcessPool *e)
{
    CfPoolState *s = e->state;
    for (ssize_t n = r_dict_size(s->processes); n < e->max_workers; n++) {
        RObject *p = cf_process_start(s->call_queue, s->result_queue, e->initializer,
                                      e->initargs);
        if (!p)
            return -1;
        RObject *pid = r_int_from_i64(((CfProcess *)p)->pid);
        int rc = pid ? r_dict_set_item(s->processes, pid, p) : -1;
        R_XDECREF(pid);
        R_DECREF(p);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* _start_executor_manager_thread (3.8: _start_queue_management_thread) */
static int start_manager(ProcessPool *e)
{
    if (e->manager_thread)
        return 0;
    if (launch_processes(e) < 0)
        return -1;
    RObject *t = cf_manager_start(e->state);
    if (!t)
        return -1;
    e->manager_thread = t;
    /* _threads_wakeups[thread] = wakeup (a weak-keyed dict: ended
     * managers drop out) */
    RList *l = (RList *)threads_wakeups;
    for (ssize_t i = l->size - 1; i >= 0; i--) {
        RObject *alive = r_call_method(R_TUPLE_GET(l->items[i], 0), "is_alive", NULL, 0);
        int dead = alive ? alive == R_FALSE : -1;
        R_XDECREF(alive);
        if (dead < 0)
            return -1;
        if (dead) {
            R_DECREF(l->items[i]);
            memmove(l->items + i, l->items + i + 1, (size_t)(l->size - i - 1) * sizeof *l->items);
            l->size--;
        }
    }
    RObject *pair = r_tuple_pack(2, t, e->state->thread_wakeup);
    int rc = pair ? r_list_append(threads_wakeups, pair) : -1;
    R_XDECREF(pair);
    return rc;
}

/* submit(fn, /, *args, **kwargs); 3.8 also takes fn= with a warning */
static RObject *ppe_submit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    ProcessPool *e = (ProcessPool *)self;
    RObject *fn = nargs > 0 ? args[0] : NULL;
    RObject *kwargs = r_dict_new();
    if (!kwargs)
        return NULL;
    for (ssize_t i = 0; kw && i < R_TUPLE_SIZE(kw); i++)
        if (r_dict_set_item(kwargs, R_TUPLE_GET(kw, i), args[nargs + (size_t)i]) < 0) {
            R_DECREF(kwargs);
            return NULL;
        }
    /* version: 3.8's submit(*args, **kwargs) still takes fn= (with a
     * DeprecationWarning); 3.9 made fn positional-only (bpo-37116) */
    if (!fn && !cf_submit_fn_is_positional_only() && (fn = r_dict_get_item_cstr(kwargs, "fn"))) {
        R_INCREF(fn);
        r_dict_del_item(kwargs, r_str_intern("fn"));
        RObject *msg = r_str_from_cstr("Passing 'fn' as keyword argument is deprecated");
        int rc = msg ? r_warn(r_exc_DeprecationWarning, msg, 1, NULL) : -1;
        R_XDECREF(msg);
        R_DECREF(fn);
        if (rc < 0) {
            R_DECREF(kwargs);
            return NULL;
        }
    }
    if (!fn) {
        R_DECREF(kwargs);
        if (!cf_submit_fn_is_positional_only())
            return r_err_format(r_exc_TypeError,
                                "submit expected at least 1 positional argument, got 0");
        return r_err_format(r_exc_TypeError,
                            r_arg_errors_use_qualname()
                                ? "ProcessPoolExecutor.submit() missing 1 required positional "
                                  "argument: 'fn'"
                                : "submit() missing 1 required positional argument: 'fn'");
    }
    R_INCREF(fn);
    RObject *f = NULL;
    cf_lock_acquire(e->shutdown_lock);
    int broken = r_is_true(e->broken);
    if (broken < 0)
        goto out;
    if (broken) {
        RObject *exc = broken_process_pool(e->broken);
        if (exc)
            r_err_restore(exc);
        goto out;
    }
    if (e->shutdown_thread) {
        r_err_set_string(r_exc_RuntimeError, "cannot schedule new futures after shutdown");
        goto out;
    }
    if (cf_global_shutdown) {
        r_err_set_string(r_exc_RuntimeError,
                         "cannot schedule new futures after interpreter shutdown");
        goto out;
    }
    f = r_cf_future_new();
    CfWorkItem *w = f ? (CfWorkItem *)r_alloc(&cf_work_item_type) : NULL;
    if (!w) {
        R_CLEAR(f);
        goto out;
    }
    w->future = r_incref(f);
    w->fn = r_incref(fn);
    w->args = r_tuple_from_array(args + 1, nargs > 0 ? (ssize_t)nargs - 1 : 0);
    w->kwargs = r_incref(kwargs);
    RObject *id = w->args ? r_int_from_i64(e->queue_count) : NULL;
    int rc = id ? r_dict_set_item(e->pending_work_items, id, (RObject *)w) : -1;
    R_XDECREF(id);
    R_DECREF(w);
    if (rc < 0 || cf_id_queue_put(e->work_ids, e->queue_count) < 0) {
        R_CLEAR(f);
        goto out;
    }
    e->queue_count++;
    /* Wake up queue management thread */
    cf_wakeup_wakeup(e->thread_wakeup);
    if (start_manager(e) < 0)
        R_CLEAR(f);
out:
    cf_lock_release(e->shutdown_lock);
    R_DECREF(fn);
    R_DECREF(kwargs);
    return f;
}

/* shutdown(wait=True, *, cancel_futures=False) (3.8: shutdown(wait=True)) */
static RObject *ppe_shutdown(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    ProcessPool *e = (ProcessPool *)self;
    static const char *const names[] = {"wait", "cancel_futures", NULL};
    static const char *const names_38[] = {"wait", NULL};
    RObject *opts[2] = {nargs > 0 ? args[0] : NULL, NULL};
    /* version: cancel_futures is new in 3.9 (bpo-39349) */
    if (r_check_nargs("shutdown", nargs, 0, 1) < 0 ||
        r_parse_keywords("shutdown", kw, args + nargs,
                         cf_shutdown_takes_cancel_futures() ? names : names_38,
                         opts) < 0)
        return NULL;
    int wait = opts[0] ? r_is_true(opts[0]) : 1;
    int cancel = opts[1] ? r_is_true(opts[1]) : 0;
    if (wait < 0 || cancel < 0)
        return NULL;
    cf_lock_acquire(e->shutdown_lock);
    e->cancel_pending_futures = cancel;
    e->shutdown_thread = true;
    /* 3.9+ wake the manager under the lock; 3.8 only when it exists */
    if (e->thread_wakeup && (cf_shutdown_leaves_call_queue() || e->manager_thread))
        cf_wakeup_wakeup(e->thread_wakeup);
    cf_lock_release(e->shutdown_lock);
    if (e->manager_thread && wait) {
        RObject *r = r_call_method(e->manager_thread, "join", NULL, 0);
        if (!r)
            return NULL;
        R_DECREF(r);
    }
    /* To reduce the risk of opening too many files, remove references to
     * objects that use file descriptors. */
    R_CLEAR(e->manager_thread);
    if (!cf_shutdown_leaves_call_queue() && e->call_queue) {
        /* 3.8 closes the call queue here, and joins its feeder if waiting */
        cf_call_queue_close(e->call_queue);
        if (wait && cf_call_queue_join_thread(e->call_queue) < 0)
            return NULL;
    }
    R_CLEAR(e->call_queue);
    if (e->result_queue && wait && cf_shutdown_leaves_call_queue())
        cf_result_queue_close(e->result_queue);
    R_CLEAR(e->result_queue);
    R_CLEAR(e->processes);
    if (e->thread_wakeup && !cf_shutdown_leaves_call_queue())
        cf_wakeup_close(e->thread_wakeup);
    R_CLEAR(e->thread_wakeup);
    R_RETURN_NONE;
}

/* ---- map: chunks of the zipped iterables, one call per chunk ---- */

/* _get_chunks(*iterables, chunksize) (3.13: itertools.batched(zip(...))) */
typedef struct {
    RObject ob;
    RObject *iterables; /* tuple, turned into iterators on first use */
    RObject **its;
    ssize_t n, chunksize;
    bool done;
} ChunkIter;

static void chunk_iter_dealloc(RObject *o)
{
    ChunkIter *c = (ChunkIter *)o;
    for (ssize_t i = 0; c->its && i < c->n; i++)
        R_XDECREF(c->its[i]);
    free(c->its);
    R_XDECREF(c->iterables);
    r_free(o);
}

static RObject *self_iter(RObject *o)
{
    return r_incref(o);
}

/* one zip() step: a tuple, or NULL (exhausted or error) */
static RObject *zip_next(ChunkIter *c)
{
    RObject *t = r_tuple_new(c->n);
    if (!t)
        return NULL;
    for (ssize_t i = 0; i < c->n; i++) {
        RObject *v = r_iter_next(c->its[i]);
        if (!v) {
            for (ssize_t j = i; j < c->n; j++)
                R_TUPLE_ITEMS(t)[j] = r_incref(R_NONE);
            R_DECREF(t);
            return NULL;
        }
        R_TUPLE_ITEMS(t)[i] = v;
    }
    return t;
}

static RObject *chunk_iter_next(RObject *o)
{
    ChunkIter *c = (ChunkIter *)o;
    if (c->done)
        return NULL;
    if (!c->its) {
        /* it = zip(*iterables), when the generator first runs */
        c->its = calloc(c->n ? (size_t)c->n : 1, sizeof *c->its);
        if (!c->its)
            return r_err_no_memory();
        for (ssize_t i = 0; i < c->n; i++)
            if (!(c->its[i] = r_get_iter(R_TUPLE_GET(c->iterables, i)))) {
                c->done = true;
                return NULL;
            }
    }
    RObject *chunk = r_list_new(0);
    for (ssize_t k = 0; chunk && c->n > 0 && k < c->chunksize; k++) {
        RObject *args = zip_next(c);
        if (!args)
            break;
        int rc = r_list_append(chunk, args);
        R_DECREF(args);
        if (rc < 0)
            R_CLEAR(chunk);
    }
    if (!chunk || r_err_occurred() || R_LIST_SIZE(chunk) == 0) {
        c->done = true;
        R_XDECREF(chunk);
        return NULL;
    }
    RObject *t = r_list_as_tuple(chunk);
    R_DECREF(chunk);
    return t;
}

static RObject *chunk_iter_repr(RObject *o)
{
    return r_str_from_format("<generator object _get_chunks at %p>", (void *)o);
}

static RType chunk_iter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "generator",
    .basicsize = sizeof(ChunkIter),
    .dealloc = chunk_iter_dealloc,
    .repr = chunk_iter_repr,
    .iter = self_iter,
    .iternext = chunk_iter_next,
};

/* _chain_from_iterable_of_lists(iterable) */
typedef struct {
    RObject ob;
    RObject *source;  /* the iterator over the per-chunk lists */
    RObject *element; /* the list being emptied, reversed */
} ChainIter;

static void chain_iter_dealloc(RObject *o)
{
    ChainIter *c = (ChainIter *)o;
    R_XDECREF(c->source);
    R_XDECREF(c->element);
    r_free(o);
}

static RObject *chain_iter_next(RObject *o)
{
    ChainIter *c = (ChainIter *)o;
    while (!c->element || R_LIST_SIZE(c->element) == 0) {
        R_CLEAR(c->element);
        if (!c->source)
            return NULL;
        RObject *element = r_iter_next(c->source);
        if (!element) {
            R_CLEAR(c->source);
            return NULL;
        }
        RObject *r = r_call_method(element, "reverse", NULL, 0);
        if (!r || !R_LIST_CHECK(element)) {
            if (r && !r_err_occurred())
                r_err_format(r_exc_TypeError, "'%s' object has no attribute 'pop'",
                             R_TYPE(element)->name);
            R_XDECREF(r);
            R_DECREF(element);
            return NULL;
        }
        R_DECREF(r);
        c->element = element;
    }
    /* element.pop() */
    RList *l = (RList *)c->element;
    return l->items[--l->size];
}

static RObject *chain_iter_repr(RObject *o)
{
    return r_str_from_format("<generator object _chain_from_iterable_of_lists at %p>",
                             (void *)o);
}

static RType chain_iter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "generator",
    .basicsize = sizeof(ChainIter),
    .dealloc = chain_iter_dealloc,
    .repr = chain_iter_repr,
    .iter = self_iter,
    .iternext = chain_iter_next,
};

/* map(fn, *iterables, timeout=None, chunksize=1) */
static RObject *ppe_map(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"timeout", "chunksize", NULL};
    RObject *opts[2] = {NULL, NULL};
    if (r_parse_keywords("map", kw, args + nargs, names, opts) < 0)
        return NULL;
    if (nargs < 1)
        return r_err_format(r_exc_TypeError,
                            r_arg_errors_use_qualname()
                                ? "ProcessPoolExecutor.map() missing 1 required positional "
                                  "argument: 'fn'"
                                : "map() missing 1 required positional argument: 'fn'");
    RObject *one = r_int_from_i64(1);
    RObject *chunksize = opts[1] ? opts[1] : one;
    int too_small = one ? r_richcompare_bool(chunksize, one, R_LT) : -1;
    R_XDECREF(one);
    if (too_small < 0)
        return NULL;
    if (too_small)
        return r_err_format(r_exc_ValueError, "chunksize must be >= 1.");
    ssize_t size = opts[1] ? r_int_as_ssize(opts[1]) : 1;
    if (size == -1 && r_err_occurred())
        return NULL;
    ChunkIter *chunks = (ChunkIter *)r_alloc(&chunk_iter_type);
    if (!chunks)
        return NULL;
    chunks->iterables = r_tuple_from_array(args + 1, (ssize_t)nargs - 1);
    chunks->n = (ssize_t)nargs - 1;
    chunks->chunksize = size;
    RObject *partial_args[2] = {process_chunk_fn, args[0]};
    RObject *partial = chunks->iterables
                           ? r_call((RObject *)&r_partial_type, partial_args, 2, NULL)
                           : NULL;
    /* super().map(partial(_process_chunk, fn), chunks, timeout=timeout) */
    RObject *base_map = r_type_lookup(&r_cf_executor_type, r_str_intern("map"));
    RObject *kwnames = r_tuple_pack(1, r_str_intern("timeout"));
    RObject *results = NULL;
    if (partial && base_map && kwnames) {
        RObject *call_args[4] = {self, partial, (RObject *)chunks, opts[0] ? opts[0] : R_NONE};
        results = r_call(base_map, call_args, 3, kwnames);
    } else if (!r_err_occurred()) {
        r_err_set_string(r_exc_RuntimeError, "Executor.map is missing");
    }
    R_XDECREF(kwnames);
    R_XDECREF(partial);
    R_DECREF(chunks);
    if (!results)
        return NULL;
    ChainIter *chain = (ChainIter *)r_alloc(&chain_iter_type);
    if (!chain) {
        R_DECREF(results);
        return NULL;
    }
    chain->source = results;
    return (RObject *)chain;
}

/* ProcessPoolExecutor(max_workers=None, mp_context=None, initializer=None,
 * initargs=(), *, max_tasks_per_child=None) (the last from 3.11) */
static int ppe_init_fields(ProcessPool *e, RObject *const *opts)
{
    RObject *max_workers = opts[0];
    if (!max_workers || max_workers == R_NONE) {
        /* version: 3.13 counts the CPUs this process may use
         * (os.process_cpu_count), before that os.cpu_count() */
        long cpus = cf_workers_count_process_cpus() ? r_os_process_cpu_count() : r_os_cpu_count();
        e->max_workers = cpus > 0 ? cpus : 1;
    } else {
        RObject *zero = r_int_from_i64(0);
        int le = zero ? r_richcompare_bool(max_workers, zero, R_LE) : -1;
        R_XDECREF(zero);
        if (le < 0)
            return -1;
        if (le) {
            r_err_set_string(r_exc_ValueError, "max_workers must be greater than 0");
            return -1;
        }
        e->max_workers = r_int_as_ssize(max_workers);
        if (e->max_workers == -1 && r_err_occurred())
            return -1;
    }
    if (opts[1] && opts[1] != R_NONE) {
        r_err_set_string(r_exc_ValueError,
                         "mp_context is outside the case language (refpy forks)");
        return -1;
    }
    RObject *initializer = opts[2] && opts[2] != R_NONE ? opts[2] : NULL;
    if (initializer && !R_TYPE(initializer)->call) {
        r_err_set_string(r_exc_TypeError, "initializer must be a callable");
        return -1;
    }
    if (opts[4] && opts[4] != R_NONE) {
        /* 3.11+: a spawn context is chosen for it, which refpy lacks */
        if (!R_INT_CHECK(opts[4])) {
            r_err_set_string(r_exc_TypeError, "max_tasks_per_child must be an integer");
            return -1;
        }
        r_err_set_string(r_exc_ValueError,
                         "max_tasks_per_child needs the spawn start method, outside the case "
                         "language");
        return -1;
    }
    e->initializer = initializer ? r_incref(initializer) : NULL;
    e->initargs = opts[3] ? r_sequence_tuple(opts[3]) : r_tuple_empty();
    e->processes = r_dict_new();
    e->shutdown_lock = cf_lock_new();
    e->broken = r_incref(R_FALSE);
    e->pending_work_items = r_dict_new();
    e->thread_wakeup = cf_wakeup_new();
    if (!e->initargs || !e->processes || !e->shutdown_lock || !e->pending_work_items ||
        !e->thread_wakeup)
        return -1;
    e->call_queue = cf_call_queue_new((int)(e->max_workers + EXTRA_QUEUED_CALLS),
                                      e->pending_work_items, e->shutdown_lock, e->thread_wakeup);
    e->result_queue = e->call_queue ? cf_result_queue_new() : NULL;
    e->work_ids = e->result_queue ? cf_id_queue_new() : NULL;
    CfPoolState *s = e->work_ids ? (CfPoolState *)r_alloc(&state_type) : NULL;
    if (!s)
        return -1;
    s->executor = e;
    s->thread_wakeup = r_incref(e->thread_wakeup);
    s->shutdown_lock = r_incref(e->shutdown_lock);
    s->processes = r_incref(e->processes);
    s->call_queue = r_incref(e->call_queue);
    s->result_queue = r_incref(e->result_queue);
    s->work_ids = r_incref(e->work_ids);
    s->pending_work_items = r_incref(e->pending_work_items);
    e->state = s;
    return 0;
}

static RObject *ppe_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"max_workers", "mp_context", "initializer", "initargs",
                                        "max_tasks_per_child", NULL};
    static const char *const names_310[] = {"max_workers", "mp_context", "initializer",
                                            "initargs", NULL};
    RObject *opts[5] = {NULL, NULL, NULL, NULL, NULL};
    if (r_check_nargs("ProcessPoolExecutor", nargs, 0, 4) < 0)
        return NULL;
    for (size_t i = 0; i < nargs; i++)
        opts[i] = args[i];
    /* version: max_tasks_per_child is new in 3.11 (bpo-44733) */
    const char *fname = r_arg_errors_use_qualname() ? "ProcessPoolExecutor.__init__" : "__init__";
    if (r_parse_keywords(fname, kw, args + nargs, cf_process_pool_takes_max_tasks() ? names : names_310,
                         opts) < 0)
        return NULL;
    ProcessPool *e = (ProcessPool *)r_alloc(type);
    if (!e)
        return NULL;
    if (ppe_init_fields(e, opts) < 0) {
        R_DECREF(e);
        return NULL;
    }
    return (RObject *)e;
}

static void ppe_dealloc(RObject *o)
{
    ProcessPool *e = (ProcessPool *)o;
    CfPoolState *s = e->state;
    if (s) {
        /* the executor's weakref dies: weakref_cb wakes the manager (3.9+
         * under the shutdown lock, when it can be taken) */
        s->executor = NULL;
        RObject *saved = r_err_fetch();
        bool locked = cf_wakeup_guards_closed() &&
                      r_lock_acquire(((CfLock *)s->shutdown_lock)->lock, 0);
        cf_wakeup_wakeup(s->thread_wakeup);
        if (locked)
            cf_lock_release(s->shutdown_lock);
        r_err_restore(saved);
        R_DECREF(s);
    }
    R_XDECREF(e->dict);
    R_XDECREF(e->initializer);
    R_XDECREF(e->initargs);
    R_XDECREF(e->manager_thread);
    R_XDECREF(e->call_queue);
    R_XDECREF(e->result_queue);
    R_XDECREF(e->processes);
    R_XDECREF(e->thread_wakeup);
    R_XDECREF(e->shutdown_lock);
    R_XDECREF(e->pending_work_items);
    R_XDECREF(e->work_ids);
    R_XDECREF(e->broken);
    r_free(o);
}

static RObject *get_max_workers(RObject *o)
{
    return r_int_from_i64(((ProcessPool *)o)->max_workers);
}

static RObject *get_broken(RObject *o)
{
    return r_incref(((ProcessPool *)o)->broken);
}

static const r_getset_def ppe_getsets[] = {
    {"_max_workers", get_max_workers, NULL},
    {"_broken", get_broken, NULL},
    {NULL, NULL, NULL},
};

static const r_method_def ppe_methods[] = {
    {"submit", ppe_submit, 0, NULL},
    {"map", ppe_map, 0, NULL},
    {"shutdown", ppe_shutdown, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_cf_process_pool_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "ProcessPoolExecutor",
    .base = &r_cf_executor_type,
    .basicsize = sizeof(ProcessPool),
    .dictoffset = offsetof(ProcessPool, dict),
    .flags = R_TPFLAGS_BASETYPE,
    .dealloc = ppe_dealloc,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = ppe_methods,
    .getsets = ppe_getsets,
    .tp_new = ppe_tp_new,
};

/* ---- module functions ---- */

/* _rebuild_exc(exc, tb): exc.__cause__ = _RemoteTraceback(tb); return exc */
static RObject *rebuild_exc(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("_rebuild_exc", kw) < 0 || r_check_nargs("_rebuild_exc", nargs, 2, 2) < 0)
        return NULL;
    if (!R_EXC_CHECK(args[0]))
        return r_err_format(r_exc_TypeError, "exception cause must be None or derive from "
                                             "BaseException");
    RObject *rt = cf_remote_traceback_new(args[1]);
    if (!rt)
        return NULL;
    r_exc_set_cause(args[0], rt);
    return r_incref(args[0]);
}

/* _process_chunk(fn, chunk): [fn(*args) for args in chunk] */
static RObject *process_chunk(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("_process_chunk", kw) < 0 ||
        r_check_nargs("_process_chunk", nargs, 2, 2) < 0)
        return NULL;
    RObject *it = r_get_iter(args[1]);
    RObject *out = it ? r_list_new(0) : NULL;
    RObject *call_args;
    while (out && (call_args = r_iter_next(it))) {
        RObject *r = r_vm_call_ex(args[0], call_args, NULL);
        R_DECREF(call_args);
        if (!r || r_list_append(out, r) < 0)
            R_CLEAR(out);
        R_XDECREF(r);
    }
    R_XDECREF(it);
    if (out && r_err_occurred())
        R_CLEAR(out);
    return out;
}

static const r_method_def module_functions[] = {
    {"_rebuild_exc", rebuild_exc, 0, NULL},
    {"_process_chunk", process_chunk, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- exit ---- */

/* _python_exit: no new work, wake every manager and join it */
static void python_exit(void *unused)
{
    (void)unused;
    cf_global_shutdown = true;
    RObject *items = threads_wakeups ? r_sequence_list(threads_wakeups) : NULL;
    if (!items)
        return;
    for (ssize_t i = 0; i < R_LIST_SIZE(items); i++)
        cf_wakeup_wakeup(R_TUPLE_GET(R_LIST_ITEMS(items)[i], 1));
    for (ssize_t i = 0; i < R_LIST_SIZE(items); i++) {
        RObject *r = r_call_method(R_TUPLE_GET(R_LIST_ITEMS(items)[i], 0), "join", NULL, 0);
        if (!r)
            r_err_clear();
        R_XDECREF(r);
    }
    R_DECREF(items);
}

/* multiprocessing.util._exit_function, registered with atexit when
 * multiprocessing is imported (before process.py registers its own) */
static void multiprocessing_exit(void *unused)
{
    (void)unused;
    cf_queues_exit_function();
}

static int ready_static(RType *t, const char *module, const char *qualname)
{
    if (t->ready)
        return 0;
    t->module = r_str_intern(module);
    t->qualname = r_str_intern(qualname);
    R_INCREF(t->module);
    R_INCREF(t->qualname);
    return r_type_ready(t);
}

static bool initialised;

static int process_init(void)
{
    if (initialised)
        return 0;
    if (r_cf_base_init() < 0 || r_cf_pickle_init() < 0 || make_classes() < 0 ||
        cf_manager_init() < 0 || !(threads_wakeups = r_list_new(0)))
        return -1;
    if (ready_static(&r_cf_process_pool_type, MODULE_NAME, "ProcessPoolExecutor") < 0 ||
        r_type_ready(&cf_exception_with_traceback_type) < 0 ||
        r_type_ready(&string_writer_type) < 0)
        return -1;
    if (r_hook_list_add(&r_atexit_hooks, multiprocessing_exit, NULL) < 0)
        return -1;
    /* version: threading._register_atexit(_python_exit) from 3.9 (bpo-39812);
     * atexit.register(_python_exit) in 3.8 */
    if ((cf_manager_is_thread_subclass() ? r_threading_register_atexit(python_exit, NULL)
                                         : r_hook_list_add(&r_atexit_hooks, python_exit, NULL)) < 0)
        return -1;
    initialised = true;
    return 0;
}

int r_cf_process_module_fill(RObject *module)
{
    if (process_init() < 0 || r_module_add_functions(module, module_functions) < 0)
        return -1;
    RObject *dict = r_module_dict(module);
    process_chunk_fn = r_dict_get_item_cstr(dict, "_process_chunk");
    cf_rebuild_exc_fn = r_dict_get_item_cstr(dict, "_rebuild_exc");
    RObject *extra = r_int_from_i64(EXTRA_QUEUED_CALLS);
    int rc = extra && r_module_add_object(module, "ProcessPoolExecutor",
                                          (RObject *)&r_cf_process_pool_type) == 0 &&
                     r_module_add_object(module, "BrokenProcessPool",
                                         (RObject *)cf_BrokenProcessPool) == 0 &&
                     r_module_add_object(module, "_RemoteTraceback",
                                         (RObject *)remote_traceback_class) == 0 &&
                     r_module_add_object(module, "_ExceptionWithTraceback",
                                         (RObject *)&cf_exception_with_traceback_type) == 0 &&
                     r_module_add_object(module, "EXTRA_QUEUED_CALLS", extra) == 0
                 ? 0
                 : -1;
    R_XDECREF(extra);
    return rc;
}
