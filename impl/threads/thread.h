/* Threads and the one blocking primitive everything else (Lock, RLock,
 * Event, Condition, concurrent futures' conditions) is built from. */
#ifndef REFPY_THREAD_H
#define REFPY_THREAD_H

#include <stdbool.h>

#include "object.h"

/* Starts an OS thread that takes the GIL and calls callable(); on_exit
 * runs after it, still holding the GIL. */
int r_thread_start(RObject *callable, void (*on_exit)(void *), void *arg, unsigned long *ident);
unsigned long r_thread_ident(void);

typedef struct r_lock r_lock;

r_lock *r_lock_new(void);
void r_lock_free(r_lock *l);
/* timeout < 0 waits forever, 0 does not wait; the GIL is released while
 * waiting. Returns whether the lock was taken. */
bool r_lock_acquire(r_lock *l, double timeout);
void r_lock_release(r_lock *l);
bool r_lock_locked(r_lock *l);

#endif
