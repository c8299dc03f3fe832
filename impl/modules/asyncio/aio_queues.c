/* queues.py: Queue (and the 3.13 shutdown), LifoQueue, PriorityQueue
 * (heapq on the items), QueueEmpty, QueueFull. */
#include "aio.h"
#include "aio_args.h"
#include "aio_coro.h"
#include "aio_sync.h"
#include "boolobject.h"
#include "dequeobject.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "gc.h"
#include "intobject.h"
#include "listobject.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

/* Queue.shutdown() and QueueShutDown: 3.13 */
static bool queue_has_shutdown(void) { return r_profile.minor >= 13; }

typedef struct {
    RObject ob;
    RObject *dict;
    RObject *loop;
    RObject *maxsize;
    RObject *getters, *putters; /* deques */
    ssize_t unfinished_tasks;
    RObject *finished;          /* an Event */
    RObject *queue;             /* a deque (Queue), a list (LifoQueue) or a heap */
    bool is_shutdown;
} Queue;

extern RType r_aio_lifo_queue_type, r_aio_priority_queue_type;

/* heapq's siftdown/siftup over a list with Python's `<` */
static int heap_lt(RObject *a, RObject *b)
{
    return r_richcompare_bool(a, b, R_LT);
}

static int heap_siftdown(RObject **heap, ssize_t startpos, ssize_t pos)
{
    RObject *newitem = heap[pos];
    while (pos > startpos) {
        ssize_t parentpos = (pos - 1) >> 1;
        int lt = heap_lt(newitem, heap[parentpos]);
        if (lt < 0)
            return -1;
        if (!lt)
            break;
        heap[pos] = heap[parentpos];
        pos = parentpos;
    }
    heap[pos] = newitem;
    return 0;
}

static int heap_siftup(RObject **heap, ssize_t endpos, ssize_t pos)
{
    ssize_t startpos = pos;
    RObject *newitem = heap[pos];
    ssize_t childpos = 2 * pos + 1;
    while (childpos < endpos) {
        ssize_t rightpos = childpos + 1;
        if (rightpos < endpos) {
            int lt = heap_lt(heap[childpos], heap[rightpos]);
            if (lt < 0) {
                heap[pos] = newitem;
                return -1;
            }
            if (!lt)
                childpos = rightpos;
        }
        heap[pos] = heap[childpos];
        pos = childpos;
        childpos = 2 * pos + 1;
    }
    heap[pos] = newitem;
    return heap_siftdown(heap, startpos, pos);
}

/* Queue._put */
static int queue_put_item(Queue *q, RObject *item)
{
    if (R_DEQUE_CHECK(q->queue))
        return r_deque_append(q->queue, item);
    if (r_list_append(q->queue, item) < 0)
        return -1;
    if (!r_typecheck((RObject *)q, &r_aio_priority_queue_type))
        return 0;
    return heap_siftdown(R_LIST_ITEMS(q->queue), 0, R_LIST_SIZE(q->queue) - 1);
}

/* Queue._get: popleft(), pop() (LifoQueue) or heappop (PriorityQueue) */
static RObject *queue_get_item(Queue *q)
{
    if (R_DEQUE_CHECK(q->queue))
        return r_deque_popleft(q->queue);
    RList *l = (RList *)q->queue;
    if (r_typecheck((RObject *)q, &r_aio_lifo_queue_type))
        return l->items[--l->size];
    RObject *last = l->items[--l->size];
    if (l->size == 0)
        return last;
    RObject *top = l->items[0];
    l->items[0] = last;
    if (heap_siftup(l->items, l->size, 0) < 0) {
        R_DECREF(top);
        return NULL;
    }
    return top;
}

static ssize_t qsize(Queue *q)
{
    return R_DEQUE_CHECK(q->queue) ? R_DEQUE_SIZE(q->queue) : R_LIST_SIZE(q->queue);
}

static int full(Queue *q)
{
    RObject *zero = r_int_from_i64(0);
    int le = zero ? r_richcompare_bool(q->maxsize, zero, R_LE) : -1;
    R_XDECREF(zero);
    if (le != 0)
        return le < 0 ? -1 : 0;
    RObject *n = r_int_from_i64(qsize(q));
    int ge = n ? r_richcompare_bool(n, q->maxsize, R_GE) : -1;
    R_XDECREF(n);
    return ge;
}

/* _wakeup_next(waiters) */
static int wakeup_next(RObject *waiters)
{
    while (R_DEQUE_SIZE(waiters)) {
        RObject *waiter = r_deque_popleft(waiters);
        int done = aio_future_done(waiter);
        if (done == 0) {
            int rc = aio_future_set_result(waiter, R_NONE);
            R_DECREF(waiter);
            return rc;
        }
        R_DECREF(waiter);
        if (done < 0)
            return -1;
    }
    return 0;
}

static int put_nowait(Queue *q, RObject *item)
{
    if (queue_has_shutdown() && q->is_shutdown) {
        r_err_set_object(r_aio_QueueShutDown, NULL);
        return -1;
    }
    int f = full(q);
    if (f < 0)
        return -1;
    if (f) {
        r_err_set_object(r_aio_QueueFull, NULL);
        return -1;
    }
    if (queue_put_item(q, item) < 0)
        return -1;
    q->unfinished_tasks++;
    aio_event_clear(q->finished);
    return wakeup_next(q->getters);
}

static RObject *get_nowait(Queue *q)
{
    if (qsize(q) == 0) {
        if (queue_has_shutdown() && q->is_shutdown)
            r_err_set_object(r_aio_QueueShutDown, NULL);
        else
            r_err_set_object(r_aio_QueueEmpty, NULL);
        return NULL;
    }
    RObject *item = queue_get_item(q);
    if (!item)
        return NULL;
    if (wakeup_next(q->putters) < 0) {
        R_DECREF(item);
        return NULL;
    }
    return item;
}

/* ---- get() and put(item) ---- */

typedef struct {
    AioCoro base;
    Queue *q;
    RObject *item; /* put's item; NULL for get */
    RObject *waiter;
} QueueOp;

/* the except: clause of get/put around `await getter` */
static aio_step op_cancelled(QueueOp *op, RObject *exc, bool is_get)
{
    Queue *q = op->q;
    RObject *waiters = is_get ? q->getters : q->putters;
    if (aio_future_cancel(op->waiter, NULL) < 0)
        return AIO_RAISE;
    if (r_deque_remove(waiters, op->waiter) < 0) {
        if (!r_err_matches(r_exc_ValueError))
            return AIO_RAISE;
        r_err_clear();
    }
    int ready = is_get ? qsize(q) > 0 : !full(q);
    int cancelled = aio_future_cancelled(op->waiter);
    if (cancelled < 0)
        return AIO_RAISE;
    if (ready && !cancelled && wakeup_next(waiters) < 0)
        return AIO_RAISE;
    r_err_restore(r_incref(exc));
    return AIO_RAISE;
}

static aio_step get_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    QueueOp *op = (QueueOp *)c;
    Queue *q = op->q;
    if (c->state == 1) {
        if (exc)
            return op_cancelled(op, exc, true);
        R_CLEAR(op->waiter);
    }
    while (qsize(q) == 0) {
        if (queue_has_shutdown() && q->is_shutdown) {
            r_err_set_object(r_aio_QueueShutDown, NULL);
            return AIO_RAISE;
        }
        if (!(op->waiter = aio_bound_create_future((RObject *)q, &q->loop)) ||
            r_deque_append(q->getters, op->waiter) < 0)
            return AIO_RAISE;
        c->state = 1;
        *out = r_incref(op->waiter);
        return AIO_AWAIT;
    }
    RObject *item = get_nowait(q);
    if (!item)
        return AIO_RAISE;
    *out = item;
    return AIO_RETURN;
}

static aio_step put_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    QueueOp *op = (QueueOp *)c;
    Queue *q = op->q;
    if (c->state == 1) {
        if (exc)
            return op_cancelled(op, exc, false);
        R_CLEAR(op->waiter);
    }
    for (;;) {
        int f = full(q);
        if (f < 0)
            return AIO_RAISE;
        if (!f)
            break;
        if (queue_has_shutdown() && q->is_shutdown) {
            r_err_set_object(r_aio_QueueShutDown, NULL);
            return AIO_RAISE;
        }
        if (!(op->waiter = aio_bound_create_future((RObject *)q, &q->loop)) ||
            r_deque_append(q->putters, op->waiter) < 0)
            return AIO_RAISE;
        c->state = 1;
        *out = r_incref(op->waiter);
        return AIO_AWAIT;
    }
    if (put_nowait(q, op->item) < 0)
        return AIO_RAISE;
    *out = r_incref(R_NONE);
    return AIO_RETURN;
}

static const aio_coro_def get_def = {"get", "Queue.get", sizeof(QueueOp), get_step, AIO_CORO_REFS(QueueOp, waiter), &aio_src_Queue_get};
static const aio_coro_def put_def = {"put", "Queue.put", sizeof(QueueOp), put_step, AIO_CORO_REFS(QueueOp, waiter), &aio_src_Queue_put};

RObject *aio_queue_get(RObject *queue)
{
    QueueOp *op = (QueueOp *)aio_coro_new(&get_def);
    if (op)
        op->q = (Queue *)r_incref(queue);
    return (RObject *)op;
}

int aio_queue_put_nowait(RObject *queue, RObject *item)
{
    return put_nowait((Queue *)queue, item);
}

/* ---- join() ---- */

typedef struct {
    AioCoro base;
    Queue *q;
} QueueJoin;

static aio_step join_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    QueueJoin *j = (QueueJoin *)c;
    if (c->state == 0 && j->q->unfinished_tasks > 0) {
        RObject *w = aio_event_wait(j->q->finished);
        if (!w)
            return AIO_RAISE;
        c->state = 1;
        *out = w;
        return AIO_AWAIT;
    }
    if (exc) {
        r_err_restore(r_incref(exc));
        return AIO_RAISE;
    }
    *out = r_incref(R_NONE);
    return AIO_RETURN;
}

static const aio_coro_def join_def = {"join", "Queue.join", sizeof(QueueJoin), join_step,
                                      AIO_CORO_REFS(QueueJoin, q), &aio_src_Queue_join};

/* ---- the Python methods ---- */

#define NOARGS(name)                                                                   \
    (void)args;                                                                        \
    if (r_check_no_kwargs(name, kw) < 0 || r_check_nargs(name, nargs, 0, 0) < 0) \
        return NULL;

static RObject *q_qsize(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("qsize");
    return r_int_from_i64(qsize((Queue *)self));
}

static RObject *q_empty(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("empty");
    return r_bool_from_long(qsize((Queue *)self) == 0);
}

static RObject *q_full(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("full");
    int f = full((Queue *)self);
    return f < 0 ? NULL : r_bool_from_long(f);
}

static RObject *one_item(const char *qualname, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"item", NULL};
    aio_sig sig = {qualname, pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    return out[0];
}

static RObject *q_put(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    RObject *item = one_item("Queue.put", args, nargs, kw);
    if (!item)
        return NULL;
    QueueOp *op = (QueueOp *)aio_coro_new(&put_def);
    if (op) {
        op->q = (Queue *)r_incref(self);
        op->item = r_incref(item);
    }
    return (RObject *)op;
}

static RObject *q_put_nowait(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    RObject *item = one_item("Queue.put_nowait", args, nargs, kw);
    if (!item || put_nowait((Queue *)self, item) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *q_get(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("get");
    return aio_queue_get(self);
}

static RObject *q_get_nowait(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("get_nowait");
    return get_nowait((Queue *)self);
}

static RObject *q_task_done(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("task_done");
    Queue *q = (Queue *)self;
    if (q->unfinished_tasks <= 0)
        return r_err_format(r_exc_ValueError, "task_done() called too many times");
    q->unfinished_tasks--;
    if (q->unfinished_tasks == 0 && aio_event_set(q->finished) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *q_join(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NOARGS("join");
    QueueJoin *j = (QueueJoin *)aio_coro_new(&join_def);
    if (j)
        j->q = (Queue *)r_incref(self);
    return (RObject *)j;
}

static RObject *q_shutdown(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"immediate", NULL};
    aio_sig sig = {"Queue.shutdown", pos, 0, NULL, NULL, NULL, false};
    RObject *out[1] = {NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    Queue *q = (Queue *)self;
    int immediate = out[0] ? r_is_true(out[0]) : 0;
    if (immediate < 0)
        return NULL;
    q->is_shutdown = true;
    if (immediate) {
        while (qsize(q)) {
            RObject *item = queue_get_item(q);
            if (!item)
                return NULL;
            R_DECREF(item);
            if (q->unfinished_tasks > 0)
                q->unfinished_tasks--;
        }
        if (q->unfinished_tasks == 0 && aio_event_set(q->finished) < 0)
            return NULL;
    }
    RObject *lists[2] = {q->getters, q->putters};
    for (int i = 0; i < 2; i++)
        while (R_DEQUE_SIZE(lists[i])) {
            RObject *w = r_deque_popleft(lists[i]);
            int done = aio_future_done(w);
            int rc = done < 0 ? -1 : done ? 0 : aio_future_set_result(w, R_NONE);
            R_DECREF(w);
            if (rc < 0)
                return NULL;
        }
    R_RETURN_NONE;
}

/* _format() */
static RObject *format(Queue *q)
{
    r_str_builder b;
    r_sb_init(&b);
    RObject *m = r_repr(q->maxsize);
    if (!m) {
        r_sb_discard(&b);
        return NULL;
    }
    r_sb_append_cstr(&b, "maxsize=");
    r_sb_append_str(&b, m);
    R_DECREF(m);
    if (qsize(q)) {
        RObject *items = r_sequence_list(q->queue); /* list(self._queue) */
        RObject *l = items ? r_repr(items) : NULL;
        R_XDECREF(items);
        if (!l) {
            r_sb_discard(&b);
            return NULL;
        }
        r_sb_append_cstr(&b, " _queue=");
        r_sb_append_str(&b, l);
        R_DECREF(l);
    }
    if (R_DEQUE_SIZE(q->getters))
        r_sb_printf(&b, " _getters[%zd]", R_DEQUE_SIZE(q->getters));
    if (R_DEQUE_SIZE(q->putters))
        r_sb_printf(&b, " _putters[%zd]", R_DEQUE_SIZE(q->putters));
    if (q->unfinished_tasks)
        r_sb_printf(&b, " tasks=%zd", q->unfinished_tasks);
    if (queue_has_shutdown() && q->is_shutdown)
        r_sb_append_cstr(&b, " shutdown");
    return r_sb_finish(&b);
}

static RObject *q_repr(RObject *self)
{
    RObject *f = format((Queue *)self);
    RObject *name = f ? aio_type_name(self) : NULL;
    RObject *res = name ? r_str_from_format("<%U at %#lx %U>", name, (unsigned long)(uintptr_t)self,
                                            f)
                        : NULL;
    R_XDECREF(f);
    R_XDECREF(name);
    return res;
}

static RObject *q_str(RObject *self)
{
    RObject *f = format((Queue *)self);
    RObject *name = f ? aio_type_name(self) : NULL;
    RObject *res = name ? r_str_from_format("<%U %U>", name, f) : NULL;
    R_XDECREF(f);
    R_XDECREF(name);
    return res;
}

/* Queue._init: a deque, but a list for LifoQueue and PriorityQueue */
static bool items_in_list(RType *type)
{
    return r_type_is_subtype(type, &r_aio_lifo_queue_type) ||
           r_type_is_subtype(type, &r_aio_priority_queue_type);
}

static Queue *queue_alloc(RType *type, RObject *maxsize, RObject *loop_arg)
{
    Queue *q = (Queue *)r_alloc(type);
    if (!q)
        return NULL;
    q->maxsize = r_incref(maxsize);
    if (aio_bind_loop_when_made("Queue", loop_arg, &q->loop) < 0 || !(q->getters = r_deque_new()) ||
        !(q->putters = r_deque_new()) || !(q->queue = items_in_list(type) ? r_list_new(0) : r_deque_new()) ||
        !(q->finished = aio_event_new(r_profile.minor <= 9 ? loop_arg : NULL)) ||
        aio_event_set(q->finished) < 0) {
        R_DECREF(q);
        return NULL;
    }
    return q;
}

RObject *aio_queue_new(RObject *loop_arg)
{
    RObject *zero = r_int_from_i64(0);
    Queue *q = zero ? queue_alloc(&r_aio_queue_type, zero, loop_arg) : NULL;
    R_XDECREF(zero);
    return (RObject *)q;
}

static RObject *q_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const pos[] = {"maxsize", NULL};
    static const char *const kwonly[] = {"loop", NULL};
    aio_sig sig = {"Queue.__init__", pos, 0, kwonly, NULL, NULL, false};
    RObject *out[2] = {NULL, NULL};
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    RObject *zero = r_int_from_i64(0);
    Queue *q = zero ? queue_alloc(type, out[0] ? out[0] : zero, out[1]) : NULL;
    R_XDECREF(zero);
    return (RObject *)q;
}

static void q_dealloc(RObject *o)
{
    Queue *q = (Queue *)o;
    R_XDECREF(q->dict);
    R_XDECREF(q->loop);
    R_XDECREF(q->maxsize);
    R_XDECREF(q->getters);
    R_XDECREF(q->putters);
    R_XDECREF(q->finished);
    R_XDECREF(q->queue);
    r_free(o);
}

static int q_traverse(RObject *o, r_visitproc visit, void *arg)
{
    Queue *q = (Queue *)o;
    return R_VISIT_EACH(visit, arg, q->dict, q->loop, q->maxsize, q->getters, q->putters,
                        q->finished, q->queue);
}

static void q_clear(RObject *o)
{
    Queue *q = (Queue *)o;
    R_CLEAR(q->dict);
    R_CLEAR(q->loop);
    R_CLEAR(q->getters);
    R_CLEAR(q->putters);
    R_CLEAR(q->finished);
    R_CLEAR(q->queue);
}

static RObject *get_maxsize(RObject *o)
{
    return r_incref(((Queue *)o)->maxsize);
}

static RObject *get_unfinished(RObject *o)
{
    return r_int_from_i64(((Queue *)o)->unfinished_tasks);
}

static RObject *get_queue_attr(RObject *o)
{
    return r_incref(((Queue *)o)->queue);
}

static const r_getset_def q_getsets[] = {
    {"maxsize", get_maxsize, NULL},
    {"_unfinished_tasks", get_unfinished, NULL},
    {"_queue", get_queue_attr, NULL},
    {NULL, NULL, NULL},
};

static const r_method_def q_methods[] = {
    {"qsize", q_qsize, 0, NULL},
    {"empty", q_empty, 0, NULL},
    {"full", q_full, 0, NULL},
    {"put", q_put, 0, NULL},
    {"put_nowait", q_put_nowait, 0, NULL},
    {"get", q_get, 0, NULL},
    {"get_nowait", q_get_nowait, 0, NULL},
    {"task_done", q_task_done, 0, NULL},
    {"join", q_join, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const r_method_def q_methods_313[] = {
    {"shutdown", q_shutdown, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_aio_queue_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Queue",
    .basicsize = sizeof(Queue),
    .dictoffset = offsetof(Queue, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = q_dealloc,
    .traverse = q_traverse,
    .clear = q_clear,
    .repr = q_repr,
    .str = q_str,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = q_methods,
    .getsets = q_getsets,
    .tp_new = q_tp_new,
    .doc = "A queue, useful for coordinating producer and consumer coroutines.",
};

RType r_aio_lifo_queue_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "LifoQueue",
    .base = &r_aio_queue_type,
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .doc = "A subclass of Queue that retrieves most recently added entries first.",
};

RType r_aio_priority_queue_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "PriorityQueue",
    .base = &r_aio_queue_type,
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .doc = "A subclass of Queue; retrieves entries in priority order (lowest first).",
};

int aio_queue_type_init(void)
{
    RType *subs[2] = {&r_aio_lifo_queue_type, &r_aio_priority_queue_type};
    for (int i = 0; i < 2; i++) {
        subs[i]->module = r_str_intern("asyncio.queues");
        subs[i]->qualname = r_str_intern(subs[i]->name);
        R_INCREF(subs[i]->module);
        R_INCREF(subs[i]->qualname);
    }
    if (r_type_ready(&r_aio_queue_type) < 0 || r_type_ready(&r_aio_lifo_queue_type) < 0 ||
        r_type_ready(&r_aio_priority_queue_type) < 0)
        return -1;
    if (!queue_has_shutdown())
        return 0;
    for (const r_method_def *d = q_methods_313; d->name; d++) {
        RObject *descr = r_method_descr_new(&r_aio_queue_type, d);
        if (!descr || r_dict_set_item_cstr(r_aio_queue_type.dict, d->name, descr) < 0) {
            R_XDECREF(descr);
            return -1;
        }
        R_DECREF(descr);
    }
    return 0;
}
