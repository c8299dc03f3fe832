/* concurrent.futures._base in C: the Future, its exceptions and the
 * Executor base class, transliterated from CPython's
 * Lib/concurrent/futures/_base.py so that the module functions and the
 * executors (cf_thread.c, cf_process.c) use them the way CPython's do. */
#ifndef REFPY_CF_FUTURE_H
#define REFPY_CF_FUTURE_H

#include <stdbool.h>

#include "log_last_resort.h"
#include "object.h"

/* _base.py's five states, in _FUTURE_STATES order */
typedef enum {
    CF_PENDING,
    CF_RUNNING,
    CF_CANCELLED,
    CF_CANCELLED_AND_NOTIFIED,
    CF_FINISHED,
} cf_state;

typedef struct {
    RObject ob;
    RObject *dict;           /* the instance __dict__, as a Python class's */
    RObject *condition;      /* _condition: a threading.Condition */
    cf_state state;          /* _state */
    RObject *result;         /* _result (None until set) */
    RObject *exception;      /* _exception (None until set) */
    RObject *waiters;        /* _waiters: a list of waiter objects */
    RObject *done_callbacks; /* _done_callbacks: a list */
} CfFuture;

extern RType r_cf_future_type;   /* concurrent.futures._base.Future */
extern RType r_cf_executor_type; /* concurrent.futures._base.Executor */

/* The exception classes of _base.py, made as Python classes on first use
 * (r_cf_base_init); TimeoutError is the builtin from 3.11. */
extern RType *r_cf_Error, *r_cf_CancelledError, *r_cf_TimeoutError, *r_cf_InvalidStateError,
    *r_cf_BrokenExecutor;

int r_cf_base_init(void);

static inline bool r_cf_future_check_exact(RObject *o) { return R_TYPE(o) == &r_cf_future_type; }

/* Future() */
RObject *r_cf_future_new(void);
/* The methods, callable on any object: an exact Future takes the C path,
 * anything else gets the method called by name, as Python code would. */
int r_cf_future_set_result(RObject *fut, RObject *value);
int r_cf_future_set_exception(RObject *fut, RObject *exc);
/* 1: now running; 0: it was cancelled (waiters notified); -1: error */
int r_cf_future_set_running_or_notify_cancel(RObject *fut);
/* 1 cancelled, 0 not, -1 error */
int r_cf_future_cancel(RObject *fut);

/* Executor.map's result iterator over a list of futures (stolen), in
 * submission order; end_time (time.monotonic) applies when has_timeout.
 * ProcessPoolExecutor builds its map on it as CPython's on super().map. */
RObject *r_cf_map_iterator_new(RObject *futures, bool has_timeout, double end_time);

/* The end of a `finally:` (or `__exit__`) that ran while exc, fetched
 * before it and possibly NULL, was in flight: exc is raised again unless
 * the cleanup itself failed (rc < 0), whose error then wins as in Python.
 * Returns -1 when an exception is set, else 0. */
int r_cf_end_finally(RObject *exc, int rc);

/* _base.LOGGER.exception / .critical(..., exc_info=True) with logging
 * unconfigured: logging.lastResort (log_last_resort.h). */
static inline void r_cf_log_exception(RObject *message, RObject *exc)
{
    r_log_last_resort(message, exc);
}

#endif
