/* Deadlock detection for `refpy --deadlock=report` (spec/targets.md,
 * targets.deadlock.*).
 *
 * A thread is *stalled* while it waits, with no timeout, for something
 * only another thread of this process can give it: a lock, the thread
 * pool's work queue, the event loop's wake-up when no timer is armed and
 * no I/O is watched. A stall ends, for this count, when another thread
 * gives what is waited for (the giver un-stalls the waiter before it even
 * runs), so a thread that has been handed a lock is never counted as
 * stalled. Waits with a timeout, sleeps, waits on other processes and
 * waits for the GIL are never stalls. When every live thread is stalled,
 * no thread can ever run again: that is the one state refpy calls a
 * deadlock. With reporting on, the thread that completes it prints which
 * thread waits on what, and the process exits with
 * R_DEADLOCK_EXIT_STATUS; otherwise it hangs, as CPython does. */
#ifndef REFPY_PROGRESS_H
#define REFPY_PROGRESS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

#define R_DEADLOCK_EXIT_STATUS 86

/* What a thread can stall on; embedded in the lock, queue or loop. */
typedef struct {
    const char *what;    /* for the report: "a lock", "the event loop's wake-up", ... */
    atomic_int stalled;  /* threads stalled on it: a give to none costs no lock */
} r_stall_point;

#define R_STALL_POINT(what) {(what), 0}

/* Off by default: then nothing is counted and every call returns at once. */
void r_progress_enable_report(void);

/* A thread is live from the moment it is created, before it runs: the
 * creator counts it (r_progress_thread_new, or _forget when the creation
 * fails), the thread itself adopts the record when it starts and leaves
 * the count as it exits. The main thread does both at start-up. */
typedef struct thread_record r_thread_record;
r_thread_record *r_progress_thread_new(void);
void r_progress_thread_forget(r_thread_record *t);
void r_progress_thread_adopt(r_thread_record *t);
void r_progress_thread_exiting(void);
/* The name the report gives the calling thread (copied). */
void r_progress_name_thread(const char *name);

/* The calling thread stalls on p. Call it with the mutex held that orders
 * the wait against r_progress_give on p, and again after every wake-up
 * that finds the wait not over (it is counted once). */
void r_progress_stall(r_stall_point *p);
/* The wait of the calling thread is over, however it ended. */
void r_progress_resume(void);
/* Another thread gives to up to n threads stalled on p (n < 0: all). */
void r_progress_give(r_stall_point *p, int n);

/* Set by the runtime: run with the GIL held just before the report is
 * written (flush Python's streams), and to add what the layers above know
 * (the asyncio tasks and what each awaits). */
extern void (*r_deadlock_before_report)(void);
extern void (*r_deadlock_details)(FILE *out);

#endif
