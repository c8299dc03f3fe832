/* The channels of a process pool, as multiprocessing makes them on Linux
 * (Lib/multiprocessing/queues.py, connection.py, synchronize.py): the call
 * queue (a Queue whose put() only buffers, a feeder thread pickling and
 * writing, a semaphore bounding what is in flight and a lock the readers
 * share), the result queue (a SimpleQueue whose writers share a lock) and
 * the manager's wakeup pipe. The semaphores live in an anonymous shared
 * mapping, as the unlinked named semaphores of the fork start method do.
 * The queues are socket pairs rather than pipes so that a write to a
 * channel nobody reads any more fails with EPIPE instead of a signal
 * (MSG_NOSIGNAL), as CPython, which ignores SIGPIPE, sees it. */
#define _GNU_SOURCE
#include "cf_process_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "boolobject.h"
#include "builtins.h"
#include "bytesobject.h"
#include "cf_future.h"
#include "cf_pickle.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "gil.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "strobject.h"
#include "threadingmodule.h"
#include "traceback_print.h"
#include "tupleobject.h"

/* ---- CfLock ---- */

static void lock_dealloc(RObject *o)
{
    r_lock_free(((CfLock *)o)->lock);
    r_free(o);
}

static RType lock_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_thread.lock",
    .basicsize = sizeof(CfLock),
    .dealloc = lock_dealloc,
};

RObject *cf_lock_new(void)
{
    CfLock *l = (CfLock *)r_alloc(&lock_type);
    if (!l)
        return NULL;
    if (!(l->lock = r_lock_new())) {
        R_DECREF(l);
        return r_err_no_memory();
    }
    return (RObject *)l;
}

void cf_lock_acquire(RObject *lock)
{
    r_lock_acquire(((CfLock *)lock)->lock, -1);
}

void cf_lock_release(RObject *lock)
{
    r_lock_release(((CfLock *)lock)->lock);
}

/* ---- framing ---- */

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == ENOTSOCK)
            w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* 0, -1 at end of file before the first byte, or an errno */
static int read_all(int fd, char *p, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (r == 0)
            return got == 0 ? -1 : EPIPE;
        got += (size_t)r;
    }
    return 0;
}

int cf_send_frame(int fd, const char *data, size_t n)
{
    unsigned char header[12];
    size_t hn = 4;
    if (n > 0x7fffffff) {
        /* Connection._send_bytes: -1, then the length as "!Q" */
        memset(header, 0xff, 4);
        for (int i = 0; i < 8; i++)
            header[4 + i] = (unsigned char)((uint64_t)n >> (56 - 8 * i));
        hn = 12;
    } else {
        for (int i = 0; i < 4; i++)
            header[i] = (unsigned char)(n >> (24 - 8 * i));
    }
    /* header and a small payload in one write, as _send_bytes does */
    if (n <= 16384) {
        char *frame = malloc(hn + n);
        if (!frame)
            return ENOMEM;
        memcpy(frame, header, hn);
        memcpy(frame + hn, data, n);
        int rc = write_all(fd, frame, hn + n);
        free(frame);
        return rc;
    }
    int rc = write_all(fd, (const char *)header, hn);
    return rc ? rc : write_all(fd, data, n);
}

int cf_recv_frame(int fd, char **data, size_t *n)
{
    unsigned char header[8];
    int rc = read_all(fd, (char *)header, 4);
    if (rc)
        return rc;
    uint64_t size = ((uint64_t)header[0] << 24) | ((uint64_t)header[1] << 16) |
                    ((uint64_t)header[2] << 8) | header[3];
    if (size == 0xffffffffu) {
        if ((rc = read_all(fd, (char *)header, 8)) != 0)
            return rc < 0 ? EPIPE : rc;
        size = 0;
        for (int i = 0; i < 8; i++)
            size = (size << 8) | header[i];
    }
    char *buf = malloc(size ? (size_t)size : 1);
    if (!buf)
        return ENOMEM;
    if (size && (rc = read_all(fd, buf, (size_t)size)) != 0) {
        free(buf);
        return rc < 0 ? EPIPE : rc;
    }
    *data = buf;
    *n = (size_t)size;
    return 0;
}

static RObject *os_error(int err)
{
    if (err == EPIPE)
        return r_err_format(r_exc_BrokenPipeError, "[Errno %d] %s", err, strerror(err));
    return r_err_format(r_exc_OSError, "[Errno %d] %s", err, strerror(err));
}

static void close_fd(int *fd)
{
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

/* Pipe(duplex=False) for a queue: (reader, writer) */
static int channel(int fds[2])
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        os_error(errno);
        return -1;
    }
    shutdown(sv[0], SHUT_WR);
    shutdown(sv[1], SHUT_RD);
    fds[0] = sv[0];
    fds[1] = sv[1];
    return 0;
}

static void *shared_mapping(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        os_error(errno);
        return NULL;
    }
    return p;
}

/* sem_wait with the GIL released */
static void sem_acquire(sem_t *s)
{
    R_BEGIN_ALLOW_THREADS
    while (sem_wait(s) < 0 && errno == EINTR)
        ;
    R_END_ALLOW_THREADS
}

/* ---- _ThreadWakeup ---- */

static void wakeup_dealloc(RObject *o)
{
    CfWakeup *w = (CfWakeup *)o;
    close_fd(&w->reader);
    close_fd(&w->writer);
    r_free(o);
}

static RType wakeup_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "concurrent.futures.process._ThreadWakeup",
    .basicsize = sizeof(CfWakeup),
    .dealloc = wakeup_dealloc,
};

RObject *cf_wakeup_new(void)
{
    CfWakeup *w = (CfWakeup *)r_alloc(&wakeup_type);
    if (!w)
        return NULL;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) {
        w->reader = w->writer = -1;
        R_DECREF(w);
        return os_error(errno);
    }
    w->reader = fds[0];
    w->writer = fds[1];
    /* a full pipe already wakes the manager: a writer never has to wait */
    fcntl(w->writer, F_SETFL, O_NONBLOCK);
    return (RObject *)w;
}

/* wakeup(): send_bytes(b""), a frame of length 0 */
int cf_wakeup_wakeup(RObject *o)
{
    CfWakeup *w = (CfWakeup *)o;
    if (w->closed)
        return 0;
    static const char empty_frame[4] = {0, 0, 0, 0};
    ssize_t n;
    do
        n = write(w->writer, empty_frame, sizeof empty_frame);
    while (n < 0 && errno == EINTR);
    return 0;
}

/* clear(): `while self._reader.poll(): self._reader.recv_bytes()` */
void cf_wakeup_clear(RObject *o)
{
    CfWakeup *w = (CfWakeup *)o;
    if (w->closed)
        return;
    char buf[512];
    for (;;) {
        struct pollfd pfd = {w->reader, POLLIN, 0};
        if (poll(&pfd, 1, 0) <= 0 || !(pfd.revents & POLLIN))
            return;
        if (read(w->reader, buf, sizeof buf) <= 0)
            return;
    }
}

void cf_wakeup_close(RObject *o)
{
    CfWakeup *w = (CfWakeup *)o;
    if (w->closed)
        return;
    w->closed = true;
    close_fd(&w->writer);
    close_fd(&w->reader);
}

/* ---- queue.Queue of work ids ---- */

struct CfIdQueue {
    RObject ob;
    int64_t *ids;
    size_t head, len, cap;
};

static void id_queue_dealloc(RObject *o)
{
    free(((CfIdQueue *)o)->ids);
    r_free(o);
}

static RType id_queue_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "queue.Queue",
    .basicsize = sizeof(CfIdQueue),
    .dealloc = id_queue_dealloc,
};

RObject *cf_id_queue_new(void)
{
    return r_alloc(&id_queue_type);
}

int cf_id_queue_put(RObject *o, int64_t id)
{
    CfIdQueue *q = (CfIdQueue *)o;
    if (q->len == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        int64_t *ids = malloc(cap * sizeof *ids);
        if (!ids) {
            r_err_no_memory();
            return -1;
        }
        for (size_t i = 0; i < q->len; i++)
            ids[i] = q->ids[(q->head + i) % q->cap];
        free(q->ids);
        q->ids = ids;
        q->head = 0;
        q->cap = cap;
    }
    q->ids[(q->head + q->len) % q->cap] = id;
    q->len++;
    return 0;
}

bool cf_id_queue_get_nowait(RObject *o, int64_t *id)
{
    CfIdQueue *q = (CfIdQueue *)o;
    if (!q->len)
        return false;
    *id = q->ids[q->head];
    q->head = (q->head + 1) % q->cap;
    q->len--;
    return true;
}

/* ---- the call queue ---- */

/* the buffer put() appends to and the feeder takes from (a deque under
 * the Condition _notempty); the sentinel is _sentinel */
struct CfFeedBuffer {
    pthread_mutex_t mutex;
    pthread_cond_t notempty;
    RObject **items;
    size_t len, cap;
};

static RObject close_sentinel = R_STATIC_HEAD(&r_type_type);

static void call_queue_dealloc(RObject *o)
{
    CfCallQueue *q = (CfCallQueue *)o;
    close_fd(&q->reader);
    close_fd(&q->writer);
    if (q->locks) {
        sem_destroy(&q->locks->rlock);
        sem_destroy(&q->locks->slots);
        munmap(q->locks, sizeof *q->locks);
    }
    if (q->buffer) {
        for (size_t i = 0; i < q->buffer->len; i++)
            if (q->buffer->items[i] != &close_sentinel)
                R_DECREF(q->buffer->items[i]);
        free(q->buffer->items);
        pthread_mutex_destroy(&q->buffer->mutex);
        pthread_cond_destroy(&q->buffer->notempty);
        free(q->buffer);
    }
    R_XDECREF(q->thread);
    R_XDECREF(q->pending_work_items);
    R_XDECREF(q->shutdown_lock);
    R_XDECREF(q->thread_wakeup);
    r_free(o);
}

static RType call_queue_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "concurrent.futures.process._SafeQueue",
    .basicsize = sizeof(CfCallQueue),
    .dealloc = call_queue_dealloc,
};

RObject *cf_call_queue_new(int maxsize, RObject *pending_work_items, RObject *shutdown_lock,
                           RObject *thread_wakeup)
{
    CfCallQueue *q = (CfCallQueue *)r_alloc(&call_queue_type);
    if (!q)
        return NULL;
    q->reader = q->writer = -1;
    q->pending_work_items = r_incref(pending_work_items);
    q->shutdown_lock = r_incref(shutdown_lock);
    q->thread_wakeup = r_incref(thread_wakeup);
    int fds[2];
    if (channel(fds) < 0) {
        R_DECREF(q);
        return NULL;
    }
    q->reader = fds[0];
    q->writer = fds[1];
    if (!(q->locks = shared_mapping(sizeof *q->locks))) {
        R_DECREF(q);
        return NULL;
    }
    sem_init(&q->locks->rlock, 1, 1);
    sem_init(&q->locks->slots, 1, (unsigned)maxsize);
    q->buffer = calloc(1, sizeof *q->buffer);
    if (!q->buffer) {
        R_DECREF(q);
        return r_err_no_memory();
    }
    pthread_mutex_init(&q->buffer->mutex, NULL);
    pthread_cond_init(&q->buffer->notempty, NULL);
    return (RObject *)q;
}

bool cf_call_queue_full(RObject *o)
{
    int v = 0;
    sem_getvalue(&((CfCallQueue *)o)->locks->slots, &v);
    return v <= 0;
}

/* appends under _notempty (steals item) */
static int buffer_append(CfFeedBuffer *b, RObject *item)
{
    pthread_mutex_lock(&b->mutex);
    if (b->len == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        RObject **items = realloc(b->items, cap * sizeof *items);
        if (!items) {
            pthread_mutex_unlock(&b->mutex);
            if (item != &close_sentinel)
                R_DECREF(item);
            r_err_no_memory();
            return -1;
        }
        b->items = items;
        b->cap = cap;
    }
    b->items[b->len++] = item;
    pthread_cond_signal(&b->notempty);
    pthread_mutex_unlock(&b->mutex);
    return 0;
}

/* _SafeQueue._on_queue_feeder_error(e, obj); -1 when it raises itself */
static int on_feeder_error(CfCallQueue *q, RObject *exc, RObject *obj)
{
    if (R_TYPE(obj) != &cf_call_item_type) {
        /* Queue._on_queue_feeder_error: traceback.print_exc() */
        RObject *sys = r_builtins_sys_module();
        RObject *err = sys ? r_dict_get_item_cstr(r_module_dict(sys), "stderr") : NULL;
        if (err)
            r_print_exception(exc, err);
        return 0;
    }
    RObject *tb = cf_format_exception(exc);
    if (!tb || cf_attach_remote_traceback(exc, tb, "\"\"\"") < 0) {
        R_XDECREF(tb);
        return -1;
    }
    R_DECREF(tb);
    /* work_item = self.pending_work_items.pop(obj.work_id, None) */
    RObject *key = r_int_from_i64(((CfCallItem *)obj)->work_id);
    RObject *work_item = key ? r_dict_get_item(q->pending_work_items, key) : NULL;
    if (work_item) {
        R_INCREF(work_item);
        r_dict_del_item(q->pending_work_items, key);
    }
    R_XDECREF(key);
    if (cf_wakeup_guards_closed()) {
        /* 3.9+: `with self.shutdown_lock: self.thread_wakeup.wakeup()` */
        cf_lock_acquire(q->shutdown_lock);
        cf_wakeup_wakeup(q->thread_wakeup);
        cf_lock_release(q->shutdown_lock);
    }
    int rc = work_item ? r_cf_future_set_exception(((CfWorkItem *)work_item)->future, exc) : 0;
    R_XDECREF(work_item);
    return rc;
}

/* The feeder's payload for a call item: (work_id, fn, args, kwargs), the
 * attributes of _CallItem in the order pickle saves its __dict__. */
static RObject *payload_of(RObject *obj)
{
    if (R_TYPE(obj) != &cf_call_item_type)
        return r_incref(obj);
    CfCallItem *c = (CfCallItem *)obj;
    RObject *id = r_int_from_i64(c->work_id);
    RObject *t = id ? r_tuple_pack(4, id, c->fn, c->args, c->kwargs) : NULL;
    R_XDECREF(id);
    return t;
}

/* Queue._feed: one object: pickled with the GIL, written without it.
 * 1: the pipe is closed (EPIPE, ignored for concurrent.futures): stop;
 * -1: the error handler itself raised, which ends the thread. */
static int feed_one(CfCallQueue *q, RObject *obj)
{
    RObject *payload = payload_of(obj);
    RObject *data = payload ? r_cf_pickle_dumps(payload) : NULL;
    R_XDECREF(payload);
    if (!data) {
        RObject *exc = r_err_fetch();
        /* queue_sem.release(); onerror(e, obj) */
        sem_post(&q->locks->slots);
        int rc = on_feeder_error(q, exc, obj);
        R_DECREF(exc);
        return rc;
    }
    int err;
    int fd = q->writer;
    R_BEGIN_ALLOW_THREADS
    err = fd >= 0 ? cf_send_frame(fd, R_BYTES_DATA(data), (size_t)R_BYTES_SIZE(data)) : EPIPE;
    R_END_ALLOW_THREADS
    R_DECREF(data);
    if (err == EPIPE || err == ECONNRESET)
        return 1; /* ignore_epipe: the feeder just ends */
    if (err) {
        os_error(err);
        RObject *exc = r_err_fetch();
        sem_post(&q->locks->slots);
        int rc = on_feeder_error(q, exc, obj);
        R_DECREF(exc);
        return rc;
    }
    return 0;
}

static RObject *feeder_run(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    CfCallQueue *q = (CfCallQueue *)self;
    CfFeedBuffer *b = q->buffer;
    for (;;) {
        RObject **batch;
        size_t n;
        R_BEGIN_ALLOW_THREADS
        pthread_mutex_lock(&b->mutex);
        while (b->len == 0)
            pthread_cond_wait(&b->notempty, &b->mutex);
        batch = b->items;
        n = b->len;
        b->items = NULL;
        b->len = b->cap = 0;
        pthread_mutex_unlock(&b->mutex);
        R_END_ALLOW_THREADS
        size_t i = 0;
        int rc = 0;
        for (; i < n && rc == 0; i++) {
            RObject *obj = batch[i];
            if (obj == &close_sentinel) {
                /* reader_close(); writer_close(); return */
                close_fd(&q->reader);
                close_fd(&q->writer);
                rc = 1;
                continue;
            }
            rc = feed_one(q, obj);
            R_DECREF(obj);
        }
        for (; i < n; i++)
            if (batch[i] != &close_sentinel)
                R_DECREF(batch[i]);
        free(batch);
        if (rc < 0)
            return NULL;
        if (rc > 0)
            R_RETURN_NONE;
    }
}

static const r_method_def feeder_def = {"_feed", feeder_run, 0, NULL};

/* Queue._start_thread: a daemon threading.Thread named QueueFeederThread */
static int start_feeder(CfCallQueue *q)
{
    RObject *target = r_cfunction_new(&feeder_def, (RObject *)q, NULL);
    RObject *name = r_str_from_cstr("QueueFeederThread");
    RObject *kwnames = r_tuple_pack(3, r_str_intern("target"), r_str_intern("name"),
                                    r_str_intern("daemon"));
    RObject *t = NULL;
    if (target && name && kwnames) {
        RObject *call_args[3] = {target, name, R_TRUE};
        t = r_call((RObject *)&r_thread_type, call_args, 0, kwnames);
    }
    R_XDECREF(target);
    R_XDECREF(name);
    R_XDECREF(kwnames);
    RObject *started = t ? r_call_method(t, "start", NULL, 0) : NULL;
    if (!started) {
        R_XDECREF(t);
        return -1;
    }
    R_DECREF(started);
    q->thread = t;
    return cf_register_feeder((RObject *)q);
}

int cf_call_queue_put(RObject *o, RObject *obj, bool block)
{
    CfCallQueue *q = (CfCallQueue *)o;
    if (q->closed) {
        r_err_format(r_exc_ValueError, "Queue %R is closed", o);
        return -1;
    }
    if (block) {
        sem_acquire(&q->locks->slots);
    } else if (sem_trywait(&q->locks->slots) < 0) {
        return 1; /* queue.Full */
    }
    if (!q->thread && start_feeder(q) < 0)
        return -1;
    return buffer_append(q->buffer, r_incref(obj));
}

/* close(): the _close finalizer sends the feeder its sentinel */
void cf_call_queue_close(RObject *o)
{
    CfCallQueue *q = (CfCallQueue *)o;
    q->closed = true;
    if (q->thread && !q->close_sent) {
        q->close_sent = true;
        if (buffer_append(q->buffer, &close_sentinel) < 0)
            r_err_clear();
    }
}

int cf_call_queue_join_thread(RObject *o)
{
    CfCallQueue *q = (CfCallQueue *)o;
    if (!q->thread)
        return 0;
    RObject *r = r_call_method(q->thread, "join", NULL, 0);
    if (!r)
        return -1;
    R_DECREF(r);
    return 0;
}

void cf_call_queue_close_reader(RObject *o)
{
    close_fd(&((CfCallQueue *)o)->reader);
}

int cf_call_queue_terminate_broken(RObject *o)
{
    cf_call_queue_close_reader(o);
    cf_call_queue_close(o);
    return cf_call_queue_join_thread(o);
}

/* get(block=True) in a worker: `with self._rlock: res = self._recv_bytes()`,
 * `self._sem.release()`, then loads() outside the lock */
RObject *cf_call_queue_get(RObject *o)
{
    CfCallQueue *q = (CfCallQueue *)o;
    char *data = NULL;
    size_t n = 0;
    int err;
    R_BEGIN_ALLOW_THREADS
    while (sem_wait(&q->locks->rlock) < 0 && errno == EINTR)
        ;
    err = cf_recv_frame(q->reader, &data, &n);
    sem_post(&q->locks->rlock);
    R_END_ALLOW_THREADS
    if (err < 0)
        return NULL; /* every writer is gone */
    if (err)
        return os_error(err);
    sem_post(&q->locks->slots);
    RObject *obj = r_cf_pickle_loads(data, n);
    free(data);
    return obj;
}

/* ---- the result queue ---- */

static void result_queue_dealloc(RObject *o)
{
    CfResultQueue *q = (CfResultQueue *)o;
    close_fd(&q->reader);
    close_fd(&q->writer);
    if (q->locks) {
        sem_destroy(&q->locks->wlock);
        munmap(q->locks, sizeof *q->locks);
    }
    r_free(o);
}

static RType result_queue_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "multiprocessing.queues.SimpleQueue",
    .basicsize = sizeof(CfResultQueue),
    .dealloc = result_queue_dealloc,
};

RObject *cf_result_queue_new(void)
{
    CfResultQueue *q = (CfResultQueue *)r_alloc(&result_queue_type);
    if (!q)
        return NULL;
    q->reader = q->writer = -1;
    int fds[2];
    if (channel(fds) < 0) {
        R_DECREF(q);
        return NULL;
    }
    q->reader = fds[0];
    q->writer = fds[1];
    if (!(q->locks = shared_mapping(sizeof *q->locks))) {
        R_DECREF(q);
        return NULL;
    }
    sem_init(&q->locks->wlock, 1, 1);
    return (RObject *)q;
}

/* SimpleQueue.put: `obj = _ForkingPickler.dumps(obj)`, then
 * `with self._wlock: self._writer.send_bytes(obj)` */
int cf_result_queue_put(RObject *o, RObject *obj)
{
    CfResultQueue *q = (CfResultQueue *)o;
    RObject *data = r_cf_pickle_dumps(obj);
    if (!data)
        return -1;
    int err;
    R_BEGIN_ALLOW_THREADS
    while (sem_wait(&q->locks->wlock) < 0 && errno == EINTR)
        ;
    err = cf_send_frame(q->writer, R_BYTES_DATA(data), (size_t)R_BYTES_SIZE(data));
    sem_post(&q->locks->wlock);
    R_END_ALLOW_THREADS
    R_DECREF(data);
    if (err) {
        os_error(err);
        return -1;
    }
    return 0;
}

RObject *cf_result_queue_recv(RObject *o)
{
    CfResultQueue *q = (CfResultQueue *)o;
    char *data = NULL;
    size_t n = 0;
    int err;
    int fd = q->reader;
    R_BEGIN_ALLOW_THREADS
    err = fd >= 0 ? cf_recv_frame(fd, &data, &n) : EBADF;
    R_END_ALLOW_THREADS
    if (err < 0) {
        r_err_set_object(r_exc_EOFError, NULL);
        return NULL;
    }
    if (err)
        return os_error(err);
    RObject *obj = r_cf_pickle_loads(data, n);
    free(data);
    return obj;
}

void cf_result_queue_close(RObject *o)
{
    CfResultQueue *q = (CfResultQueue *)o;
    close_fd(&q->reader);
    close_fd(&q->writer);
}

/* ---- util._exit_function's part: feeders and children ---- */

static RObject *feeders; /* list of call queues whose feeder started */

int cf_register_feeder(RObject *q)
{
    if (!feeders && !(feeders = r_list_new(0)))
        return -1;
    return r_list_append(feeders, q);
}

void cf_queues_exit_function(void)
{
    if (feeders) {
        /* _run_finalizers(0): each queue's _close (exitpriority 10) */
        for (ssize_t i = 0; i < R_LIST_SIZE(feeders); i++)
            cf_call_queue_close(R_LIST_ITEMS(feeders)[i]);
    }
    /* `for p in active_children(): p.join()` */
    cf_join_active_children();
    if (feeders) {
        /* _run_finalizers(): each feeder's _finalize_join (exitpriority -5) */
        for (ssize_t i = 0; i < R_LIST_SIZE(feeders); i++)
            if (cf_call_queue_join_thread(R_LIST_ITEMS(feeders)[i]) < 0)
                r_err_clear();
        R_CLEAR(feeders);
    }
}
