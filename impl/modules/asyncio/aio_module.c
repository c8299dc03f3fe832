/* The asyncio package: exceptions.py's classes, the types, and the names
 * Lib/asyncio/__init__.py gathers from its submodules, per version. The
 * submodules (asyncio.events, asyncio.tasks, ...) exist as attributes of
 * the package, as in CPython, holding the names they define. */
#include <string.h>

#include "aio.h"
#include "builtins.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "moduleobject.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

RType *r_aio_CancelledError, *r_aio_InvalidStateError, *r_aio_TimeoutError,
    *r_aio_SendfileNotAvailableError, *r_aio_IncompleteReadError, *r_aio_LimitOverrunError,
    *r_aio_BrokenBarrierError, *r_aio_QueueEmpty, *r_aio_QueueFull, *r_aio_QueueShutDown;



static int make_exceptions(void)
{
    const char *m = "asyncio.exceptions";
    if (!(r_aio_CancelledError = r_type_new_simple("CancelledError", r_exc_BaseException, m)) ||
        !(r_aio_InvalidStateError = r_type_new_simple("InvalidStateError", r_exc_Exception, m)) ||
        !(r_aio_SendfileNotAvailableError =
              r_type_new_simple("SendfileNotAvailableError", r_exc_RuntimeError, m)) ||
        !(r_aio_IncompleteReadError = r_type_new_simple("IncompleteReadError", r_exc_EOFError, m)) ||
        !(r_aio_LimitOverrunError = r_type_new_simple("LimitOverrunError", r_exc_Exception, m)))
        return -1;
    /* 3.11 made asyncio.TimeoutError the builtin */
    if (r_profile.minor >= 11)
        r_aio_TimeoutError = (RType *)r_incref((RObject *)r_exc_TimeoutError);
    else if (!(r_aio_TimeoutError = r_type_new_simple("TimeoutError", r_exc_Exception, m)))
        return -1;
    if (r_profile.minor >= 11 &&
        !(r_aio_BrokenBarrierError = r_type_new_simple("BrokenBarrierError", r_exc_RuntimeError, m)))
        return -1;
    if (!(r_aio_QueueEmpty = r_type_new_simple("QueueEmpty", r_exc_Exception, "asyncio.queues")) ||
        !(r_aio_QueueFull = r_type_new_simple("QueueFull", r_exc_Exception, "asyncio.queues")))
        return -1;
    if (r_profile.minor >= 13 &&
        !(r_aio_QueueShutDown = r_type_new_simple("QueueShutDown", r_exc_Exception, "asyncio.queues")))
        return -1;
    return 0;
}

static int ready_static(RType *t, const char *module)
{
    if (t->ready)
        return 0;
    t->module = r_str_intern(module);
    const char *dot = strrchr(t->name, '.');
    t->qualname = r_str_intern(dot ? dot + 1 : t->name);
    R_INCREF(t->module);
    R_INCREF(t->qualname);
    return r_type_ready(t);
}

static int add(RObject *m, const char *name, RObject *v)
{
    return v ? r_module_add_object(m, name, v) : -1;
}

static int add_type(RObject *m, const char *name, RType *t)
{
    return r_module_add_object(m, name, (RObject *)t);
}

/* copies the names given from one module to another (`from .x import *`) */
static int reexport(RObject *to, RObject *from, const char *const *names)
{
    for (size_t i = 0; names[i]; i++) {
        RObject *v = r_dict_get_item_cstr(r_module_dict(from), names[i]);
        if (v && r_module_add_object(to, names[i], v) < 0)
            return -1;
    }
    return 0;
}

static int add_all(RObject *to, RObject *from)
{
    ssize_t pos = 0;
    RObject *k, *v;
    while (r_dict_next(r_module_dict(from), &pos, &k, &v)) {
        const char *name = r_str_utf8(k);
        if (name[0] == '_' && name[1] == '_')
            continue;
        if (r_dict_set_item(r_module_dict(to), k, v) < 0)
            return -1;
    }
    return 0;
}

static RObject *asyncio_module;

static RObject *build(void)
{
    if (make_exceptions() < 0)
        return NULL;
    /* asyncio imports concurrent.futures (base_events, futures) */
    RObject *concurrent = r_import_module("concurrent.futures");
    RObject *cf = concurrent ? r_getattr_cstr(concurrent, "futures") : NULL;
    R_XDECREF(concurrent);
    if (!cf)
        return NULL;
    if (ready_static(&r_aio_future_type, "_asyncio") < 0 ||
        ready_static(&r_aio_future_iter_type, "_asyncio") < 0 ||
        ready_static(&r_aio_task_type, "_asyncio") < 0 || aio_task_type_init() < 0 ||
        ready_static(&r_aio_handle_type, "asyncio.events") < 0 || aio_handle_type_init() < 0 ||
        ready_static(&r_aio_timer_handle_type, "asyncio.events") < 0 ||
        ready_static(&r_aio_abstract_loop_type, "asyncio.events") < 0 ||
        ready_static(&r_aio_loop_type, "asyncio.unix_events") < 0 || aio_loop_type_init() < 0 ||
        ready_static(&r_aio_policy_type, "asyncio.unix_events") < 0 ||
        ready_static(&r_aio_gathering_future_type, "asyncio.tasks") < 0 ||
        ready_static(&r_aio_runner_type, "asyncio.runners") < 0) {
        R_DECREF(cf);
        return NULL;
    }
    r_deadlock_details = aio_deadlock_details;
    int minor = r_profile.minor;
    RObject *pkg = r_module_new("asyncio");
    RObject *exceptions = r_module_new("asyncio.exceptions");
    RObject *events = r_module_new("asyncio.events");
    RObject *futures = r_module_new("asyncio.futures");
    RObject *tasks = r_module_new("asyncio.tasks");
    RObject *coroutines = r_module_new("asyncio.coroutines");
    RObject *base_events = r_module_new("asyncio.base_events");
    RObject *runners = r_module_new("asyncio.runners");
    RObject *locks = r_module_new("asyncio.locks");
    RObject *queues = r_module_new("asyncio.queues");
    RObject *unix_events = r_module_new("asyncio.unix_events");
    RObject *threads = minor >= 9 ? r_module_new("asyncio.threads") : NULL;
    RObject *timeouts = minor >= 11 ? r_module_new("asyncio.timeouts") : NULL;
    RObject *taskgroups = minor >= 11 ? r_module_new("asyncio.taskgroups") : NULL;
    RObject *mods[] = {pkg,    exceptions, events, futures,     tasks,   coroutines, base_events,
                       runners, locks,     queues, unix_events, threads, timeouts,   taskgroups};
    bool ok = true;
    for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++)
        if (!mods[i] && !((i == 11 && minor < 9) || (i >= 12 && minor < 11)))
            ok = false;
    if (!ok)
        goto fail;

    /* exceptions.py */
    if (add_type(exceptions, "CancelledError", r_aio_CancelledError) < 0 ||
        add_type(exceptions, "InvalidStateError", r_aio_InvalidStateError) < 0 ||
        add_type(exceptions, "TimeoutError", r_aio_TimeoutError) < 0 ||
        add_type(exceptions, "SendfileNotAvailableError", r_aio_SendfileNotAvailableError) < 0 ||
        add_type(exceptions, "IncompleteReadError", r_aio_IncompleteReadError) < 0 ||
        add_type(exceptions, "LimitOverrunError", r_aio_LimitOverrunError) < 0 ||
        (r_aio_BrokenBarrierError &&
         add_type(exceptions, "BrokenBarrierError", r_aio_BrokenBarrierError) < 0))
        goto fail;
    /* events.py */
    if (r_module_add_functions(events, aio_policy_functions) < 0 ||
        add_type(events, "Handle", &r_aio_handle_type) < 0 ||
        add_type(events, "TimerHandle", &r_aio_timer_handle_type) < 0 ||
        add_type(events, "AbstractEventLoop", &r_aio_abstract_loop_type) < 0)
        goto fail;
    /* coroutines.py */
    if (r_module_add_functions(coroutines, aio_coroutine_functions) < 0 ||
        (minor <= 10 && r_module_add_functions(coroutines, aio_coroutine_decorator) < 0))
        goto fail;
    /* futures.py */
    if (add_type(futures, "Future", &r_aio_future_type) < 0 ||
        r_module_add_functions(futures, aio_chain_functions) < 0)
        goto fail;
    /* tasks.py */
    if (add_type(tasks, "Task", &r_aio_task_type) < 0 ||
        add_type(tasks, "_GatheringFuture", &r_aio_gathering_future_type) < 0 ||
        r_module_add_functions(tasks, aio_task_functions) < 0 ||
        r_module_add_functions(tasks, aio_gather_functions) < 0 ||
        r_module_add_functions(tasks, aio_wait_functions) < 0 ||
        r_module_add_functions(tasks, aio_as_completed_functions) < 0 ||
        aio_eager_tasks_init(tasks) < 0)
        goto fail;
    static const char *const constants[] = {"FIRST_COMPLETED", "FIRST_EXCEPTION",
                                            "ALL_COMPLETED", NULL};
    if (reexport(tasks, cf, constants) < 0)
        goto fail;
    /* isfuture lives in futures.py (from base_futures) */
    static const char *const isfuture[] = {"isfuture", NULL};
    if (reexport(futures, tasks, isfuture) < 0)
        goto fail;
    /* base_events.py, unix_events.py */
    if (add_type(base_events, "BaseEventLoop", &r_aio_loop_type) < 0 ||
        add_type(unix_events, "SelectorEventLoop", &r_aio_loop_type) < 0 ||
        add_type(unix_events, "DefaultEventLoopPolicy", &r_aio_policy_type) < 0)
        goto fail;
    /* runners.py */
    if (r_module_add_functions(runners, aio_runner_functions) < 0 ||
        (minor >= 11 && add_type(runners, "Runner", &r_aio_runner_type) < 0))
        goto fail;
    /* threads.py */
    if (threads && r_module_add_functions(threads, aio_thread_functions) < 0)
        goto fail;
    if (aio_sync_init(locks, queues, pkg) < 0)
        goto fail;
    if (timeouts && aio_timeouts_init(timeouts, taskgroups, pkg) < 0)
        goto fail;

    /* __init__.py: from .x import * for each submodule */
    RObject *subs[] = {base_events, coroutines, events, exceptions, futures, locks, queues,
                       runners,     tasks,      unix_events, threads, timeouts, taskgroups};
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (subs[i] && add_all(pkg, subs[i]) < 0)
            goto fail;
    /* the package's submodule attributes */
    const char *subnames[] = {"base_events", "coroutines", "events",      "exceptions", "futures",
                              "locks",       "queues",     "runners",     "tasks",      "unix_events",
                              "threads",     "timeouts",   "taskgroups"};
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (subs[i] && add(pkg, subnames[i], subs[i]) < 0)
            goto fail;
    const char *plain[] = {"base_futures", "base_tasks", "constants", "format_helpers", "log",
                           "protocols",    "selector_events", "sslproto", "staggered", "streams",
                           "subprocess",   "transports", "trsock", minor >= 10 ? "mixins" : NULL};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        if (!plain[i])
            continue;
        char full[64];
        snprintf(full, sizeof full, "asyncio.%s", plain[i]);
        RObject *sub = r_module_new(full);
        int rc = add(pkg, plain[i], sub);
        R_XDECREF(sub);
        if (rc < 0)
            goto fail;
    }
    for (size_t i = 1; i < sizeof mods / sizeof mods[0]; i++)
        R_XDECREF(mods[i]);
    R_DECREF(cf);
    return pkg;
fail:
    for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++)
        R_XDECREF(mods[i]);
    R_DECREF(cf);
    return NULL;
}

RObject *r_asyncio_module_new(void)
{
    if (!asyncio_module && !(asyncio_module = build()))
        return NULL;
    return r_incref(asyncio_module);
}
