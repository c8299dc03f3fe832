/* refpy's asyncio: the objects the files of impl/modules/asyncio share.
 *
 * Each file mirrors one of CPython's (aio_loop.c base_events.py,
 * aio_handles.c events.py's Handle, aio_futures.c and aio_tasks.c
 * Modules/_asynciomodule.c, ...) and is a transliteration of it: the same
 * calls in the same order, so that orderings, reference lifetimes and
 * messages come out as CPython's do. Version differences are profile
 * predicates (profile.h) at the spot where CPython's source differs. */
#ifndef REFPY_AIO_H
#define REFPY_AIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <uv.h>

#include "asyncgen.h"
#include "object.h"
#include "profile.h"
#include "progress.h"

/* ---- events.py: Handle and TimerHandle (aio_handles.c) ---- */

/* what only debug mode gives a handle, out of line */
typedef struct {
    RObject *source_traceback; /* a list of (file, line, name), or NULL */
    RObject *repr;             /* the repr kept by cancel(), or NULL */
} AioHandleDebug;

typedef struct {
    RObject ob;
    RObject *callback; /* NULL once cancelled */
    /* the arguments: a tuple, or with one_arg the one argument of most
     * handles (a future), whose tuple is made when _args is read */
    RObject *args;
    RObject *loop;
    RObject *context;  /* what context= gave (refpy has no contextvars), or None */
    AioHandleDebug *debug; /* NULL outside debug mode */
    bool cancelled;
    bool scheduled; /* TimerHandle's: in the loop's heap */
    bool one_arg;
} AioHandle;

/* TimerHandle's own fields after the Handle's, which most handles are */
typedef struct {
    AioHandle h;
    double when;
    RObject *when_obj; /* when() returns what call_at was given */
} AioTimerHandle;

#define AIO_TIMER(h) ((AioTimerHandle *)(h))

extern RType r_aio_handle_type, r_aio_timer_handle_type;
#define AIO_HANDLE_CHECK(o) r_typecheck((RObject *)(o), &r_aio_handle_type)

/* Handle(callback, args, loop, context), args given as an array (borrowed) */
AioHandle *aio_handle_new(RType *type, RObject *callback, RObject *const *args, size_t nargs,
                          RObject *loop, RObject *context);
/* Handle._run: the callback, its error to the loop's exception handler;
 * -1 only for SystemExit/KeyboardInterrupt, which leave run_forever. */
int aio_handle_run(AioHandle *h);
int aio_handle_cancel(AioHandle *h);
/* where debug mode saw it made (borrowed), or NULL */
RObject *aio_handle_source_traceback(AioHandle *h);
/* A handle the loop makes for its own scheduling (a task's step, a future's
 * callbacks) is nobody else's while the ready queue holds it: it is not
 * tracked, and the loop's traverse visits what it holds through
 * aio_handle_traverse_owned, as a generator does its frame's, so a
 * collection walks one object per scheduled step instead of three (a step
 * wrapper it holds alone is not tracked either). aio_handle_release drops
 * the queue's or the run's reference, tracking both first if something
 * else came to hold the handle meanwhile (an exception handler's context). */
void aio_handle_own(AioHandle *h);
bool aio_handle_is_owned(AioHandle *h);
int aio_handle_traverse_owned(AioHandle *h, r_visitproc visit, void *arg);
void aio_handle_release(AioHandle *h);
/* format_helpers._format_callback_source(callback, args[, debug=] 3.13) */
RObject *aio_format_callback_source(RObject *callback, RObject *args, bool debug);

/* ---- base_events.py: the event loop (aio_loop.c, aio_poll.c) ---- */

typedef struct AioLoop {
    RObject ob;
    RObject *dict;
    /* _ready: a ring of handles (new references) */
    AioHandle **ready;
    size_t ready_head, ready_len, ready_cap;
    /* _scheduled: heapq's heap of timer handles keyed by when */
    AioHandle **scheduled;
    size_t nscheduled, scheduled_cap;
    ssize_t timer_cancelled_count;
    bool closed, stopping, debug;
    bool running;             /* _thread_id is not None */
    unsigned long thread_id;
    RObject *default_executor;
    bool executor_shutdown_called, asyncgens_shutdown_called;
    /* _asyncgens (a WeakSet in CPython), and the hooks run_forever found
     * installed and puts back (aio_asyncgens.c) */
    r_agen_set asyncgens;
    RObject *saved_firstiter, *saved_finalizer;
    RObject *exception_handler;
    RObject *task_factory;
    RObject *current_handle;
    RObject *current_task;    /* tasks._current_tasks[self] */
    double slow_callback_duration;
    /* the poller: a libuv loop, one timer for the timeout, an eventfd
     * written by call_soon_threadsafe and watched by a uv_poll */
    uv_loop_t uv;
    uv_timer_t timeout_timer;
    uv_poll_t wakeup_poll;
    int wakeup_fd;
    bool uv_open;
    /* a poll with no timeout stalls the thread until another one calls
     * call_soon_threadsafe (--deadlock=report counts it) */
    r_stall_point stall;
    struct AioLoop *live_prev, *live_next; /* the loops alive, for the report */
} AioLoop;

extern RType r_aio_loop_type;           /* _UnixSelectorEventLoop */
extern RType r_aio_abstract_loop_type;  /* events.AbstractEventLoop */
#define AIO_LOOP_CHECK(o) (R_TYPE(o) == &r_aio_loop_type)

RObject *aio_loop_new(void);
/* the loops alive (borrowed), newest first */
AioLoop *aio_live_loops(void);
double aio_time(void); /* time.monotonic() */
/* loop.call_soon(callback, *args, context=ctx) on any loop object (C path
 * for refpy's own); returns the handle (a new reference). */
RObject *aio_call_soon(RObject *loop, RObject *callback, RObject *const *args, size_t nargs,
                       RObject *context);
/* _asynciomodule.c's call_soon(loop, func, arg, ctx): arg may be NULL */
int aio_call_soon1(RObject *loop, RObject *func, RObject *arg, RObject *ctx);
RObject *aio_call_later(RObject *loop, double delay, RObject *callback, RObject *const *args,
                        size_t nargs);
RObject *aio_call_at(RObject *loop, RObject *when, RObject *callback, RObject *const *args,
                     size_t nargs);
int aio_loop_check_closed(AioLoop *loop);
bool aio_loop_is_closed(RObject *loop); /* -1 treated as false */
/* TimerHandle.cancel() notifies the loop */
void aio_loop_timer_handle_cancelled(RObject *loop, AioHandle *h);
int aio_loop_get_debug(RObject *loop); /* 1, 0, -1 */
RObject *aio_loop_run_until_complete(RObject *loop, RObject *future);
/* loop.create_task(coro, name=, context=) */
RObject *aio_loop_create_task(RObject *loop, RObject *coro, RObject *name, RObject *context);
RObject *aio_loop_create_future(RObject *loop);
RObject *aio_loop_run_in_executor(RObject *loop, RObject *executor, RObject *func,
                                  RObject *const *args, size_t nargs);
/* the methods behind the Python-level ones, for runners.c */
RObject *aio_loop_shutdown_asyncgens(RObject *loop);
/* run_forever's setup and cleanup of sys.set_asyncgen_hooks
 * (aio_asyncgens.c) */
int aio_loop_install_asyncgen_hooks(AioLoop *L);
void aio_loop_restore_asyncgen_hooks(AioLoop *L);
RObject *aio_loop_shutdown_default_executor(RObject *loop, RObject *timeout);
int aio_loop_close(RObject *loop);
/* _run_once, its poll step and the wake-up (aio_poll.c) */
int aio_loop_run_once(AioLoop *loop);
int aio_poll_open(AioLoop *loop);
void aio_poll_close(AioLoop *loop);
/* blocks for timeout seconds (< 0: until woken), the GIL released */
void aio_poll_wait(AioLoop *loop, double timeout);
void aio_poll_wakeup(AioLoop *loop);

/* call_exception_handler(context) on any loop object; never fails (an
 * error in the handler is reported as CPython does) */
void aio_call_exception_handler(RObject *loop, RObject *context);
/* logger.error(message, exc_info=exc) with logging unconfigured */
void aio_log_error(RObject *message, RObject *exc);

/* ---- events.py: running loop and policy (aio_policy.c) ---- */

RObject *aio_get_running_loop_borrowed(void); /* NULL when none (nothing raised) */
int aio_set_running_loop(RObject *loop);       /* loop NULL or None clears */
RObject *aio_get_running_loop(void);           /* new ref, or RuntimeError */
/* events.get_event_loop() as the version's C accelerator does it */
RObject *aio_get_event_loop(void);
/* events._get_event_loop(stacklevel) of 3.10/3.11, the functions that
 * 3.12+ moved back to get_event_loop() */
RObject *aio_get_event_loop_for_helpers(void);
int aio_set_event_loop(RObject *loop);
RObject *aio_new_event_loop(void);
extern const r_method_def aio_policy_functions[];

/* ---- exceptions.py (aio_module.c) ---- */

extern RType *r_aio_CancelledError, *r_aio_InvalidStateError, *r_aio_TimeoutError,
    *r_aio_SendfileNotAvailableError, *r_aio_IncompleteReadError, *r_aio_LimitOverrunError,
    *r_aio_BrokenBarrierError, *r_aio_QueueEmpty, *r_aio_QueueFull, *r_aio_QueueShutDown;

/* ---- futures.py / the C Future and Task (aio_futures.c, aio_tasks.c) ---- */

typedef enum { AIO_PENDING, AIO_CANCELLED, AIO_FINISHED } aio_fut_state;

/* What few futures ever hold, kept out of line: every future and task is
 * smaller by these fields, and many are pending at once. */
typedef struct {
    RObject *callbacks;    /* after the first: a list of (fn, context) tuples */
    RObject *exception_tb; /* 3.10+: the traceback set_exception saw */
    RObject *source_tb;    /* debug mode: where the future was made */
    RObject *cancel_msg;
    RObject *cancelled_exc;
} AioFutureRare;

typedef struct {
    RObject ob;
    RObject *dict;
    RObject *loop;
    RObject *callback0, *context0; /* the first callback; context0 NULL: an empty one */
    /* the result, or with outcome_is_exception the exception (a future
     * holds one or the other): AIO_FUT_RESULT, AIO_FUT_EXCEPTION */
    RObject *outcome;
    AioFutureRare *rare;           /* NULL until one of its fields is set */
    unsigned char state; /* an aio_fut_state */
    bool log_tb, blocking, outcome_is_exception;
    /* AioTask's flags, in the room the future's leave before the task's
     * fields */
    bool must_cancel, log_destroy_pending, default_name_pending;
} AioFuture;

/* The result and the exception (borrowed), NULL when not set. */
#define AIO_FUT_RESULT(fut) ((fut)->outcome_is_exception ? NULL : (fut)->outcome)
#define AIO_FUT_EXCEPTION(fut) ((fut)->outcome_is_exception ? (fut)->outcome : NULL)

/* A rare field (borrowed), NULL when unset. */
#define AIO_FUT_RARE(fut, field) ((fut)->rare ? (fut)->rare->field : NULL)
/* Sets a rare field to value (stolen; NULL clears it): 0, or -1 with
 * MemoryError (value released). */
int aio_future_set_rare(AioFuture *fut, size_t offset, RObject *value);
#define AIO_FUT_SET_RARE(fut, field, value) \
    aio_future_set_rare((fut), offsetof(AioFutureRare, field), (value))
/* Takes a rare field's reference out, leaving it unset. */
RObject *aio_future_take_rare(AioFuture *fut, size_t offset);
#define AIO_FUT_TAKE_RARE(fut, field) aio_future_take_rare((fut), offsetof(AioFutureRare, field))

typedef struct AioTask {
    AioFuture fut;
    RObject *fut_waiter;
    RObject *coro;
    /* the name; while fut.default_name_pending, only the number N of the
     * default "Task-N", whose string is made when first asked for */
    union {
        RObject *name;
        uint64_t name_number;
    };
    RObject *context;
    int num_cancels_requested;
    /* 1 + its place in the registry of the tasks alive (a WeakSet in
     * CPython, which it leaves when it is freed), 0 while not in it */
    uint32_t registry_slot;
} AioTask;

extern RType r_aio_future_type, r_aio_task_type, r_aio_future_iter_type;
#define AIO_FUTURE_CHECK(o) r_typecheck((RObject *)(o), &r_aio_future_type)
#define AIO_TASK_CHECK(o) r_typecheck((RObject *)(o), &r_aio_task_type)
#define AIO_FUTURE_OR_TASK_EXACT(o) \
    (R_TYPE(o) == &r_aio_future_type || R_TYPE(o) == &r_aio_task_type)

int aio_future_init(AioFuture *fut, RObject *loop); /* loop NULL/None: get_event_loop() */
RObject *aio_future_new(RObject *loop);
/* base_futures.isfuture: 1, 0, -1 */
int aio_isfuture(RObject *o);
/* coroutines.iscoroutine: 1, 0, -1 */
int aio_iscoroutine(RObject *o);
/* the methods, on any future-like object (C path for exact ones) */
int aio_future_set_result(RObject *fut, RObject *result);
int aio_future_set_exception(RObject *fut, RObject *exc);
int aio_future_cancel(RObject *fut, RObject *msg); /* 1 cancelled, 0 not, -1 error */
int aio_future_done(RObject *fut);                 /* 1, 0, -1 */
int aio_future_cancelled(RObject *fut);
RObject *aio_future_result(RObject *fut);
RObject *aio_future_exception(RObject *fut);
int aio_future_add_done_callback(RObject *fut, RObject *fn, RObject *context);
int aio_future_remove_done_callback(RObject *fut, RObject *fn);
RObject *aio_future_get_loop(RObject *fut); /* futures._get_loop */
RObject *aio_future_make_cancelled_error(RObject *fut);
/* the body of Future._make_cancelled_error, on an exact C future */
RObject *aio_create_cancelled_error(AioFuture *fut);
RObject *aio_future_repr_info(RObject *fut); /* base_futures._future_repr_info: a list */
/* FutureIter.send / throw (await fut) */
RObject *aio_future_iter_new(RObject *fut);

/* the C bodies behind the methods, for exact futures (aio_futures.c) */
int aio_future_cancel_exact(AioFuture *fut, RObject *msg);
int aio_future_set_result_exact(AioFuture *fut, RObject *res);
int aio_future_set_exception_exact(AioFuture *fut, RObject *exc);
/* future_get_result: 0 result, 1 exception (in *result), -1 raised */
int aio_future_get_result_exact(AioFuture *fut, RObject **result);
int aio_future_add_done_callback_exact(AioFuture *fut, RObject *fn, RObject *ctx);
/* FutureIter's send: 1 yielded, 0 returned, -1 raised */
int aio_future_iter_send(RObject *iter, RObject **result);
/* what Task shares with Future */
void aio_future_finalize(RObject *fut);
void aio_future_clear(RObject *fut);
int aio_future_traverse(RObject *fut, r_visitproc visit, void *arg);
extern const r_getset_def aio_future_getsets[];
RObject *aio_future_repr_from_info(RObject *self, RObject *(*info_fn)(RObject *));
/* the msg argument of cancel(msg=None) (3.9+; 3.8's takes none) */
RObject *aio_parse_cancel_msg(const char *qualname, RObject *const *args, size_t nargs,
                              RObject *kw, bool *ok);

RObject *aio_task_new(RObject *coro, RObject *loop, RObject *name, RObject *context);
RObject *aio_current_task(RObject *loop); /* borrowed; NULL when none */
/* tasks.all_tasks(loop): a new set */
RObject *aio_all_tasks(RObject *loop);
int aio_task_cancel(RObject *task, RObject *msg);
/* tasks._set_task_name */
int aio_set_task_name(RObject *task, RObject *name);
RObject *aio_ensure_future(RObject *obj, RObject *loop);

/* ---- format_helpers.py, coroutines.py, reprlib (aio_format.c) ---- */

RObject *aio_reprlib_repr(RObject *o);
RObject *aio_format_coroutine(RObject *coro);
/* type(o).__name__ (what _PyType_Name and __class__.__name__ give) */
RObject *aio_type_name(RObject *o);
/* CPython's qualname of a builtin method: Type.name */
RObject *aio_callable_qualname(RObject *func);
/* format_helpers.extract_stack() as a list of (file, line, name), and
 * traceback.format_list of one, for debug mode's source tracebacks */
RObject *aio_extract_stack(void);
RObject *aio_format_stack(RObject *stack);

/* ---- where CPython defines what refpy writes in C (aio_sources.c) ---- */

typedef struct {
    const char *file;   /* in Lib/asyncio: "tasks.py" */
    int def[6];         /* co_firstlineno, 3.8 to 3.13 (0: no such function) */
    int suspended[6];   /* the line of its await, for a suspended coroutine */
} aio_source;

extern const aio_source aio_src_sleep,
    aio_src_wait,
    aio_src__wait,
    aio_src_wait_for,
    aio_src__cancel_and_wait,
    aio_src_Event_wait,
    aio_src_Lock_acquire,
    aio_src_Semaphore_acquire,
    aio_src_Queue_get,
    aio_src_Queue_put,
    aio_src_Queue_join,
    aio_src_to_thread,
    aio_src_shutdown_default_executor,
    aio_src_shutdown_asyncgens,
    aio_src__run_until_complete_cb,
    aio_src__set_result_unless_cancelled,
    aio_src__release_waiter,
    aio_src__call_check_cancel,
    aio_src__call_set_state,
    aio_src__set_state,
    aio_src__on_completion,
    aio_src__done_callback,
    aio_src__inner_done_callback,
    aio_src__outer_done_callback,
    aio_src_ac_on_completion,
    aio_src_ac_on_timeout,
    aio_src__wrap_awaitable,
    aio_src__wait_for_one;

/* "<frozen asyncio.tasks>": how a C-written stdlib function's file shows */
RObject *aio_source_file(const aio_source *src);

/* ---- small C callables: closures over a few objects (aio_closure.c) ---- */

typedef RObject *(*aio_closure_fn)(RObject **cells, RObject *const *args, size_t nargs,
                                   RObject *kwnames);
/* A callable whose __qualname__ is qualname (CPython's function's, e.g.
 * "_chain_future.<locals>._call_set_state"), holding ncells objects
 * (borrowed here, kept by the closure). */
RObject *aio_closure_new(const char *qualname, aio_closure_fn fn, size_t ncells,
                         RObject *const *cells);
/* the same, for a nested function whose def line reprs show */
RObject *aio_closure_new_at(const char *qualname, const aio_source *src, aio_closure_fn fn,
                            size_t ncells, RObject *const *cells);
/* the source of a closure, or of a module function written in C
 * registered with aio_register_c_source (NULL: none, as a builtin) */
const aio_source *aio_callable_source(RObject *func);
void aio_register_c_source(const r_method_def *def, const aio_source *src);
extern RType r_aio_closure_type;

/* ---- stdlib frames for the traceback (aio_frames.c) ---- */

/* Prepends to the current exception's traceback a frame of CPython's
 * asyncio function (file "asyncio/<file>", its name and line), holding
 * the given locals, so that the traceback keeps them alive as CPython's
 * frame does (what decides where a never-awaited warning is reported). */
void aio_traceback_add(const char *file, const char *func, int line, RObject *const *locals,
                       size_t nlocals);

/* What CPython's PyErr_SetObject does to a new exception: its context
 * becomes the exception being handled (breaking a cycle through it). */
void aio_chain_handled(RObject *exc);
/* Runs C code as inside `except`/`finally` handling exc (sys.exc_info()):
 * returns what end() restores. */
RObject *aio_handling_begin(RObject *exc);
void aio_handling_end(RObject *saved);
/* one value per version, 3.8 first: CPython's line numbers for frames */
#define AIO_LINE(l38, l39, l310, l311, l312, l313) \
    ((const int[]){l38, l39, l310, l311, l312, l313}[r_profile.minor - 8])

/* --deadlock=report's details: each loop's pending tasks and what they
 * wait on, and callbacks queued by another thread that never woke the
 * loop (aio_deadlock.c); installed as r_deadlock_details */
void aio_deadlock_details(FILE *out);

/* ---- the module (aio_module.c) and the submodules' functions ---- */

#include "asyncio_module.h"
/* function names in argument errors: "Type.meth" from 3.10, "meth"
 * before (aio_args.c) */
const char *aio_fname(const char *qualified);
/* the same for methods written in C in CPython too: qualified from 3.9 */
const char *aio_cname(const char *qualified);
/* "f() missing 1 required positional argument: 'x'" */
RObject *aio_missing_arg(const char *fname, const char *arg);

/* ---- shared between the files (each defined where its Python lives) ---- */

RObject *aio_cf_future_new(void);                              /* aio_chain.c */
int aio_chain_future(RObject *source, RObject *destination);
RObject *aio_wrap_future(RObject *future, RObject *loop);
int aio_iscoroutinefunction(RObject *func);                    /* aio_coroutines.c */
RObject *aio_loop_create_task_impl(RObject *loop, RObject *coro, RObject *name,
                                   RObject *context);          /* aio_loop_extra.c */
RObject *aio_set_result_unless_cancelled_obj(void);            /* aio_task_functions.c */
RObject *aio_sleep_new(RObject *delay, RObject *result);
RObject *aio_gather(RObject *const *aws, size_t n, bool return_exceptions,
                    RObject *loop_arg);                        /* aio_gather.c */
RObject *aio_shield(RObject *arg, RObject *loop_arg);
int aio_loop_type_init(void);                                  /* aio_loop.c */
int aio_task_type_init(void);                                  /* aio_tasks.c */
/* base_tasks._task_get_stack / _task_print_stack (aio_task_stack.c);
 * limit and file None for their defaults */
RObject *aio_task_get_stack(AioTask *task, RObject *limit);
int aio_task_print_stack(AioTask *task, RObject *limit, RObject *file);
/* Adds methods a version has to a readied static type (aio_tasks.c). */
int aio_add_methods(RType *t, const r_method_def *defs);
int aio_handle_type_init(void);                                /* aio_handles.c */
/* tasks.py 3.12+: create_eager_task_factory and eager_task_factory
 * (aio_task_functions.c) */
int aio_eager_tasks_init(RObject *tasks);
int aio_sync_init(RObject *locks, RObject *queues, RObject *package); /* aio_sync.c */
int aio_timeouts_init(RObject *timeouts, RObject *taskgroups, RObject *package);
/* timeouts.py (aio_timeouts.c): Timeout(when), timeout(delay), and the
 * coroutines of `async with` on one */
RObject *aio_timeout_new(RObject *when);
RObject *aio_timeout_after(RObject *delay);
RObject *aio_timeout_aenter(RObject *timeout);
RObject *aio_timeout_aexit(RObject *timeout, RObject *et, RObject *ev);

/* the functions and methods each file defines, for aio_module.c */
extern const r_method_def aio_task_functions[], aio_chain_functions[], aio_coroutine_functions[],
    aio_coroutine_decorator[], aio_gather_functions[], aio_runner_functions[],
    aio_wait_functions[], aio_as_completed_functions[], aio_thread_functions[], aio_loop_extra_methods[],
    aio_loop_methods_39[], aio_exception_handler_methods[];
extern RType r_aio_policy_type, r_aio_runner_type, r_aio_gathering_future_type,
    r_aio_step_wrapper_type, r_aio_wakeup_wrapper_type, r_aio_gather_callback_type;

#endif
