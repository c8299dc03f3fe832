/* The thread of a process pool that moves work to the workers and results
 * back (Lib/concurrent/futures/process.py): 3.9+'s _ExecutorManagerThread
 * (a threading.Thread subclass whose run() this is) and 3.8's
 * _queue_management_worker (the target of a daemon "QueueManagerThread").
 * It waits on the result pipe, the wakeup pipe and every worker's
 * sentinel; a sentinel ready without a result means a worker died, and the
 * pool is broken. Futures complete here, so their callbacks run in this
 * thread. */
#include "cf_process_internal.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include "boolobject.h"
#include "cf_future.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "gil.h"
#include "intobject.h"
#include "listobject.h"
#include "strobject.h"
#include "threadingmodule.h"
#include "tupleobject.h"
#include "typeobject.h"

/* self.executor_reference(): the executor or NULL, a new reference */
static ProcessPool *executor_of(CfPoolState *s)
{
    return s->executor ? (ProcessPool *)r_incref((RObject *)s->executor) : NULL;
}

/* is_shutting_down (3.8's shutting_down()) */
static bool is_shutting_down(CfPoolState *s)
{
    return cf_global_shutdown || !s->executor || s->executor->shutdown_thread;
}

static RObject *work_id_key(int64_t id)
{
    return r_int_from_i64(id);
}

/* pending_work_items.pop(key, None): a new reference or NULL */
static RObject *pop_pending(RObject *pending, RObject *key)
{
    RObject *w = r_dict_get_item(pending, key);
    if (!w)
        return NULL;
    R_INCREF(w);
    r_dict_del_item(pending, key);
    return w;
}

/* add_call_item_to_queue: fills the call queue, never blocking */
static int add_call_item_to_queue(CfPoolState *s)
{
    for (;;) {
        if (cf_call_queue_full(s->call_queue))
            return 0;
        int64_t id;
        if (!cf_id_queue_get_nowait(s->work_ids, &id))
            return 0;
        RObject *key = work_id_key(id);
        if (!key)
            return -1;
        RObject *w = r_dict_get_item(s->pending_work_items, key);
        if (!w) {
            r_err_set_object(r_exc_KeyError, key);
            R_DECREF(key);
            return -1;
        }
        R_INCREF(w);
        int running = r_cf_future_set_running_or_notify_cancel(((CfWorkItem *)w)->future);
        int rc = running;
        if (running > 0) {
            RObject *item = cf_call_item_new(id, (CfWorkItem *)w);
            rc = item ? cf_call_queue_put(s->call_queue, item, true) : -1;
            R_XDECREF(item);
        } else if (running == 0) {
            rc = r_dict_del_item(s->pending_work_items, key);
        }
        R_DECREF(w);
        R_DECREF(key);
        if (rc < 0)
            return -1;
    }
}

/* get_n_children_alive */
static ssize_t children_alive(CfPoolState *s)
{
    ssize_t n = 0, pos = 0;
    RObject *k, *p;
    while (r_dict_next(s->processes, &pos, &k, &p))
        n += cf_process_is_alive(p);
    return n;
}

/* shutdown_workers (3.8: the first half of shutdown_worker): one None per
 * live worker, as room in the call queue allows */
static int shutdown_workers(CfPoolState *s)
{
    ssize_t to_stop = children_alive(s), sent = 0;
    while (sent < to_stop && children_alive(s) > 0) {
        for (ssize_t i = 0; i < to_stop - sent; i++) {
            int rc = cf_call_queue_put(s->call_queue, R_NONE, false);
            if (rc < 0)
                return -1;
            if (rc > 0) {
                /* queue.Full: the Python loop spins here, giving the GIL
                 * away at each switch interval; so does this one */
                R_BEGIN_ALLOW_THREADS
                usleep(1000);
                R_END_ALLOW_THREADS
                break;
            }
            sent++;
        }
    }
    return 0;
}

static void join_processes(CfPoolState *s, bool terminate_first)
{
    RObject *procs = r_dict_copy(s->processes);
    if (!procs) {
        r_err_clear();
        return;
    }
    ssize_t pos = 0;
    RObject *k, *p;
    while (r_dict_next(procs, &pos, &k, &p)) {
        if (terminate_first)
            cf_process_terminate(p);
        cf_process_join(p);
    }
    R_DECREF(procs);
}

/* _join_executor_internals(broken) (3.9+) and 3.8's shutdown_worker */
static int join_executor_internals(CfPoolState *s, bool broken)
{
    if (!broken && shutdown_workers(s) < 0)
        return -1;
    /* Release the queue's resources as soon as possible. */
    cf_call_queue_close(s->call_queue);
    if (cf_manager_is_thread_subclass()) {
        if (cf_call_queue_join_thread(s->call_queue) < 0)
            return -1;
        /* 3.9-3.11 take the lock here; 3.12 holds it around all of this */
        if (!cf_terminate_broken_locked())
            cf_lock_acquire(s->shutdown_lock);
        cf_wakeup_close(s->thread_wakeup);
        if (!cf_terminate_broken_locked())
            cf_lock_release(s->shutdown_lock);
    }
    join_processes(s, broken);
    return 0;
}

/* join_executor_internals: 3.12 runs it under the shutdown lock */
static int join_executor_internals_locked(CfPoolState *s)
{
    bool locked = cf_terminate_broken_locked();
    if (locked)
        cf_lock_acquire(s->shutdown_lock);
    int rc = join_executor_internals(s, false);
    if (locked)
        cf_lock_release(s->shutdown_lock);
    return rc;
}

/* terminate_broken(cause): the pool cannot be used any more; every
 * pending future fails with one BrokenProcessPool */
static int terminate_broken(CfPoolState *s, RObject *cause)
{
    bool locked = cf_terminate_broken_locked();
    if (locked)
        cf_lock_acquire(s->shutdown_lock);
    int rc = -1;
    RObject *bpe = NULL, *items = NULL;
    /* Mark the process pool broken so that submits fail right now. */
    ProcessPool *e = executor_of(s);
    if (e) {
        R_SETREF(e->broken, r_str_from_cstr("A child process terminated abruptly, the process "
                                            "pool is not usable anymore"));
        e->shutdown_thread = true;
        R_DECREF(e);
    }
    bpe = r_exc_new_cstr(cf_BrokenProcessPool, "A process in the process pool was terminated "
                                                "abruptly while the future was running or "
                                                "pending.");
    if (!bpe || (cause && cf_attach_remote_traceback(bpe, cause, "'''") < 0))
        goto out;
    /* Mark pending tasks as failed. */
    items = r_dict_copy(s->pending_work_items);
    if (!items)
        goto out;
    ssize_t pos = 0;
    RObject *k, *w;
    while (r_dict_next(items, &pos, &k, &w)) {
        if (r_cf_future_set_exception(((CfWorkItem *)w)->future, bpe) == 0)
            continue;
        /* 3.12 ignores InvalidStateError (a cancelled future); before,
         * it ends the thread */
        if (!locked || !r_err_matches(r_cf_InvalidStateError))
            goto out;
        r_err_clear();
    }
    /* self.pending_work_items.clear() */
    while (r_dict_size(s->pending_work_items) > 0) {
        ssize_t first = 0;
        RObject *key, *val;
        r_dict_next(s->pending_work_items, &first, &key, &val);
        R_INCREF(key);
        int del = r_dict_del_item(s->pending_work_items, key);
        R_DECREF(key);
        if (del < 0)
            goto out;
    }
    /* Terminate remaining workers forcibly: the queues or their locks may
     * be in a dirty state and block forever. */
    pos = 0;
    while (r_dict_next(s->processes, &pos, &k, &w))
        cf_process_terminate(w);
    if (!cf_manager_is_thread_subclass()) {
        rc = join_executor_internals(s, false); /* 3.8's shutdown_worker() */
    } else if (locked) {
        rc = cf_call_queue_terminate_broken(s->call_queue);
        if (rc == 0)
            rc = join_executor_internals(s, true);
    } else {
        if (cf_broken_closes_call_reader())
            cf_call_queue_close_reader(s->call_queue);
        rc = join_executor_internals(s, false);
    }
out:
    R_XDECREF(items);
    R_XDECREF(bpe);
    if (locked)
        cf_lock_release(s->shutdown_lock);
    return rc;
}

/* wait_result_broken_or_wakeup: 0, with *result (or NULL), *broken and
 * *cause (the formatted error receiving the result raised, or NULL) */
static int wait_result_broken_or_wakeup(CfPoolState *s, RObject **result, bool *broken,
                                        RObject **cause)
{
    *result = *cause = NULL;
    *broken = true;
    CfResultQueue *rq = (CfResultQueue *)s->result_queue;
    CfWakeup *wk = (CfWakeup *)s->thread_wakeup;
    ssize_t nproc = r_dict_size(s->processes);
    struct pollfd *fds = calloc((size_t)nproc + 2, sizeof *fds);
    if (!fds) {
        r_err_no_memory();
        return -1;
    }
    fds[0] = (struct pollfd){rq->reader, POLLIN, 0};
    fds[1] = (struct pollfd){wk->reader, POLLIN, 0};
    ssize_t pos = 0, n = 2;
    RObject *k, *p;
    while (r_dict_next(s->processes, &pos, &k, &p))
        fds[n++] = (struct pollfd){((CfProcess *)p)->sentinel, POLLIN, 0};
    int ready;
    R_BEGIN_ALLOW_THREADS
    do
        ready = poll(fds, (nfds_t)n, -1);
    while (ready < 0 && errno == EINTR);
    R_END_ALLOW_THREADS
    bool result_ready = fds[0].revents != 0, wakeup_ready = fds[1].revents != 0;
    free(fds);
    if (result_ready) {
        *result = cf_result_queue_recv(s->result_queue);
        if (*result) {
            *broken = false;
        } else {
            RObject *exc = r_err_fetch();
            *cause = cf_format_exception(exc);
            R_DECREF(exc);
            if (!*cause)
                return -1;
        }
    } else if (wakeup_ready) {
        *broken = false;
    }
    bool lock = cf_manager_is_thread_subclass() && !cf_clear_wakeup_unlocked();
    if (lock)
        cf_lock_acquire(s->shutdown_lock);
    cf_wakeup_clear(s->thread_wakeup);
    if (lock)
        cf_lock_release(s->shutdown_lock);
    return 0;
}

/* A worker's pid: it stopped cleanly after a None (3.8-3.12; 3.13 drops
 * the branch, which no path reaches: the None are only sent when the
 * manager is about to return). 1 when the manager is done. */
static int worker_exited(CfPoolState *s, RObject *pid)
{
    RObject *p = r_dict_get_item(s->processes, pid);
    if (p) {
        R_INCREF(p);
        r_dict_del_item(s->processes, pid);
        cf_process_join(p);
        R_DECREF(p);
    }
    if (r_dict_size(s->processes) > 0)
        return 0;
    return join_executor_internals_locked(s) < 0 ? -1 : 1;
}

/* process_result_item: set the future's result or exception */
static int process_result_item(CfPoolState *s, RObject *item)
{
    if (R_INT_CHECK(item))
        return worker_exited(s, item);
    if (!R_TUPLE_CHECK(item) || R_TUPLE_SIZE(item) != 4) {
        r_err_set_string(r_exc_TypeError, "unexpected result item");
        return -1;
    }
    RObject *w = pop_pending(s->pending_work_items, R_TUPLE_GET(item, 0));
    /* work_item can be None if another process terminated */
    if (!w)
        return r_err_occurred() ? -1 : 0;
    RObject *exc = R_TUPLE_GET(item, 1);
    int raised = r_is_true(exc);
    int rc = raised < 0 ? -1
             : raised  ? r_cf_future_set_exception(((CfWorkItem *)w)->future, exc)
                       : r_cf_future_set_result(((CfWorkItem *)w)->future, R_TUPLE_GET(item, 2));
    R_DECREF(w);
    return rc;
}

/* flag_executor_shutting_down (3.9+): cancel_futures cancels what has not
 * reached a worker, and only once */
static int flag_executor_shutting_down(CfPoolState *s)
{
    ProcessPool *e = executor_of(s);
    if (!e)
        return 0;
    e->shutdown_thread = true;
    int rc = 0;
    if (e->cancel_pending_futures) {
        RObject *kept = r_dict_new();
        ssize_t pos = 0;
        RObject *k, *w;
        rc = kept ? 0 : -1;
        while (rc == 0 && r_dict_next(s->pending_work_items, &pos, &k, &w)) {
            int cancelled = r_cf_future_cancel(((CfWorkItem *)w)->future);
            rc = cancelled < 0 ? -1 : cancelled ? 0 : r_dict_set_item(kept, k, w);
        }
        if (rc == 0) {
            R_SETREF(s->pending_work_items, kept);
            kept = NULL;
            int64_t id;
            while (cf_id_queue_get_nowait(s->work_ids, &id))
                ;
            e->cancel_pending_futures = false;
        }
        R_XDECREF(kept);
    }
    R_DECREF(e);
    return rc;
}

/* 3.8's _queue_management_worker */
static int queue_management_worker(CfPoolState *s)
{
    for (;;) {
        if (add_call_item_to_queue(s) < 0)
            return -1;
        RObject *result, *cause;
        bool broken;
        if (wait_result_broken_or_wakeup(s, &result, &broken, &cause) < 0)
            return -1;
        if (broken) {
            int rc = terminate_broken(s, cause);
            R_XDECREF(cause);
            return rc;
        }
        if (result) {
            int rc = process_result_item(s, result);
            R_DECREF(result);
            if (rc != 0)
                return rc < 0 ? -1 : 0;
        }
        if (is_shutting_down(s)) {
            if (s->executor)
                s->executor->shutdown_thread = true;
            if (r_dict_size(s->pending_work_items) == 0)
                return join_executor_internals(s, false);
        }
    }
}

/* _ExecutorManagerThread.run (3.9+) */
static int executor_manager_run(CfPoolState *s)
{
    for (;;) {
        if (add_call_item_to_queue(s) < 0) {
            if (!cf_terminate_broken_locked())
                return -1;
            /* 3.12 (gh-109047): the pool breaks with the error as cause */
            RObject *exc = r_err_fetch();
            RObject *cause = cf_format_exception(exc);
            R_DECREF(exc);
            int rc = cause ? terminate_broken(s, cause) : -1;
            R_XDECREF(cause);
            return rc;
        }
        RObject *result, *cause;
        bool broken;
        if (wait_result_broken_or_wakeup(s, &result, &broken, &cause) < 0)
            return -1;
        if (broken) {
            int rc = terminate_broken(s, cause);
            R_XDECREF(cause);
            return rc;
        }
        if (result) {
            int rc = process_result_item(s, result);
            /* del result_item; the idle-worker semaphore it would release
             * only matters to start methods other than fork */
            R_DECREF(result);
            if (rc != 0)
                return rc < 0 ? -1 : 0;
        }
        if (is_shutting_down(s)) {
            if (flag_executor_shutting_down(s) < 0)
                return -1;
            if (cf_refill_when_shutting_down() && add_call_item_to_queue(s) < 0)
                return -1;
            if (r_dict_size(s->pending_work_items) == 0)
                return join_executor_internals_locked(s);
        }
    }
}

static RObject *run_manager(CfPoolState *s)
{
    int rc = cf_manager_is_thread_subclass() ? executor_manager_run(s)
                                             : queue_management_worker(s);
    if (rc < 0)
        return NULL; /* threading's excepthook reports it */
    R_RETURN_NONE;
}

/* 3.8: the thread's target, bound to the state */
static RObject *manager_target(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    return run_manager((CfPoolState *)self);
}

static const r_method_def target_def = {"_queue_management_worker", manager_target, 0, NULL};

/* 3.9+: _ExecutorManagerThread.run(self) */
#define STATE_ATTRIBUTE "_pool_state"

static RObject *manager_run_method(RObject *self, RObject *const *args, size_t nargs,
                                   RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    RObject *dict = r_instance_dict(self);
    RObject *state = dict ? r_dict_get_item_cstr(dict, STATE_ATTRIBUTE) : NULL;
    if (!state)
        return r_err_format(r_exc_AttributeError, "'_ExecutorManagerThread' object has no "
                                                  "attribute '" STATE_ATTRIBUTE "'");
    R_INCREF(state);
    RObject *res = run_manager((CfPoolState *)state);
    R_DECREF(state);
    return res;
}

static const r_method_def run_def = {"run", manager_run_method, 0, NULL};

static RObject *manager_class; /* _ExecutorManagerThread */

int cf_manager_init(void)
{
    if (manager_class)
        return 0;
    if (r_type_ready(&r_thread_type) < 0)
        return -1;
    RObject *name = r_str_from_cstr("_ExecutorManagerThread");
    RObject *bases = r_tuple_pack(1, (RObject *)&r_thread_type);
    RObject *dict = r_dict_new();
    RObject *module = r_str_from_cstr("concurrent.futures.process");
    RObject *run = r_method_descr_new(&r_thread_type, &run_def);
    if (name && bases && dict && module && run &&
        r_dict_set_item_cstr(dict, "__module__", module) == 0 &&
        r_dict_set_item_cstr(dict, "run", run) == 0)
        manager_class = r_type_new(name, bases, dict);
    R_XDECREF(name);
    R_XDECREF(bases);
    R_XDECREF(dict);
    R_XDECREF(module);
    R_XDECREF(run);
    return manager_class ? 0 : -1;
}

RObject *cf_manager_start(CfPoolState *s)
{
    RObject *t = NULL;
    if (cf_manager_is_thread_subclass()) {
        /* _ExecutorManagerThread(self): a Thread named by the counter */
        t = r_call(manager_class, NULL, 0, NULL);
        RObject *dict = t ? r_instance_dict(t) : NULL;
        if (t && (!dict || r_dict_set_item_cstr(dict, STATE_ATTRIBUTE, (RObject *)s) < 0))
            R_CLEAR(t);
    } else {
        RObject *target = r_cfunction_new(&target_def, (RObject *)s, NULL);
        RObject *tname = r_str_from_cstr("QueueManagerThread");
        RObject *kwnames = r_tuple_pack(3, r_str_intern("target"), r_str_intern("name"),
                                        r_str_intern("daemon"));
        if (target && tname && kwnames) {
            RObject *call_args[3] = {target, tname, R_TRUE};
            t = r_call((RObject *)&r_thread_type, call_args, 0, kwnames);
        }
        R_XDECREF(target);
        R_XDECREF(tname);
        R_XDECREF(kwnames);
    }
    RObject *started = t ? r_call_method(t, "start", NULL, 0) : NULL;
    if (!started) {
        R_XDECREF(t);
        return NULL;
    }
    R_DECREF(started);
    return t;
}
