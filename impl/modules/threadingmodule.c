/* threading (CPython's Lib/threading.py over _thread): Thread, Lock,
 * RLock, Condition and Event, current_thread, main_thread, get_ident and
 * active_count, and the join of non-daemon threads at exit. Every wait
 * releases the GIL. */
#include "threadingmodule.h"

#include "atexit_hooks.h"

#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "builtins.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "gil.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "profile.h"
#include "progress.h"
#include "strobject.h"
#include "thread.h"
#include "traceback_print.h"
#include "tupleobject.h"
#include "typeobject.h"

/* timeout=None -> -1 (forever); negative -> ValueError as CPython */
static int timeout_of(RObject *o, double *out, bool none_is_forever)
{
    if (!o || (o == R_NONE && none_is_forever)) {
        *out = -1;
        return 0;
    }
    double v = R_FLOAT_CHECK(o) ? r_float_as_double(o) : r_int_as_double(o);
    if (v == -1.0 && r_err_occurred())
        return -1;
    *out = v < 0 ? 0 : v;
    return 0;
}

/* ---- Lock ---- */

typedef struct {
    RObject ob;
    r_lock *lock;
    unsigned long owner; /* RLock */
    long count;          /* RLock */
    bool reentrant;
} RLockObj;

static RObject *lock_new_of(RType *type, bool reentrant)
{
    RLockObj *l = (RLockObj *)r_alloc(type);
    if (!l)
        return NULL;
    l->lock = r_lock_new();
    l->reentrant = reentrant;
    if (!l->lock) {
        R_DECREF(l);
        return r_err_no_memory();
    }
    return (RObject *)l;
}

static void lock_dealloc(RObject *o)
{
    r_lock_free(((RLockObj *)o)->lock);
    r_free(o);
}

static int lock_acquire_impl(RLockObj *l, double timeout)
{
    if (l->reentrant && l->count > 0 && l->owner == r_thread_ident()) {
        l->count++;
        return 1;
    }
    if (!r_lock_acquire(l->lock, timeout))
        return 0;
    l->owner = r_thread_ident();
    l->count = 1;
    return 1;
}

static int lock_release_impl(RLockObj *l)
{
    if (l->reentrant) {
        if (l->count == 0 || l->owner != r_thread_ident()) {
            r_err_set_string(r_exc_RuntimeError, "cannot release un-acquired lock");
            return -1;
        }
        if (--l->count > 0)
            return 0;
    } else if (!r_lock_locked(l->lock)) {
        r_err_set_string(r_exc_RuntimeError, "release unlocked lock");
        return -1;
    }
    l->count = 0;
    l->owner = 0;
    r_lock_release(l->lock);
    return 0;
}

static RObject *lock_acquire(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"blocking", "timeout", NULL};
    RObject *opts[2] = {nargs > 0 ? args[0] : NULL, nargs > 1 ? args[1] : NULL};
    if (r_parse_keywords("acquire", kw, args + nargs, names, opts) < 0)
        return NULL;
    int blocking = opts[0] ? r_is_true(opts[0]) : 1;
    if (blocking < 0)
        return NULL;
    double timeout = -1;
    if (opts[1] && opts[1] != R_NONE) {
        if (timeout_of(opts[1], &timeout, true) < 0)
            return NULL;
        if (!blocking && timeout != -1)
            return r_err_format(r_exc_ValueError, "can't specify a timeout for a non-blocking call");
    }
    if (!blocking)
        timeout = 0;
    return r_bool_from_long(lock_acquire_impl((RLockObj *)self, timeout));
}

static RObject *lock_release(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("release", kw) < 0 || r_check_nargs("release", nargs, 0, 0) < 0)
        return NULL;
    if (lock_release_impl((RLockObj *)self) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *lock_enter(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    lock_acquire_impl((RLockObj *)self, -1);
    R_RETURN_TRUE;
}

static RObject *lock_exit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    if (lock_release_impl((RLockObj *)self) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *lock_locked(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    return r_bool_from_long(r_lock_locked(((RLockObj *)self)->lock));
}

static RObject *lock_repr(RObject *self)
{
    RLockObj *l = (RLockObj *)self;
    bool locked = r_lock_locked(l->lock);
    if (l->reentrant)
        return r_str_from_format("<%s _thread.RLock object owner=%lu count=%ld at %p>",
                                 locked ? "locked" : "unlocked", l->owner, l->count, self);
    return r_str_from_format("<%s _thread.lock object at %p>", locked ? "locked" : "unlocked",
                             self);
}

static const r_method_def lock_methods[] = {
    {"acquire", lock_acquire, 0, NULL},   {"release", lock_release, 0, NULL},
    {"__enter__", lock_enter, 0, NULL},   {"__exit__", lock_exit, 0, NULL},
    {"locked", lock_locked, 0, NULL},     {NULL, NULL, 0, NULL},
};

static RObject *lock_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw);

RType r_lock_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_thread.lock",
    .basicsize = sizeof(RLockObj),
    .dealloc = lock_dealloc,
    .repr = lock_repr,
    .getattro = r_generic_getattr,
    .methods = lock_methods,
    .tp_new = lock_tp_new,
};

RType r_rlock_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_thread.RLock",
    .basicsize = sizeof(RLockObj),
    .dealloc = lock_dealloc,
    .repr = lock_repr,
    .getattro = r_generic_getattr,
    .methods = lock_methods,
    .tp_new = lock_tp_new,
};

static RObject *lock_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs(type->name, kw) < 0 || r_check_nargs("lock", nargs, 0, 0) < 0)
        return NULL;
    return lock_new_of(type, type == &r_rlock_type);
}

RObject *r_threading_lock_new(bool reentrant)
{
    return lock_new_of(reentrant ? &r_rlock_type : &r_lock_type, reentrant);
}

/* ---- Condition: waiters are locks, as threading.Condition ---- */

typedef struct {
    RObject ob;
    RObject *lock;    /* a Lock or RLock */
    RObject *waiters; /* list of locks */
} RCondition;

static void condition_dealloc(RObject *o)
{
    RCondition *c = (RCondition *)o;
    R_XDECREF(c->lock);
    R_XDECREF(c->waiters);
    r_free(o);
}

static int condition_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RCondition *c = (RCondition *)o;
    int rc = c->lock ? visit(c->lock, arg) : 0;
    return rc || !c->waiters ? rc : visit(c->waiters, arg);
}

static RObject *condition_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"lock", NULL};
    RObject *opts[1] = {nargs > 0 ? args[0] : NULL};
    if (r_parse_keywords("Condition", kw, args + nargs, names, opts) < 0)
        return NULL;
    RCondition *c = (RCondition *)r_alloc(type);
    if (!c)
        return NULL;
    c->lock = opts[0] && opts[0] != R_NONE ? r_incref(opts[0]) : r_threading_lock_new(true);
    c->waiters = r_list_new(0);
    if (!c->lock || !c->waiters) {
        R_DECREF(c);
        return NULL;
    }
    return (RObject *)c;
}

/* Lib/threading.py: Condition.wait */
/* Condition._is_owned: an RLock held by this thread, or a Lock held */
static bool condition_owned(RCondition *c)
{
    RLockObj *outer = (RLockObj *)c->lock;
    return (outer->count > 0 && (!outer->reentrant || outer->owner == r_thread_ident())) ||
           (!outer->reentrant && r_lock_locked(outer->lock));
}

int r_condition_wait(RObject *cond, double timeout)
{
    RCondition *c = (RCondition *)cond;
    RLockObj *outer = (RLockObj *)c->lock;
    if (!condition_owned(c)) {
        r_err_set_string(r_exc_RuntimeError, "cannot wait on un-acquired lock");
        return -1;
    }
    RLockObj *waiter = (RLockObj *)r_threading_lock_new(false);
    if (!waiter)
        return -1;
    lock_acquire_impl(waiter, -1);
    if (r_list_append(c->waiters, (RObject *)waiter) < 0) {
        R_DECREF(waiter);
        return -1;
    }
    /* release the outer lock completely, remembering an RLock's depth */
    long saved_count = outer->count;
    outer->count = 0;
    outer->owner = 0;
    r_lock_release(outer->lock);
    int got = lock_acquire_impl(waiter, timeout);
    lock_acquire_impl(outer, -1);
    outer->count = saved_count ? saved_count : 1;
    if (!got) {
        /* timed out: take ourselves off the list */
        RList *l = (RList *)c->waiters;
        for (ssize_t i = 0; i < l->size; i++)
            if (l->items[i] == (RObject *)waiter) {
                R_DECREF(l->items[i]);
                memmove(l->items + i, l->items + i + 1, (size_t)(l->size - i - 1) * sizeof *l->items);
                l->size--;
                break;
            }
    }
    R_DECREF(waiter);
    return got;
}

void r_condition_notify(RObject *cond, ssize_t n)
{
    RCondition *c = (RCondition *)cond;
    RList *l = (RList *)c->waiters;
    while (n-- > 0 && l->size > 0) {
        RLockObj *w = (RLockObj *)l->items[0];
        memmove(l->items, l->items + 1, (size_t)(l->size - 1) * sizeof *l->items);
        l->size--;
        lock_release_impl(w);
        R_DECREF(w);
    }
}

void r_condition_notify_all(RObject *cond)
{
    r_condition_notify(cond, R_LIST_SIZE(((RCondition *)cond)->waiters));
}

static RObject *condition_wait(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"timeout", NULL};
    RObject *opts[1] = {nargs > 0 ? args[0] : NULL};
    if (r_parse_keywords("wait", kw, args + nargs, names, opts) < 0)
        return NULL;
    double timeout;
    if (timeout_of(opts[0], &timeout, true) < 0)
        return NULL;
    int got = r_condition_wait(self, timeout);
    return got < 0 ? NULL : r_bool_from_long(got);
}

/* 3.9+: `while waiters and n > 0: ...; n -= 1`, with Python's > and -
 * for an n that is no int (compared only while there are waiters) */
static int notify_generic(RCondition *c, RObject *n)
{
    RObject *zero = r_int_from_i64(0), *one = r_int_from_i64(1);
    int rc = zero && one ? 0 : -1;
    R_XINCREF(n);
    while (rc == 0 && R_LIST_SIZE(c->waiters) > 0) {
        int more = r_richcompare_bool(n, zero, R_GT);
        if (more <= 0) {
            rc = more;
            break;
        }
        r_condition_notify((RObject *)c, 1);
        RObject *next = r_number_binop(n, one, offsetof(RType, nb_subtract), "-=");
        R_DECREF(n);
        n = next;
        if (!n)
            rc = -1;
    }
    R_XDECREF(n);
    R_XDECREF(zero);
    R_XDECREF(one);
    return rc;
}

static RObject *condition_notify(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"n", NULL};
    RObject *opts[1] = {nargs > 0 ? args[0] : NULL};
    if (r_check_nargs("notify", nargs, 0, 1) < 0 ||
        r_parse_keywords("notify", kw, args + nargs, names, opts) < 0)
        return NULL;
    RCondition *c = (RCondition *)self;
    if (!condition_owned(c))
        return r_err_format(r_exc_RuntimeError, "cannot notify on un-acquired lock");
    RObject *n = opts[0];
    if (!n) {
        r_condition_notify(self, 1);
    } else if (r_condition_notify_uses_islice()) {
        /* 3.8: _islice(all_waiters, n) */
        ssize_t count = R_LIST_SIZE(c->waiters);
        if (n != R_NONE) {
            count = R_INT_CHECK(n) ? r_int_as_ssize(n) : -1;
            r_err_clear();
            if (count < 0)
                return r_err_format(r_exc_ValueError,
                                    "Stop argument for islice() must be None or an integer: "
                                    "0 <= x <= sys.maxsize.");
        }
        r_condition_notify(self, count);
    } else {
        ssize_t k = R_INT_CHECK(n) ? r_int_as_ssize(n) : -1;
        if (R_INT_CHECK(n) && !(k == -1 && r_err_occurred())) {
            r_condition_notify(self, k);
        } else {
            r_err_clear(); /* an int too big for a count goes the generic way too */
            if (notify_generic(c, n) < 0)
                return NULL;
        }
    }
    R_RETURN_NONE;
}

static RObject *condition_notify_all(RObject *self, RObject *const *args, size_t nargs,
                                     RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("notify_all", kw) < 0 || r_check_nargs("notify_all", nargs, 0, 0) < 0)
        return NULL;
    if (!condition_owned((RCondition *)self))
        return r_err_format(r_exc_RuntimeError, "cannot notify on un-acquired lock");
    r_condition_notify(self, R_LIST_SIZE(((RCondition *)self)->waiters));
    R_RETURN_NONE;
}

static RObject *condition_enter(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    lock_acquire_impl((RLockObj *)((RCondition *)self)->lock, -1);
    R_RETURN_TRUE;
}

static RObject *condition_exit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    if (lock_release_impl((RLockObj *)((RCondition *)self)->lock) < 0)
        return NULL;
    R_RETURN_NONE;
}

RObject *r_condition_new(void)
{
    RObject *no_args[1] = {NULL};
    return condition_tp_new(&r_condition_type, no_args, 0, NULL);
}

void r_condition_acquire(RObject *cond)
{
    lock_acquire_impl((RLockObj *)((RCondition *)cond)->lock, -1);
}

int r_condition_release(RObject *cond)
{
    return lock_release_impl((RLockObj *)((RCondition *)cond)->lock);
}

static const r_method_def condition_methods[] = {
    {"wait", condition_wait, 0, NULL},
    {"notify", condition_notify, 0, NULL},
    {"notify_all", condition_notify_all, 0, NULL},
    {"__enter__", condition_enter, 0, NULL},
    {"__exit__", condition_exit, 0, NULL},
    {"acquire", condition_enter, 0, NULL},
    {"release", condition_exit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_condition_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Condition",
    .basicsize = sizeof(RCondition),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = condition_dealloc,
    .traverse = condition_traverse,
    .getattro = r_generic_getattr,
    .methods = condition_methods,
    .tp_new = condition_tp_new,
};

/* ---- Event ---- */

typedef struct {
    RObject ob;
    RObject *cond;
    bool flag;
} REvent;

static void event_dealloc(RObject *o)
{
    R_XDECREF(((REvent *)o)->cond);
    r_free(o);
}

static int event_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RObject *cond = ((REvent *)o)->cond;
    return cond ? visit(cond, arg) : 0;
}

static RObject *event_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("Event", kw) < 0 || r_check_nargs("Event", nargs, 0, 0) < 0)
        return NULL;
    REvent *e = (REvent *)r_alloc(type);
    if (!e)
        return NULL;
    RObject *lock = r_threading_lock_new(false);
    e->cond = lock ? condition_tp_new(&r_condition_type, &lock, 1, NULL) : NULL;
    R_XDECREF(lock);
    if (!e->cond) {
        R_DECREF(e);
        return NULL;
    }
    return (RObject *)e;
}

static RLockObj *event_lock(REvent *e)
{
    return (RLockObj *)((RCondition *)e->cond)->lock;
}

static RObject *event_set(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    REvent *e = (REvent *)self;
    lock_acquire_impl(event_lock(e), -1);
    e->flag = true;
    r_condition_notify(e->cond, R_LIST_SIZE(((RCondition *)e->cond)->waiters));
    lock_release_impl(event_lock(e));
    R_RETURN_NONE;
}

static RObject *event_clear(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    REvent *e = (REvent *)self;
    lock_acquire_impl(event_lock(e), -1);
    e->flag = false;
    lock_release_impl(event_lock(e));
    R_RETURN_NONE;
}

static RObject *event_is_set(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    return r_bool_from_long(((REvent *)self)->flag);
}

static RObject *event_wait(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"timeout", NULL};
    RObject *opts[1] = {nargs > 0 ? args[0] : NULL};
    if (r_parse_keywords("wait", kw, args + nargs, names, opts) < 0)
        return NULL;
    double timeout;
    if (timeout_of(opts[0], &timeout, true) < 0)
        return NULL;
    REvent *e = (REvent *)self;
    lock_acquire_impl(event_lock(e), -1);
    bool flag = e->flag;
    if (!flag) {
        int got = r_condition_wait(e->cond, timeout);
        if (got < 0) {
            lock_release_impl(event_lock(e));
            return NULL;
        }
        flag = e->flag;
    }
    lock_release_impl(event_lock(e));
    return r_bool_from_long(flag);
}

static const r_method_def event_methods[] = {
    {"set", event_set, 0, NULL},       {"clear", event_clear, 0, NULL},
    {"is_set", event_is_set, 0, NULL}, {"wait", event_wait, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_event_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Event",
    .basicsize = sizeof(REvent),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = event_dealloc,
    .traverse = event_traverse,
    .getattro = r_generic_getattr,
    .methods = event_methods,
    .tp_new = event_tp_new,
};

/* ---- Thread ---- */

typedef struct RThread {
    RObject ob;
    RObject *dict;
    RObject *target, *args, *kwargs;
    RObject *name;
    bool daemon, started, finished, is_main;
    unsigned long ident;
    RObject *started_event; /* Thread._started: set once the thread runs */
    RObject *done; /* an Event set when the thread ends */
    struct RThread *next_live;
} RThread;

static RThread *live_threads; /* started, not finished */
static RThread *main_thread_obj;
static long thread_counter;

static void thread_dealloc(RObject *o)
{
    RThread *t = (RThread *)o;
    R_XDECREF(t->dict);
    R_XDECREF(t->target);
    R_XDECREF(t->args);
    R_XDECREF(t->kwargs);
    R_XDECREF(t->name);
    R_XDECREF(t->done);
    R_XDECREF(t->started_event);
    r_free(o);
}

static int thread_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RThread *t = (RThread *)o;
    RObject *refs[] = {t->dict, t->target, t->args, t->kwargs, t->name, t->started_event, t->done};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        int rc = refs[i] ? visit(refs[i], arg) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

/* A running thread holds its Thread, so only one never started (or done)
 * is ever garbage: what it would have run goes. */
static void thread_clear(RObject *o)
{
    RThread *t = (RThread *)o;
    R_CLEAR(t->dict);
    R_CLEAR(t->target);
    if (t->args)
        R_SETREF(t->args, r_tuple_empty());
    R_CLEAR(t->kwargs);
}

static RObject *thread_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"group", "target", "name", "args", "kwargs", "daemon",
                                        NULL};
    RObject *opts[6] = {NULL};
    for (size_t i = 0; i < nargs && i < 6; i++)
        opts[i] = args[i];
    if (r_parse_keywords("Thread", kw, args + nargs, names, opts) < 0)
        return NULL;
    RThread *t = (RThread *)r_alloc(type);
    if (!t)
        return NULL;
    t->target = opts[1] && opts[1] != R_NONE ? r_incref(opts[1]) : NULL;
    t->args = opts[3] ? r_sequence_tuple(opts[3]) : r_tuple_empty();
    t->kwargs = opts[4] && opts[4] != R_NONE ? r_incref(opts[4]) : NULL;
    RObject *no = NULL;
    t->done = event_tp_new(&r_event_type, &no, 0, NULL);
    t->started_event = event_tp_new(&r_event_type, &no, 0, NULL);
    if (opts[2] && opts[2] != R_NONE) {
        t->name = r_str(opts[2]);
    } else {
        long n = ++thread_counter;
        /* 3.10+ add the target's name: "Thread-1 (work)" (Lib/threading.py) */
        RObject *tname = t->target && r_profile.minor >= 10
                             ? r_getattr_cstr(t->target, "__name__")
                             : NULL;
        r_err_clear();
        t->name = tname ? r_str_from_format("Thread-%ld (%U)", n, tname)
                        : r_str_from_format("Thread-%ld", n);
        R_XDECREF(tname);
    }
    if (opts[5] && opts[5] != R_NONE) {
        int d = r_is_true(opts[5]);
        if (d < 0) {
            R_DECREF(t);
            return NULL;
        }
        t->daemon = d;
    } else {
        /* inherits the creating thread's flag; MainThread itself is made
         * before there is a current thread (None) */
        RObject *cur = r_threading_current_thread();
        t->daemon = cur && cur != R_NONE && ((RThread *)cur)->daemon;
        R_XDECREF(cur);
        r_err_clear();
    }
    if (!t->args || !t->name || !t->done || !t->started_event) {
        R_DECREF(t);
        return NULL;
    }
    return (RObject *)t;
}

static _Thread_local RThread *current;

/* threading.excepthook's default output */
static void report_thread_exception(RThread *t)
{
    RObject *exc = r_err_fetch();
    if (!exc || r_typecheck(exc, r_exc_SystemExit)) {
        R_XDECREF(exc);
        return;
    }
    RObject *sys = r_builtins_sys_module();
    RObject *err = sys ? r_dict_get_item_cstr(r_module_dict(sys), "stderr") : NULL;
    if (err) {
        RObject *line = r_str_from_format("Exception in thread %U:\n", t->name);
        if (line) {
            RObject *r = r_call_method(err, "write", &line, 1);
            R_XDECREF(r);
            R_DECREF(line);
        }
        r_print_exception(exc, err);
        RObject *r = r_call_method(err, "flush", NULL, 0);
        R_XDECREF(r);
    }
    R_DECREF(exc);
    r_err_clear();
}

static RObject *thread_bootstrap(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    RThread *t = (RThread *)self;
    current = t;
    t->ident = r_thread_ident();
    r_progress_name_thread(r_str_utf8(t->name));
    RObject *set = event_set(t->started_event, NULL, 0, NULL);
    R_XDECREF(set);
    RObject *res = NULL;
    if (t->target) {
        RObject *call_args = t->args;
        if (t->kwargs && r_dict_size(t->kwargs) > 0) {
            extern RObject *r_vm_call_ex(RObject *, RObject *, RObject *);
            res = r_vm_call_ex(t->target, call_args, t->kwargs);
        } else {
            res = r_call(t->target, R_TUPLE_ITEMS(call_args), (size_t)R_TUPLE_SIZE(call_args),
                         NULL);
        }
    } else {
        bool found;
        res = r_call_special(self, "run", NULL, 0, &found);
        if (!found && !r_err_occurred())
            res = r_incref(R_NONE);
    }
    if (!res)
        report_thread_exception(t);
    R_XDECREF(res);
    /* like Thread._bootstrap_inner: drop the target so its references die */
    R_CLEAR(t->target);
    R_CLEAR(t->args);
    t->args = r_tuple_empty();
    R_CLEAR(t->kwargs);
    R_RETURN_NONE;
}

static void thread_finished(void *arg)
{
    RThread *t = (RThread *)arg;
    t->finished = true;
    for (RThread **p = &live_threads; *p; p = &(*p)->next_live)
        if (*p == t) {
            *p = t->next_live;
            break;
        }
    RObject *r = event_set(t->done, NULL, 0, NULL);
    R_XDECREF(r);
    R_DECREF(t); /* the reference the running thread held */
}

static const r_method_def bootstrap_def = {"_bootstrap", thread_bootstrap, 0, NULL};

static RObject *thread_start(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("start", kw) < 0 || r_check_nargs("start", nargs, 0, 0) < 0)
        return NULL;
    RThread *t = (RThread *)self;
    if (t->started)
        return r_err_format(r_exc_RuntimeError, "threads can only be started once");
    RObject *boot = r_cfunction_new(&bootstrap_def, self, NULL);
    if (!boot)
        return NULL;
    t->started = true;
    R_INCREF(t); /* held by the running thread until thread_finished */
    t->next_live = live_threads;
    live_threads = t;
    unsigned long ident;
    int rc = r_thread_start(boot, thread_finished, t, &ident);
    R_DECREF(boot);
    if (rc < 0) {
        live_threads = t->next_live;
        t->started = false;
        R_DECREF(t);
        return NULL;
    }
    /* Thread.start: self._started.wait() -- the caller gives way until
     * the new thread runs, as CPython's does */
    RObject *no_args[1] = {NULL};
    RObject *waited = event_wait(t->started_event, no_args, 0, NULL);
    if (!waited)
        return NULL;
    R_DECREF(waited);
    R_RETURN_NONE;
}

static RObject *thread_join(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"timeout", NULL};
    RObject *opts[1] = {nargs > 0 ? args[0] : NULL};
    if (r_parse_keywords("join", kw, args + nargs, names, opts) < 0)
        return NULL;
    RThread *t = (RThread *)self;
    if (!t->started)
        return r_err_format(r_exc_RuntimeError, "cannot join thread before it is started");
    if (t == current)
        return r_err_format(r_exc_RuntimeError, "cannot join current thread");
    RObject *waited = event_wait(t->done, opts, opts[0] ? 1 : 0, NULL);
    if (!waited)
        return NULL;
    R_DECREF(waited);
    R_RETURN_NONE;
}

static RObject *thread_is_alive(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    RThread *t = (RThread *)self;
    return r_bool_from_long(t->is_main || (t->started && !t->finished));
}

static RObject *thread_repr(RObject *self)
{
    RThread *t = (RThread *)self;
    const char *status = t->is_main ? "started" : !t->started ? "initial"
                                      : t->finished          ? "stopped"
                                                             : "started";
    if (t->started || t->is_main)
        return r_str_from_format("<%s(%U, %s%s %lu)>", R_TYPE(self)->name, t->name, status,
                                 t->daemon ? " daemon" : "", t->ident);
    return r_str_from_format("<%s(%U, %s%s)>", R_TYPE(self)->name, t->name, status,
                             t->daemon ? " daemon" : "");
}

static RObject *get_name(RObject *self)
{
    return r_incref(((RThread *)self)->name);
}

static int set_name(RObject *self, RObject *v)
{
    if (!v || !R_STR_CHECK(v)) {
        r_err_set_string(r_exc_TypeError, "name must be a string");
        return -1;
    }
    R_SETREF(((RThread *)self)->name, r_incref(v));
    return 0;
}

static RObject *get_ident(RObject *self)
{
    RThread *t = (RThread *)self;
    if (!t->started && !t->is_main)
        R_RETURN_NONE;
    return r_int_from_u64(t->ident);
}

static RObject *get_daemon(RObject *self)
{
    return r_bool_from_long(((RThread *)self)->daemon);
}

static int set_daemon(RObject *self, RObject *v)
{
    RThread *t = (RThread *)self;
    if (t->started) {
        r_err_set_string(r_exc_RuntimeError, "cannot set daemon status of active thread");
        return -1;
    }
    int d = v ? r_is_true(v) : 0;
    if (d < 0)
        return -1;
    t->daemon = d;
    return 0;
}

static const r_method_def thread_methods[] = {
    {"start", thread_start, 0, NULL},
    {"join", thread_join, 0, NULL},
    {"is_alive", thread_is_alive, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const r_getset_def thread_getsets[] = {
    {"name", get_name, set_name},
    {"ident", get_ident, NULL},
    {"daemon", get_daemon, set_daemon},
    {NULL, NULL, NULL},
};

RType r_thread_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "Thread",
    .basicsize = sizeof(RThread),
    .dictoffset = offsetof(RThread, dict),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_HAVE_GC,
    .dealloc = thread_dealloc,
    .traverse = thread_traverse,
    .clear = thread_clear,
    .repr = thread_repr,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = thread_methods,
    .getsets = thread_getsets,
    .tp_new = thread_tp_new,
};

RObject *r_threading_current_thread(void)
{
    if (current)
        return r_incref((RObject *)current);
    if (main_thread_obj)
        return r_incref((RObject *)main_thread_obj);
    return r_incref(R_NONE);
}

static RObject *threading_current_thread(RObject *self, RObject *const *args, size_t nargs,
                                         RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("current_thread", kw) < 0 ||
        r_check_nargs("current_thread", nargs, 0, 0) < 0)
        return NULL;
    return r_threading_current_thread();
}

static RObject *threading_main_thread(RObject *self, RObject *const *args, size_t nargs,
                                      RObject *kw)
{
    (void)self;
    (void)args;
    (void)nargs;
    (void)kw;
    return r_incref((RObject *)main_thread_obj);
}

static RObject *threading_get_ident(RObject *self, RObject *const *args, size_t nargs,
                                    RObject *kw)
{
    (void)self;
    (void)args;
    (void)nargs;
    (void)kw;
    return r_int_from_u64(r_thread_ident());
}

static RObject *threading_active_count(RObject *self, RObject *const *args, size_t nargs,
                                       RObject *kw)
{
    (void)self;
    (void)args;
    (void)nargs;
    (void)kw;
    long n = 1;
    for (RThread *t = live_threads; t; t = t->next_live)
        n++;
    return r_int_from_i64(n);
}

static const r_method_def threading_functions[] = {
    {"current_thread", threading_current_thread, 0, NULL},
    {"main_thread", threading_main_thread, 0, NULL},
    {"get_ident", threading_get_ident, 0, NULL},
    {"active_count", threading_active_count, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static int ensure_main_thread(void)
{
    if (main_thread_obj)
        return 0;
    RObject *no = NULL;
    RObject *name = r_str_from_cstr("MainThread");
    RObject *kwnames = name ? r_tuple_pack(1, r_str_intern("name")) : NULL;
    RObject *vals[1] = {name};
    (void)no;
    RThread *t = kwnames ? (RThread *)thread_tp_new(&r_thread_type, vals, 0, kwnames) : NULL;
    R_XDECREF(name);
    R_XDECREF(kwnames);
    if (!t)
        return -1;
    t->is_main = true;
    t->started = true;
    t->ident = r_thread_ident();
    main_thread_obj = t;
    return 0;
}

RObject *r_threading_module_new(void)
{
    if (ensure_main_thread() < 0)
        return NULL;
    RObject *m = r_module_new("threading");
    if (!m || r_module_add_functions(m, threading_functions) < 0 ||
        r_module_add_object(m, "Thread", (RObject *)&r_thread_type) < 0 ||
        r_module_add_object(m, "Lock", (RObject *)&r_lock_type) < 0 ||
        r_module_add_object(m, "RLock", (RObject *)&r_rlock_type) < 0 ||
        r_module_add_object(m, "Condition", (RObject *)&r_condition_type) < 0 ||
        r_module_add_object(m, "Event", (RObject *)&r_event_type) < 0) {
        R_XDECREF(m);
        return NULL;
    }
    return m;
}

/* threading._threading_atexits */
static r_hook_list threading_atexits;

int r_threading_register_atexit(void (*fn)(void *), void *arg)
{
    return r_hook_list_add(&threading_atexits, fn, arg);
}

void r_threading_shutdown(void)
{
    /* threading._shutdown: the atexit callbacks, newest first, then wait
     * for every non-daemon thread */
    r_hook_list_run(&threading_atexits);
    for (;;) {
        RThread *t = live_threads;
        while (t && t->daemon)
            t = t->next_live;
        if (!t)
            return;
        R_INCREF(t);
        RObject *r = thread_join((RObject *)t, NULL, 0, NULL);
        R_XDECREF(r);
        r_err_clear();
        R_DECREF(t);
    }
}
