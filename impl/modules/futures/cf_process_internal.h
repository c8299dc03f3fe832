/* The pieces of concurrent.futures.process and of the multiprocessing
 * machinery under it, shared by the files that make up the process pool:
 *
 *   cf_process_queues.c   multiprocessing's Queue (with its feeder thread),
 *                         SimpleQueue and the pool's _ThreadWakeup pipe
 *   cf_process_popen.c    a worker process: fork (popen_fork), its
 *                         sentinel, poll/join/terminate, and the child's
 *                         side (_bootstrap and _process_worker)
 *   cf_process_manager.c  the manager thread (_ExecutorManagerThread,
 *                         3.8's _queue_management_worker)
 *   cf_process.c          ProcessPoolExecutor and the module
 *
 * Every function here is called with the GIL held and releases it around
 * what blocks. */
#ifndef REFPY_CF_PROCESS_INTERNAL_H
#define REFPY_CF_PROCESS_INTERNAL_H

#include <semaphore.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "object.h"
#include "thread.h"

#include "cf_profile.h"

/* ---- helpers of cf_process.c ---- */

/* ''.join(traceback.format_exception(type(exc), exc, exc.__traceback__)) */
RObject *cf_format_exception(RObject *exc);
/* _RemoteTraceback(text) */
RObject *cf_remote_traceback_new(RObject *text);
/* exc.__cause__ = _RemoteTraceback(fmt % ''.join(format_exception(cause))),
 * fmt being '\n"""\n%s"""' (results) or "\n'''\n%s'''" (a broken pool) */
int cf_attach_remote_traceback(RObject *exc, RObject *formatted, const char *quote);
extern RType *cf_BrokenProcessPool;
extern bool cf_global_shutdown; /* process.py's _global_shutdown */

/* ---- a lock as threading.Lock, usable from C ---- */

typedef struct {
    RObject ob;
    r_lock *lock;
} CfLock;

RObject *cf_lock_new(void);
void cf_lock_acquire(RObject *lock); /* blocks with the GIL released */
void cf_lock_release(RObject *lock);

/* ---- framing, as multiprocessing.connection's send_bytes/recv_bytes:
 * a 4-byte big-endian length, -1 and 8 more bytes beyond 2**31-1. Both
 * run without touching objects (the caller has released the GIL). ---- */

int cf_send_frame(int fd, const char *data, size_t n); /* 0 or an errno */
/* 0 with *data malloc'd; ECONNRESET-like errno; -1 at end of file */
int cf_recv_frame(int fd, char **data, size_t *n);

/* ---- _ThreadWakeup: a pipe the manager waits on ---- */

typedef struct {
    RObject ob;
    int reader, writer;
    bool closed;
} CfWakeup;

RObject *cf_wakeup_new(void);
/* wakeup(): nothing once closed (3.8 would raise OSError "handle is
 * closed" on a path no case can take: after shutdown(wait=False)) */
int cf_wakeup_wakeup(RObject *w);
void cf_wakeup_clear(RObject *w);
void cf_wakeup_close(RObject *w);

/* ---- multiprocessing.Queue as _SafeQueue: a pipe the workers read one
 * message at a time (rlock), at most maxsize messages in flight (sem),
 * filled by a feeder thread that pickles what put() buffers ---- */

typedef struct {
    sem_t rlock; /* _rlock */
    sem_t slots; /* _sem, a BoundedSemaphore(maxsize) */
} CfCallLocks;

typedef struct CfFeedBuffer CfFeedBuffer;

typedef struct {
    RObject ob;
    int reader, writer;
    CfCallLocks *locks; /* shared with the workers (an anonymous mapping) */
    bool closed;         /* _closed */
    bool close_sent;     /* the _close finalizer has run */
    RObject *thread;     /* the feeder threading.Thread, or NULL */
    CfFeedBuffer *buffer;
    /* _SafeQueue */
    RObject *pending_work_items; /* dict: work id -> _WorkItem */
    RObject *shutdown_lock;      /* CfLock */
    RObject *thread_wakeup;      /* CfWakeup */
} CfCallQueue;

RObject *cf_call_queue_new(int maxsize, RObject *pending_work_items, RObject *shutdown_lock,
                           RObject *thread_wakeup);
bool cf_call_queue_full(RObject *q);
/* put(obj, block): 0, 1 when full and not blocking (queue.Full), -1 error */
int cf_call_queue_put(RObject *q, RObject *obj, bool block);
void cf_call_queue_close(RObject *q);
int cf_call_queue_join_thread(RObject *q);
void cf_call_queue_close_reader(RObject *q);
/* Queue._terminate_broken (3.12) */
int cf_call_queue_terminate_broken(RObject *q);
/* In a worker: get(block=True); NULL with no exception at end of file */
RObject *cf_call_queue_get(RObject *q);

/* ---- multiprocessing.SimpleQueue for the results ---- */

typedef struct {
    sem_t wlock;
} CfResultLocks;

typedef struct {
    RObject ob;
    int reader, writer;
    CfResultLocks *locks;
} CfResultQueue;

RObject *cf_result_queue_new(void);
/* In a worker: put(obj); the pickling error is raised before anything is
 * written */
int cf_result_queue_put(RObject *q, RObject *obj);
/* In the manager: _reader.recv() */
RObject *cf_result_queue_recv(RObject *q);
void cf_result_queue_close(RObject *q);

/* At exit, as multiprocessing.util._exit_function: every started feeder
 * is told to stop, every child not yet joined is joined, the feeders are
 * joined. Registered once (atexit). */
void cf_queues_exit_function(void);
int cf_register_feeder(RObject *q);

/* ---- _WorkItem and _CallItem ---- */

typedef struct {
    RObject ob;
    RObject *future, *fn, *args, *kwargs; /* kwargs: a dict */
} CfWorkItem;

typedef struct {
    RObject ob;
    int64_t work_id;
    RObject *fn, *args, *kwargs;
} CfCallItem;

extern RType cf_work_item_type, cf_call_item_type;
RObject *cf_call_item_new(int64_t work_id, CfWorkItem *w);

/* ---- a worker process (multiprocessing's ForkProcess) ---- */

typedef struct {
    RObject ob;
    pid_t pid;
    int sentinel;        /* read end of a pipe only the child holds open */
    int returncode;      /* valid when exited */
    bool exited;
    RObject *name;       /* "ForkProcess-N" */
} CfProcess;

/* Process(target=_process_worker, args=(call_queue, result_queue,
 * initializer, initargs)).start(): forks; only the parent returns. */
RObject *cf_process_start(RObject *call_queue, RObject *result_queue, RObject *initializer,
                          RObject *initargs);
/* `for p in active_children(): p.join()` (util._exit_function) */
void cf_join_active_children(void);
/* _ExceptionWithTraceback, whose __reduce__ names _rebuild_exc (the
 * module's function, set when the module is made) */
extern RType cf_exception_with_traceback_type;
extern RObject *cf_rebuild_exc_fn;
bool cf_process_is_alive(RObject *p);
void cf_process_join(RObject *p);
void cf_process_terminate(RObject *p);

/* ---- the pool's state, as the manager thread holds it ---- */

typedef struct CfIdQueue CfIdQueue; /* queue.Queue of work ids */

struct ProcessPool;

typedef struct {
    RObject ob;
    struct ProcessPool *executor; /* weakref.ref(executor): NULL once collected */
    RObject *thread_wakeup;       /* CfWakeup */
    RObject *shutdown_lock;       /* CfLock */
    RObject *processes;           /* dict: pid -> CfProcess */
    RObject *call_queue;          /* CfCallQueue */
    RObject *result_queue;        /* CfResultQueue */
    RObject *work_ids;            /* CfIdQueue */
    RObject *pending_work_items;  /* dict: work id -> CfWorkItem */
} CfPoolState;

/* queue.Queue of ints, only ever read without blocking */
RObject *cf_id_queue_new(void);
int cf_id_queue_put(RObject *q, int64_t id);
bool cf_id_queue_get_nowait(RObject *q, int64_t *id);

/* The executor as the manager sees it through its weak reference. */
typedef struct ProcessPool {
    RObject ob;
    RObject *dict;
    ssize_t max_workers;
    RObject *initializer, *initargs;
    CfPoolState *state;
    /* the attributes shutdown() drops to None */
    RObject *manager_thread;
    RObject *call_queue, *result_queue, *processes, *thread_wakeup;
    RObject *shutdown_lock;
    RObject *pending_work_items;
    RObject *work_ids;
    RObject *broken; /* False or the message */
    bool shutdown_thread;
    bool cancel_pending_futures;
    int64_t queue_count;
} ProcessPool;

/* _ExecutorManagerThread(executor) (3.9+) or 3.8's threading.Thread(
 * target=_queue_management_worker, name="QueueManagerThread",
 * daemon=True): a started thread, a new reference. */
RObject *cf_manager_start(CfPoolState *state);
int cf_manager_init(void);

#endif
