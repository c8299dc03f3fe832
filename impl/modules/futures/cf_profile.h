/* The concurrent.futures rows of refpy's version table (see
 * impl/objects/profile.h for the language's): each difference between
 * CPython 3.8 and 3.13 in Lib/concurrent/futures and what it relies on,
 * one named predicate used at the one place where CPython's source
 * differs. */
#ifndef REFPY_CF_PROFILE_H
#define REFPY_CF_PROFILE_H

#include <stdbool.h>

#include "profile.h"

/* ---- _base.py ---- */

/* 3.11 (bpo-42413): concurrent.futures.TimeoutError is the builtin */
static inline bool cf_timeout_error_is_builtin(void) { return r_profile.minor >= 11; }
/* 3.9 (bpo-40360): wait() starts with fs = set(fs); 3.8 keeps the list,
 * duplicates and all */
static inline bool cf_wait_takes_a_set(void) { return r_profile.minor >= 9; }
/* 3.9 (bpo-22393): map's iterator gets each result through
 * _result_or_cancel, cancelling the future however result() ends */
static inline bool cf_map_cancels_each_future(void) { return r_profile.minor >= 9; }
/* 3.9 (bpo-37116): submit(self, fn, /, ...); 3.8 still takes fn= with a
 * DeprecationWarning */
static inline bool cf_submit_fn_is_positional_only(void) { return r_profile.minor >= 9; }
/* 3.13: the default worker count uses os.process_cpu_count() */
static inline bool cf_workers_count_process_cpus(void) { return r_profile.minor >= 13; }

/* ---- thread.py ---- */

/* 3.9 (bpo-39812): workers are non-daemon and joined through
 * threading._register_atexit, under a _global_shutdown_lock taken by
 * submit; 3.8's are daemon threads joined by an atexit hook */
static inline bool cf_threads_join_through_threading_atexit(void) { return r_profile.minor >= 9; }
/* 3.9 (bpo-39349): shutdown(wait=True, *, cancel_futures=False) */
static inline bool cf_shutdown_takes_cancel_futures(void) { return r_profile.minor >= 9; }
/* 3.12 (gh-94440): a worker releases the idle semaphore only when it finds
 * the queue empty; before, after every item */
static inline bool cf_idle_only_when_queue_empty(void) { return r_profile.minor >= 12; }

/* ---- process.py ---- */

/* 3.9 (bpo-39812): _ExecutorManagerThread, a non-daemon threading.Thread
 * subclass, and _python_exit through threading._register_atexit; 3.8 runs
 * _queue_management_worker in a daemon "QueueManagerThread" and registers
 * _python_exit with atexit */
static inline bool cf_manager_is_thread_subclass(void) { return r_profile.minor >= 9; }
/* 3.9 (bpo-39104): _ThreadWakeup ignores wakeup()/clear() once closed,
 * the manager closes it, and the feeder's error path and the executor's
 * weakref callback wake the manager under the shutdown lock */
static inline bool cf_wakeup_guards_closed(void) { return r_profile.minor >= 9; }
/* 3.9: shutdown() leaves the call queue to the manager and closes the
 * result queue; 3.8's closes the call queue and the wakeup itself */
static inline bool cf_shutdown_leaves_call_queue(void) { return r_profile.minor >= 9; }
/* 3.10 (bpo-43498): the manager fills the call queue again once shutting
 * down, so that cancelled futures do not leave it waiting for ever */
static inline bool cf_refill_when_shutting_down(void) { return r_profile.minor >= 10; }
/* 3.11: wait_result_broken_or_wakeup clears the wakeup without the lock
 * (gh-105829), terminate_broken closes the call queue's reader */
static inline bool cf_clear_wakeup_unlocked(void) { return r_profile.minor >= 11; }
static inline bool cf_broken_closes_call_reader(void) { return r_profile.minor >= 11; }
/* 3.12 (gh-109047, gh-107219, gh-105829): a failing add_call_item_to_queue
 * breaks the pool, terminate_broken runs under the shutdown lock, ignores
 * InvalidStateError and skips shutdown_workers */
static inline bool cf_terminate_broken_locked(void) { return r_profile.minor >= 12; }

/* ---- what the pickler says (Modules/_pickle.c, Lib/threading.py, _io) ---- */

/* 3.13: a local object is "Can't get local object", before "Can't pickle" */
static inline bool cf_pickle_says_cant_get_local(void) { return r_profile.minor >= 13; }
/* 3.13: a Thread keeps a _thread._ThreadHandle first */
static inline bool cf_thread_holds_thread_handle(void) { return r_profile.minor >= 13; }
/* 3.12 (gh-100204): _io refuses with its own message */
static inline bool cf_textio_refuses_itself(void) { return r_profile.minor >= 12; }
/* 3.11 (bpo-44733): ProcessPoolExecutor(max_tasks_per_child=) */
static inline bool cf_process_pool_takes_max_tasks(void) { return r_profile.minor >= 11; }
/* 3.9: _ExceptionWithTraceback drops the exception's traceback */
static inline bool cf_remote_exception_drops_traceback(void) { return r_profile.minor >= 9; }

#endif
