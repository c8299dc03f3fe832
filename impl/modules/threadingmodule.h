/* The threading module, and the pieces other modules build on
 * (concurrent.futures uses its Condition the way CPython's does). */
#ifndef REFPY_THREADINGMODULE_H
#define REFPY_THREADINGMODULE_H

#include <stdbool.h>
#include <sys/types.h>

#include "object.h"

extern RType r_lock_type, r_rlock_type, r_condition_type, r_event_type, r_thread_type;

RObject *r_threading_module_new(void);
RObject *r_threading_lock_new(bool reentrant);
RObject *r_threading_current_thread(void);
/* threading.Condition() with a new RLock, and its acquire/release (the
 * `with cond:` of Lib/concurrent/futures/_base.py); cond must be a
 * Condition. */
RObject *r_condition_new(void);
void r_condition_acquire(RObject *cond);
int r_condition_release(RObject *cond);
/* Condition.wait with the condition's lock held: 1 notified, 0 timed out,
 * -1 error; timeout < 0 waits forever. */
int r_condition_wait(RObject *cond, double timeout);
void r_condition_notify(RObject *cond, ssize_t n);
void r_condition_notify_all(RObject *cond);
/* threading._register_atexit (3.9+): fn(arg) runs at the start of
 * r_threading_shutdown, before non-daemon threads are joined, in the
 * reverse order of registration, as threading._shutdown runs them. */
int r_threading_register_atexit(void (*fn)(void *), void *arg);
/* At exit: the registered callbacks, then join every non-daemon thread. */
void r_threading_shutdown(void);

#endif
