/* queue.SimpleQueue as ThreadPoolExecutor uses it: an unbounded FIFO whose
 * get() blocks with the GIL released. Items are only touched with the GIL
 * held; the mutex orders a sleeping get() against put() so no wake-up is
 * lost between the emptiness check and the wait. */
#include "cf_work_queue.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "errors.h"
#include "gil.h"
#include "progress.h"
#include "spin.h"
#include "typeobject.h"

struct CfWorkQueue {
    RObject ob;
    pthread_mutex_t mutex;
    pthread_cond_t nonempty;
    RObject **items; /* a ring of cap slots, len of them from head */
    size_t head, len, cap;
    size_t sleepers;
    r_stall_point getters; /* get() with nothing queued */
    atomic_size_t len_hint; /* len, readable without the mutex to spin on */
};

static void queue_dealloc(RObject *o)
{
    CfWorkQueue *q = (CfWorkQueue *)o;
    for (size_t i = 0; i < q->len; i++)
        R_DECREF(q->items[(q->head + i) % q->cap]);
    free(q->items);
    pthread_mutex_destroy(&q->mutex);
    pthread_cond_destroy(&q->nonempty);
    r_free(o);
}

/* the queued items, read under the mutex: a worker takes one without the
 * GIL */
static int queue_traverse(RObject *o, r_visitproc visit, void *arg)
{
    CfWorkQueue *q = (CfWorkQueue *)o;
    int rc = 0;
    pthread_mutex_lock(&q->mutex);
    for (size_t i = 0; i < q->len && rc == 0; i++)
        rc = visit(q->items[(q->head + i) % q->cap], arg);
    pthread_mutex_unlock(&q->mutex);
    return rc;
}

static RType queue_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_queue.SimpleQueue",
    .basicsize = sizeof(CfWorkQueue),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = queue_dealloc,
    .traverse = queue_traverse,
    .getattro = r_generic_getattr,
};

CfWorkQueue *r_cf_work_queue_new(void)
{
    CfWorkQueue *q = (CfWorkQueue *)r_alloc(&queue_type);
    if (!q)
        return NULL;
    pthread_mutex_init(&q->mutex, NULL);
    pthread_cond_init(&q->nonempty, NULL);
    q->getters.what = "a thread pool's work queue";
    return q;
}

int r_cf_work_queue_put(CfWorkQueue *q, RObject *item)
{
    pthread_mutex_lock(&q->mutex);
    if (q->len == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        RObject **items = malloc(cap * sizeof *items);
        if (!items) {
            pthread_mutex_unlock(&q->mutex);
            r_err_no_memory();
            return -1;
        }
        for (size_t i = 0; i < q->len; i++)
            items[i] = q->items[(q->head + i) % q->cap];
        free(q->items);
        q->items = items;
        q->head = 0;
        q->cap = cap;
    }
    q->items[(q->head + q->len) % q->cap] = r_incref(item);
    q->len++;
    atomic_store_explicit(&q->len_hint, q->len, memory_order_relaxed);
    r_progress_give(&q->getters, 1);
    if (q->sleepers)
        pthread_cond_signal(&q->nonempty);
    pthread_mutex_unlock(&q->mutex);
    return 0;
}

/* with the mutex held and an item there */
static RObject *take(CfWorkQueue *q)
{
    RObject *item = q->items[q->head];
    q->head = (q->head + 1) % q->cap;
    q->len--;
    atomic_store_explicit(&q->len_hint, q->len, memory_order_relaxed);
    return item;
}

RObject *r_cf_work_queue_get_nowait(CfWorkQueue *q)
{
    pthread_mutex_lock(&q->mutex);
    RObject *item = q->len ? take(q) : NULL;
    pthread_mutex_unlock(&q->mutex);
    return item;
}

RObject *r_cf_work_queue_get(CfWorkQueue *q)
{
    pthread_mutex_lock(&q->mutex);
    if (q->len == 0) {
        /* spin a moment with the GIL released: the next put is often
         * already on its way from another core */
        pthread_mutex_unlock(&q->mutex);
        r_gil_release();
        R_SPIN_WHILE(atomic_load_explicit(&q->len_hint, memory_order_relaxed) == 0);
        r_gil_acquire();
        pthread_mutex_lock(&q->mutex);
    }
    if (q->len == 0) {
        /* the GIL goes while we sleep; the mutex stays ours until the wait
         * releases it, so a put() cannot slip in unseen */
        r_gil_release();
        q->sleepers++;
        while (q->len == 0) {
            r_progress_stall(&q->getters); /* only a put can end this wait */
            pthread_cond_wait(&q->nonempty, &q->mutex);
        }
        q->sleepers--;
        RObject *item = take(q);
        pthread_mutex_unlock(&q->mutex);
        r_progress_resume();
        r_gil_acquire();
        return item;
    }
    RObject *item = take(q);
    pthread_mutex_unlock(&q->mutex);
    return item;
}
