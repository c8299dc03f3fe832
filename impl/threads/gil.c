#include "gil.h"

#include "call.h"
#include "spin.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#define SWITCH_INTERVAL_NS 5000000L

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;     /* the lock was released */
static pthread_cond_t switched = PTHREAD_COND_INITIALIZER; /* a waiter took it */
static atomic_bool locked; /* written under mutex; read without it to spin */
static unsigned long switch_number;
static int waiters;
static _Thread_local bool held;

void r_gil_init(void)
{
    r_eval_breaker_hook = r_gil_yield_if_requested;
    r_gil_acquire();
}

bool r_gil_held_by_me(void)
{
    return held;
}

void r_gil_after_fork_child(void)
{
    /* a waiter may have held the mutex at the moment of the fork */
    pthread_mutex_init(&mutex, NULL);
    pthread_cond_init(&cond, NULL);
    pthread_cond_init(&switched, NULL);
    locked = true;
    held = true;
    waiters = 0;
    atomic_store(&r_eval_breaker, 0);
}

void r_gil_acquire(void)
{
    R_SPIN_WHILE(atomic_load_explicit(&locked, memory_order_relaxed));
    pthread_mutex_lock(&mutex);
    waiters++;
    while (locked) {
        unsigned long saved = switch_number;
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_nsec += SWITCH_INTERVAL_NS;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
        int rc = pthread_cond_timedwait(&cond, &mutex, &deadline);
        /* waited a whole interval with no switch: ask the holder to drop it */
        if (rc == ETIMEDOUT && locked && switch_number == saved)
            atomic_store(&r_eval_breaker, 1);
    }
    waiters--;
    locked = true;
    held = true;
    switch_number++;
    pthread_cond_signal(&switched);
    pthread_mutex_unlock(&mutex);
}

void r_gil_release(void)
{
    pthread_mutex_lock(&mutex);
    locked = false;
    held = false;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&mutex);
}

void r_gil_yield_if_requested(void)
{
    if (!atomic_exchange(&r_eval_breaker, 0))
        return;
    pthread_mutex_lock(&mutex);
    if (waiters == 0) {
        pthread_mutex_unlock(&mutex);
        return;
    }
    unsigned long before = switch_number;
    locked = false;
    held = false;
    pthread_cond_signal(&cond);
    /* FORCE_SWITCHING: wait until another thread has taken it */
    while (switch_number == before && waiters > 0)
        pthread_cond_wait(&switched, &mutex);
    pthread_mutex_unlock(&mutex);
    r_gil_acquire();
}
