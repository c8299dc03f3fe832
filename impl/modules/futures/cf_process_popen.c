/* A worker process, as multiprocessing's fork start method makes one
 * (Lib/multiprocessing/popen_fork.py, process.py): the parent flushes its
 * std streams, forks, and keeps the read end of a pipe whose write end
 * only the child holds (the sentinel, readable once the child is gone);
 * the child runs Process._bootstrap around _process_worker
 * (Lib/concurrent/futures/process.py) and leaves with os._exit, so none
 * of the parent's exit handlers, threads or finalisation ever run in it. */
#define _GNU_SOURCE
#include "cf_process_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "builtins.h"
#include "cf_future.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "gil.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "strobject.h"
#include "traceback_print.h"
#include "tupleobject.h"
#include "vm_ops.h"

/* multiprocessing.process._process_counter and _children */
static long process_counter;
static RObject *children; /* list of CfProcess started and not yet joined */

static void process_dealloc(RObject *o)
{
    CfProcess *p = (CfProcess *)o;
    /* the Finalize of Popen_fork: util.close_fds(parent_r) */
    if (p->sentinel >= 0)
        close(p->sentinel);
    R_XDECREF(p->name);
    r_free(o);
}

static RObject *process_repr(RObject *o)
{
    CfProcess *p = (CfProcess *)o;
    if (p->exited)
        return r_str_from_format("<ForkProcess name='%U' pid=%d parent=%d stopped exitcode=%d>",
                                 p->name, (int)p->pid, (int)getpid(), p->returncode);
    return r_str_from_format("<ForkProcess name='%U' pid=%d parent=%d started>", p->name,
                             (int)p->pid, (int)getpid());
}

static RType process_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "ForkProcess",
    .basicsize = sizeof(CfProcess),
    .dealloc = process_dealloc,
    .repr = process_repr,
};

static void forget_child(CfProcess *p)
{
    if (!children)
        return;
    RList *l = (RList *)children;
    for (ssize_t i = 0; i < l->size; i++)
        if (l->items[i] == (RObject *)p) {
            memmove(l->items + i, l->items + i + 1, (size_t)(l->size - i - 1) * sizeof *l->items);
            l->size--;
            R_DECREF(p);
            return;
        }
}

/* Popen.poll: a status from waitpid becomes returncode (-signal when
 * killed by one) */
static void record_status(CfProcess *p, int status)
{
    p->exited = true;
    p->returncode = WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
    forget_child(p);
}

bool cf_process_is_alive(RObject *o)
{
    CfProcess *p = (CfProcess *)o;
    if (p->exited)
        return false;
    int status;
    pid_t r;
    do
        r = waitpid(p->pid, &status, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == 0)
        return true;
    if (r < 0) { /* reaped elsewhere */
        p->exited = true;
        forget_child(p);
        return false;
    }
    record_status(p, status);
    return false;
}

void cf_process_join(RObject *o)
{
    CfProcess *p = (CfProcess *)o;
    if (p->exited)
        return;
    int status = 0;
    pid_t r;
    pid_t pid = p->pid;
    R_BEGIN_ALLOW_THREADS
    do
        r = waitpid(pid, &status, 0);
    while (r < 0 && errno == EINTR);
    R_END_ALLOW_THREADS
    if (p->exited)
        return;
    if (r < 0) {
        p->exited = true;
        forget_child(p);
        return;
    }
    record_status(p, status);
}

void cf_process_terminate(RObject *o)
{
    CfProcess *p = (CfProcess *)o;
    if (!p->exited)
        kill(p->pid, SIGTERM);
}

void cf_join_active_children(void)
{
    while (children && R_LIST_SIZE(children) > 0) {
        RObject *p = r_incref(R_LIST_ITEMS(children)[0]);
        cf_process_join(p);
        forget_child((CfProcess *)p);
        R_DECREF(p);
    }
}

/* ---- the child ---- */

static RObject *std_stream(const char *name)
{
    RObject *sys = r_builtins_sys_module();
    return sys ? r_dict_get_item_cstr(r_module_dict(sys), name) : NULL;
}

/* util._flush_std_streams */
static void flush_std_streams(void)
{
    const char *names[] = {"stdout", "stderr"};
    for (int i = 0; i < 2; i++) {
        RObject *s = std_stream(names[i]);
        RObject *r = s ? r_call_method(s, "flush", NULL, 0) : NULL;
        R_XDECREF(r);
        r_err_clear();
    }
}

/* _ExceptionWithTraceback(exc, tb): the formatted traceback travels as a
 * string and __reduce__ rebuilds the exception with it as its cause */
typedef struct {
    RObject ob;
    RObject *exc, *tb;
} ExceptionWithTraceback;

RObject *cf_rebuild_exc_fn;

static void ewt_dealloc(RObject *o)
{
    ExceptionWithTraceback *e = (ExceptionWithTraceback *)o;
    R_XDECREF(e->exc);
    R_XDECREF(e->tb);
    r_free(o);
}

static RObject *ewt_reduce(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    ExceptionWithTraceback *e = (ExceptionWithTraceback *)self;
    if (!cf_rebuild_exc_fn)
        return r_err_format(r_exc_RuntimeError, "concurrent.futures.process is not loaded");
    RObject *call_args = r_tuple_pack(2, e->exc, e->tb);
    RObject *rv = call_args ? r_tuple_pack(2, cf_rebuild_exc_fn, call_args) : NULL;
    R_XDECREF(call_args);
    return rv;
}

static const r_method_def ewt_methods[] = {
    {"__reduce__", ewt_reduce, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType cf_exception_with_traceback_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "concurrent.futures.process._ExceptionWithTraceback",
    .basicsize = sizeof(ExceptionWithTraceback),
    .dealloc = ewt_dealloc,
    .getattro = r_generic_getattr,
    .methods = ewt_methods,
};

static RObject *exception_with_traceback(RObject *exc)
{
    RObject *formatted = cf_format_exception(exc);
    if (!formatted)
        return NULL;
    ExceptionWithTraceback *e =
        (ExceptionWithTraceback *)r_alloc(&cf_exception_with_traceback_type);
    if (e) {
        e->exc = r_incref(exc);
        /* 3.9+: `self.exc.__traceback__ = None`; the traceback is not
         * pickled on any version */
        if (cf_remote_exception_drops_traceback())
            r_exc_set_traceback(exc, NULL);
        e->tb = r_str_from_format("\n\"\"\"\n%U\"\"\"", formatted);
        if (!e->tb)
            R_CLEAR(e);
    }
    R_DECREF(formatted);
    return (RObject *)e;
}

/* _ResultItem(work_id, exception, result, exit_pid) as it travels */
static RObject *result_item(RObject *work_id, RObject *exception, RObject *result)
{
    return r_tuple_pack(4, work_id, exception ? exception : R_NONE, result ? result : R_NONE,
                        R_NONE);
}

/* _sendback_result: a result that cannot be sent is replaced by the error
 * sending it raised */
static int sendback_result(RObject *result_queue, RObject *work_id, RObject *result,
                           RObject *exception)
{
    RObject *item = result_item(work_id, exception, result);
    int rc = item ? cf_result_queue_put(result_queue, item) : -1;
    R_XDECREF(item);
    if (rc == 0)
        return 0;
    RObject *e = r_err_fetch();
    RObject *exc = exception_with_traceback(e);
    R_DECREF(e);
    item = exc ? result_item(work_id, exc, NULL) : NULL;
    R_XDECREF(exc);
    rc = item ? cf_result_queue_put(result_queue, item) : -1;
    R_XDECREF(item);
    return rc;
}

/* call_item.fn(*call_item.args, **call_item.kwargs) */
static RObject *run_call(RObject *fn, RObject *args, RObject *kwargs)
{
    if (!R_TUPLE_CHECK(args))
        return r_err_format(r_exc_TypeError, "call item arguments must be a tuple");
    if (R_DICT_CHECK(kwargs) && r_dict_size(kwargs) > 0)
        return r_vm_call_ex(fn, args, kwargs);
    return r_call(fn, R_TUPLE_ITEMS(args), (size_t)R_TUPLE_SIZE(args), NULL);
}

/* _process_worker(call_queue, result_queue, initializer, initargs):
 * 0 when it returns, -1 when an exception escapes it */
static int process_worker(RObject *call_queue, RObject *result_queue, RObject *initializer,
                          RObject *initargs)
{
    if (initializer) {
        RObject *r = r_call(initializer, R_TUPLE_ITEMS(initargs),
                            (size_t)R_TUPLE_SIZE(initargs), NULL);
        if (!r) {
            /* _base.LOGGER.critical('Exception in initializer:', exc_info=True);
             * the parent notices the process stopped */
            RObject *exc = r_err_fetch();
            RObject *msg = r_str_from_cstr("Exception in initializer:");
            if (msg)
                r_cf_log_exception(msg, exc);
            R_XDECREF(msg);
            R_XDECREF(exc);
            return 0;
        }
        R_DECREF(r);
    }
    for (;;) {
        RObject *call_item = cf_call_queue_get(call_queue);
        if (!call_item) {
            if (r_err_occurred())
                return -1;
            /* end of file: the parent and every writer are gone; CPython's
             * worker, which keeps the writer open itself, would wait for
             * ever, so leaving quietly changes nothing anyone can see */
            return 0;
        }
        if (call_item == R_NONE) {
            /* wake up the queue management thread */
            R_DECREF(call_item);
            RObject *pid = r_int_from_i64(getpid());
            int rc = pid ? cf_result_queue_put(result_queue, pid) : -1;
            R_XDECREF(pid);
            return rc;
        }
        if (!R_TUPLE_CHECK(call_item) || R_TUPLE_SIZE(call_item) != 4) {
            R_DECREF(call_item);
            r_err_format(r_exc_TypeError, "unexpected call item");
            return -1;
        }
        RObject *work_id = R_TUPLE_GET(call_item, 0);
        RObject *r = run_call(R_TUPLE_GET(call_item, 1), R_TUPLE_GET(call_item, 2),
                              R_TUPLE_GET(call_item, 3));
        int rc;
        if (!r) {
            RObject *e = r_err_fetch();
            RObject *exc = exception_with_traceback(e);
            R_DECREF(e);
            rc = exc ? sendback_result(result_queue, work_id, NULL, exc) : -1;
            R_XDECREF(exc);
        } else {
            rc = sendback_result(result_queue, work_id, r, NULL);
            R_DECREF(r);
        }
        /* del call_item: its objects go as soon as possible */
        R_DECREF(call_item);
        if (rc < 0 && r_err_matches(r_exc_BrokenPipeError)) {
            /* nobody reads the results: the parent is gone (CPython's
             * worker, holding the reader itself, would block for ever) */
            r_err_clear();
            return 0;
        }
        if (rc < 0)
            return -1;
    }
}

/* Process._bootstrap's handling of what escaped the target */
static int exit_code_of_failure(RObject *name)
{
    RObject *exc = r_err_fetch();
    RObject *err = std_stream("stderr");
    int code = 1;
    if (r_typecheck(exc, r_exc_SystemExit)) {
        RObject *v = ((RBaseException *)exc)->value;
        if (!v || v == R_NONE) {
            code = 0;
        } else if (R_INT_CHECK(v)) {
            code = (int)r_int_as_i64(v);
            r_err_clear();
        } else if (err) {
            RObject *s = r_str_from_format("%S\n", v);
            RObject *r = s ? r_call_method(err, "write", &s, 1) : NULL;
            R_XDECREF(r);
            R_XDECREF(s);
        }
    } else if (err) {
        RObject *s = r_str_from_format("Process %U:\n", name);
        RObject *r = s ? r_call_method(err, "write", &s, 1) : NULL;
        R_XDECREF(r);
        R_XDECREF(s);
        r_print_exception(exc, err);
    }
    R_DECREF(exc);
    r_err_clear();
    return code;
}

static _Noreturn void child_main(CfProcess *p, RObject *call_queue, RObject *result_queue,
                                 RObject *initializer, RObject *initargs)
{
    /* only this thread exists now: the GIL is rebuilt with it as holder */
    r_gil_after_fork_child();
    children = NULL; /* the parent's children are not ours */
    /* _bootstrap: stdin is closed and replaced by os.devnull */
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) {
        dup2(devnull, 0);
        if (devnull != 0)
            close(devnull);
    }
    /* this worker's ends only: the queue's writer stays with the parent so
     * that the worker reads end of file if the parent disappears */
    CfCallQueue *cq = (CfCallQueue *)call_queue;
    if (cq->writer >= 0)
        close(cq->writer);
    cq->writer = -1;
    CfResultQueue *rq = (CfResultQueue *)result_queue;
    if (rq->reader >= 0)
        close(rq->reader);
    rq->reader = -1;
    int code = process_worker(call_queue, result_queue, initializer, initargs) < 0
                   ? exit_code_of_failure(p->name)
                   : 0;
    flush_std_streams();
    _exit(code);
}

RObject *cf_process_start(RObject *call_queue, RObject *result_queue, RObject *initializer,
                          RObject *initargs)
{
    if (!children && !(children = r_list_new(0)))
        return NULL;
    CfProcess *p = (CfProcess *)r_alloc(&process_type);
    if (!p)
        return NULL;
    p->sentinel = -1;
    p->name = r_str_from_format("ForkProcess-%ld", ++process_counter);
    if (!p->name) {
        R_DECREF(p);
        return NULL;
    }
    /* Popen_fork.__init__: util._flush_std_streams() before anything */
    flush_std_streams();
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) {
        R_DECREF(p);
        return r_err_format(r_exc_OSError, "[Errno %d] %s", errno, strerror(errno));
    }
    /* From 3.12 os.fork() warns (DeprecationWarning) when the process has
     * other threads; the warning is attributed to multiprocessing.popen_fork,
     * where the default filters ignore DeprecationWarning, so under them
     * nothing is shown. The runtime has no warnings.warn_explicit to place
     * it there, so it is not issued (see the report). */
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(fds[0]);
        close(fds[1]);
        R_DECREF(p);
        return r_err_format(r_exc_OSError, "[Errno %d] %s", err, strerror(err));
    }
    if (pid == 0) {
        close(fds[0]);
        child_main(p, call_queue, result_queue, initializer, initargs);
    }
    close(fds[1]);
    p->pid = pid;
    p->sentinel = fds[0];
    if (r_list_append(children, (RObject *)p) < 0) {
        R_DECREF(p);
        return NULL;
    }
    return (RObject *)p;
}
