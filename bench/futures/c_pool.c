/* The floor for bench/run-futures.sh: a bare pthread worker pool in C (a
 * mutex-and-condition queue of tasks, a condition per task for its
 * result), running the same two thread-pool workloads as roundtrip.py and
 * burst.py. Prints "roundtrip N" and "burst N" in operations per second. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct task {
    struct task *next;
    long arg, result;
    bool done;
    pthread_mutex_t mutex;
    pthread_cond_t cond;
} task;

typedef struct {
    pthread_mutex_t mutex;
    pthread_cond_t nonempty;
    task *head, *tail;
    bool stop;
} pool;

static void *worker(void *p)
{
    pool *q = p;
    for (;;) {
        pthread_mutex_lock(&q->mutex);
        while (!q->head && !q->stop)
            pthread_cond_wait(&q->nonempty, &q->mutex);
        task *t = q->head;
        if (!t) {
            pthread_mutex_unlock(&q->mutex);
            return NULL;
        }
        q->head = t->next;
        if (!q->head)
            q->tail = NULL;
        pthread_mutex_unlock(&q->mutex);
        pthread_mutex_lock(&t->mutex);
        t->result = t->arg;
        t->done = true;
        pthread_cond_signal(&t->cond);
        pthread_mutex_unlock(&t->mutex);
    }
}

static void submit(pool *q, task *t, long arg)
{
    t->next = NULL;
    t->arg = arg;
    t->done = false;
    pthread_mutex_init(&t->mutex, NULL);
    pthread_cond_init(&t->cond, NULL);
    pthread_mutex_lock(&q->mutex);
    if (q->tail)
        q->tail->next = t;
    else
        q->head = t;
    q->tail = t;
    pthread_cond_signal(&q->nonempty);
    pthread_mutex_unlock(&q->mutex);
}

static long result(task *t)
{
    pthread_mutex_lock(&t->mutex);
    while (!t->done)
        pthread_cond_wait(&t->cond, &t->mutex);
    pthread_mutex_unlock(&t->mutex);
    pthread_mutex_destroy(&t->mutex);
    pthread_cond_destroy(&t->cond);
    return t->result;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double run(int workers, long n, bool one_at_a_time)
{
    pool q = {.head = NULL};
    pthread_mutex_init(&q.mutex, NULL);
    pthread_cond_init(&q.nonempty, NULL);
    pthread_t th[8];
    for (int i = 0; i < workers; i++)
        pthread_create(&th[i], NULL, worker, &q);
    task *tasks = calloc((size_t)n, sizeof *tasks);
    long sum = 0;
    double start = now();
    if (one_at_a_time) {
        for (long i = 0; i < n; i++) {
            submit(&q, &tasks[i], i);
            sum += result(&tasks[i]);
        }
    } else {
        for (long i = 0; i < n; i++)
            submit(&q, &tasks[i], i);
        for (long i = 0; i < n; i++)
            sum += result(&tasks[i]);
    }
    double elapsed = now() - start;
    pthread_mutex_lock(&q.mutex);
    q.stop = true;
    pthread_cond_broadcast(&q.nonempty);
    pthread_mutex_unlock(&q.mutex);
    for (int i = 0; i < workers; i++)
        pthread_join(th[i], NULL);
    free(tasks);
    if (sum != n * (n - 1) / 2)
        abort();
    return (double)n / elapsed;
}

int main(void)
{
    printf("roundtrip %.0f\n", run(1, 20000, true));
    printf("burst %.0f\n", run(4, 100000, false));
    return 0;
}
