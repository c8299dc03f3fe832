/* See progress.h. One mutex orders every change of the counts; the
 * records of live threads form a list the report and r_progress_give
 * walk (there are a few threads, never many). */
#include "progress.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gil.h"

typedef struct thread_record {
    struct thread_record *next;
    char *name;
    r_stall_point *stalled_on; /* NULL while the thread can run */
} thread_record;

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static thread_record *threads;
static int live, stalled;
static bool reporting;
static _Thread_local thread_record *me;

void (*r_deadlock_before_report)(void);
void (*r_deadlock_details)(FILE *out);

void r_progress_enable_report(void)
{
    reporting = true;
}

static void report_and_exit(void)
{
    /* every other thread waits for good, and none holds the GIL */
    r_gil_acquire();
    if (r_deadlock_before_report)
        r_deadlock_before_report();
    fprintf(stderr, "refpy: deadlock: all %d threads wait, and nothing left can wake any of them\n",
            live);
    for (thread_record *t = threads; t; t = t->next)
        fprintf(stderr, "refpy:   thread %s waits on %s\n", t->name ? t->name : "(unnamed)",
                t->stalled_on ? t->stalled_on->what : "(nothing)");
    if (r_deadlock_details)
        r_deadlock_details(stderr);
    fflush(stderr);
    _exit(R_DEADLOCK_EXIT_STATUS);
}

/* with the mutex held */
static void check(void)
{
    if (reporting && live > 0 && stalled == live)
        report_and_exit();
}

r_thread_record *r_progress_thread_new(void)
{
    thread_record *t = calloc(1, sizeof *t);
    if (!t)
        return NULL; /* unrecorded: never counted as stalled, so never a false report */
    pthread_mutex_lock(&mutex);
    t->next = threads;
    threads = t;
    live++;
    pthread_mutex_unlock(&mutex);
    return t;
}

static void unlink_record(thread_record *t)
{
    for (thread_record **p = &threads; *p; p = &(*p)->next)
        if (*p == t) {
            *p = t->next;
            break;
        }
    live--;
    free(t->name);
    free(t);
}

void r_progress_thread_forget(r_thread_record *t)
{
    if (!t)
        return;
    pthread_mutex_lock(&mutex);
    unlink_record(t);
    pthread_mutex_unlock(&mutex);
}

void r_progress_thread_adopt(r_thread_record *t)
{
    me = t;
}

void r_progress_thread_exiting(void)
{
    thread_record *t = me;
    if (!t)
        return;
    pthread_mutex_lock(&mutex);
    me = NULL;
    unlink_record(t);
    check();
    pthread_mutex_unlock(&mutex);
}

void r_progress_name_thread(const char *name)
{
    if (!me)
        return;
    char *copy = strdup(name);
    pthread_mutex_lock(&mutex);
    free(me->name);
    me->name = copy;
    pthread_mutex_unlock(&mutex);
}

/* with the mutex held */
static void unstall(thread_record *t)
{
    atomic_fetch_sub(&t->stalled_on->stalled, 1);
    t->stalled_on = NULL;
    stalled--;
}

void r_progress_stall(r_stall_point *p)
{
    if (!reporting || !me)
        return;
    pthread_mutex_lock(&mutex);
    if (me->stalled_on != p) {
        if (me->stalled_on)
            unstall(me);
        me->stalled_on = p;
        atomic_fetch_add(&p->stalled, 1);
        stalled++;
    }
    check();
    pthread_mutex_unlock(&mutex);
}

void r_progress_resume(void)
{
    if (!reporting || !me || !me->stalled_on)
        return;
    pthread_mutex_lock(&mutex);
    if (me->stalled_on)
        unstall(me);
    pthread_mutex_unlock(&mutex);
}

void r_progress_give(r_stall_point *p, int n)
{
    if (atomic_load(&p->stalled) == 0)
        return;
    pthread_mutex_lock(&mutex);
    for (thread_record *t = threads; t && n != 0; t = t->next)
        if (t->stalled_on == p) {
            unstall(t);
            n--;
        }
    pthread_mutex_unlock(&mutex);
}
