/* OS threads running Python callables, and the primitives that block
 * (locks, events): each wait releases the GIL, as CPython's
 * _threadmodule.c. The threading module (modules layer) builds on them. */
#include "thread.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "errors.h"
#include "exceptions.h"
#include "frame.h"
#include "gil.h"
#include "progress.h"
#include "spin.h"

typedef struct {
    RObject *callable; /* owned */
    void (*on_exit)(void *);
    void *arg;
    r_thread_record *record; /* live from creation on (progress.h) */
} start_info;

static void *thread_main(void *p)
{
    start_info info = *(start_info *)p;
    free(p);
    r_progress_thread_adopt(info.record);
    r_gil_acquire();
    RObject *res = r_call0(info.callable);
    if (res)
        R_DECREF(res);
    else
        r_err_clear(); /* the callable reports its own errors */
    R_DECREF(info.callable);
    R_CLEAR(r_vm_state()->context); /* the thread's contextvars context */
    if (info.on_exit)
        info.on_exit(info.arg);
    r_gil_release();
    r_progress_thread_exiting();
    return NULL;
}

int r_thread_start(RObject *callable, void (*on_exit)(void *), void *arg, unsigned long *ident)
{
    start_info *info = malloc(sizeof *info);
    if (!info) {
        r_err_no_memory();
        return -1;
    }
    info->callable = r_incref(callable);
    info->on_exit = on_exit;
    info->arg = arg;
    info->record = r_progress_thread_new();
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 8 * 1024 * 1024);
    pthread_t t;
    int rc = pthread_create(&t, &attr, thread_main, info);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        r_progress_thread_forget(info->record);
        R_DECREF(info->callable);
        free(info);
        r_err_set_string(r_exc_RuntimeError, "can't start new thread");
        return -1;
    }
    *ident = (unsigned long)t;
    return 0;
}

unsigned long r_thread_ident(void)
{
    return (unsigned long)pthread_self();
}

/* ---- a lock that can be waited on with the GIL released ---- */

struct r_lock {
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    atomic_bool locked; /* written under mutex; read without it to spin */
    r_stall_point waiters;
};

r_lock *r_lock_new(void)
{
    r_lock *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->waiters.what = "a lock (Lock, RLock, Condition, Event or join)";
    pthread_mutex_init(&l->mutex, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&l->cond, &ca);
    pthread_condattr_destroy(&ca);
    return l;
}

void r_lock_free(r_lock *l)
{
    if (!l)
        return;
    pthread_mutex_destroy(&l->mutex);
    pthread_cond_destroy(&l->cond);
    free(l);
}

static void deadline_after(double timeout, struct timespec *ts)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    double whole = (double)(long)timeout;
    ts->tv_sec += (time_t)whole;
    ts->tv_nsec += (long)((timeout - whole) * 1e9);
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

bool r_lock_acquire(r_lock *l, double timeout)
{
    /* the uncontended case takes no GIL round trip */
    pthread_mutex_lock(&l->mutex);
    if (!l->locked) {
        l->locked = true;
        pthread_mutex_unlock(&l->mutex);
        return true;
    }
    if (timeout == 0) {
        pthread_mutex_unlock(&l->mutex);
        return false;
    }
    pthread_mutex_unlock(&l->mutex);
    bool got = false;
    struct timespec ts;
    if (timeout > 0)
        deadline_after(timeout, &ts);
    R_BEGIN_ALLOW_THREADS
    if (timeout < 0)
        R_SPIN_WHILE(atomic_load_explicit(&l->locked, memory_order_relaxed));
    pthread_mutex_lock(&l->mutex);
    for (;;) {
        if (!l->locked) {
            l->locked = true;
            got = true;
            break;
        }
        if (timeout < 0)
            r_progress_stall(&l->waiters); /* only a release can end this wait */
        int rc = timeout < 0 ? pthread_cond_wait(&l->cond, &l->mutex)
                             : pthread_cond_timedwait(&l->cond, &l->mutex, &ts);
        if (rc == ETIMEDOUT)
            break;
    }
    pthread_mutex_unlock(&l->mutex);
    r_progress_resume();
    R_END_ALLOW_THREADS
    return got;
}

void r_lock_release(r_lock *l)
{
    pthread_mutex_lock(&l->mutex);
    l->locked = false;
    r_progress_give(&l->waiters, 1);
    pthread_cond_signal(&l->cond);
    pthread_mutex_unlock(&l->mutex);
}

bool r_lock_locked(r_lock *l)
{
    pthread_mutex_lock(&l->mutex);
    bool v = l->locked;
    pthread_mutex_unlock(&l->mutex);
    return v;
}
