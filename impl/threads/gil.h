/* The global interpreter lock, as CPython's ceval_gil.c: one thread runs
 * Python code at a time; a thread waiting for the lock asks the holder to
 * drop it after the switch interval (5 ms), and every blocking call
 * releases it. Reference counts stay plain integers because of it. */
#ifndef REFPY_GIL_H
#define REFPY_GIL_H

#include <stdatomic.h>
#include <stdbool.h>

void r_gil_init(void);
void r_gil_acquire(void);
void r_gil_release(void);
/* Installed as the eval loop's r_eval_breaker_hook: gives the lock to a
 * waiting thread. */
void r_gil_yield_if_requested(void);
bool r_gil_held_by_me(void);
/* In the child of a fork() made by a thread holding the lock: the other
 * threads are gone, so the lock's state is rebuilt with the caller as its
 * only holder and nobody waiting (CPython's PyEval_ReInitThreads). */
void r_gil_after_fork_child(void);

/* Bracket a blocking call: nothing between them may touch objects. */
#define R_BEGIN_ALLOW_THREADS r_gil_release();
#define R_END_ALLOW_THREADS r_gil_acquire();

#endif
