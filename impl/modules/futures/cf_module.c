/* The modules concurrent, concurrent.futures and its submodules _base,
 * thread and process, with the names CPython's define. Each is made once;
 * the package re-exports the classes as Lib/concurrent/futures/__init__.py
 * does (its lazy __getattr__ for the executors included). */
#include "cf_module.h"

#include "cf_future.h"
#include "cf_process.h"
#include "cf_profile.h"
#include "cf_thread.h"
#include "cf_wait.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "moduleobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

RType *r_cf_Error, *r_cf_CancelledError, *r_cf_TimeoutError, *r_cf_InvalidStateError,
    *r_cf_BrokenExecutor;


static int ready_static(RType *t, const char *module)
{
    if (t->ready)
        return 0;
    t->module = r_str_intern(module);
    t->qualname = r_str_intern(t->name);
    R_INCREF(t->module);
    R_INCREF(t->qualname);
    return r_type_ready(t);
}

int r_cf_base_init(void)
{
    if (r_cf_Error)
        return 0;
    const char *base = "concurrent.futures._base";
    if (!(r_cf_Error = r_type_new_simple("Error", r_exc_Exception, base)) ||
        !(r_cf_CancelledError = r_type_new_simple("CancelledError", r_cf_Error, base)) ||
        !(r_cf_InvalidStateError = r_type_new_simple("InvalidStateError", r_cf_Error, base)) ||
        !(r_cf_BrokenExecutor = r_type_new_simple("BrokenExecutor", r_exc_RuntimeError, base)))
        return -1;
    /* version: 3.11 made TimeoutError an alias of the builtin */
    if (cf_timeout_error_is_builtin())
        r_cf_TimeoutError = (RType *)r_incref((RObject *)r_exc_TimeoutError);
    else if (!(r_cf_TimeoutError = r_type_new_simple("TimeoutError", r_cf_Error, base)))
        return -1;
    if (ready_static(&r_cf_future_type, base) < 0 || ready_static(&r_cf_executor_type, base) < 0 ||
        ready_static(&r_cf_done_and_not_done_type, base) < 0)
        return -1;
    return 0;
}

static int thread_init(void)
{
    if (r_cf_BrokenThreadPool)
        return 0;
    if (r_cf_base_init() < 0)
        return -1;
    const char *thread = "concurrent.futures.thread";
    r_cf_BrokenThreadPool = r_type_new_simple("BrokenThreadPool", r_cf_BrokenExecutor, thread);
    if (!r_cf_BrokenThreadPool || ready_static(&r_cf_thread_pool_type, thread) < 0)
        return -1;
    return r_cf_thread_module_init();
}

static const r_method_def function_defs[] = {
    {"wait", r_cf_wait, 0, NULL},
    {"as_completed", r_cf_as_completed, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static int add_constants(RObject *m)
{
    static const char *const names[] = {"FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED",
                                        NULL};
    for (size_t i = 0; names[i]; i++)
        if (r_module_add_object(m, names[i], r_str_intern(names[i])) < 0)
            return -1;
    return 0;
}

/* the names _base.py defines (and __init__.py re-exports) */
static int add_base_names(RObject *m)
{
    struct {
        const char *name;
        RType *type;
    } classes[] = {
        {"CancelledError", r_cf_CancelledError}, {"TimeoutError", r_cf_TimeoutError},
        {"InvalidStateError", r_cf_InvalidStateError}, {"BrokenExecutor", r_cf_BrokenExecutor},
        {"Future", &r_cf_future_type},           {"Executor", &r_cf_executor_type},
    };
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (r_module_add_object(m, classes[i].name, (RObject *)classes[i].type) < 0)
            return -1;
    return add_constants(m) < 0 || r_module_add_functions(m, function_defs) < 0 ? -1 : 0;
}

/* each module once; the registry's initialiser returns a new reference */
static RObject *cached(RObject **slot, RObject *(*build)(void))
{
    if (!*slot && !(*slot = build()))
        return NULL;
    return r_incref(*slot);
}

static RObject *build_base(void)
{
    RObject *m = r_cf_base_init() < 0 ? NULL : r_module_new("concurrent.futures._base");
    if (m && (add_base_names(m) < 0 ||
              r_module_add_object(m, "Error", (RObject *)r_cf_Error) < 0 ||
              r_module_add_object(m, "DoneAndNotDoneFutures",
                                  (RObject *)&r_cf_done_and_not_done_type) < 0))
        R_CLEAR(m);
    return m;
}

static RObject *build_thread(void)
{
    RObject *m = thread_init() < 0 ? NULL : r_module_new("concurrent.futures.thread");
    if (m && (r_module_add_object(m, "ThreadPoolExecutor", (RObject *)&r_cf_thread_pool_type) < 0 ||
              r_module_add_object(m, "BrokenThreadPool", (RObject *)r_cf_BrokenThreadPool) < 0))
        R_CLEAR(m);
    return m;
}

static RObject *build_process(void)
{
    RObject *m = r_cf_base_init() < 0 ? NULL : r_module_new("concurrent.futures.process");
    if (m && r_cf_process_module_fill(m) < 0)
        R_CLEAR(m);
    return m;
}

static RObject *base_module, *thread_module, *process_module, *futures_module,
    *concurrent_module;

RObject *r_cf_base_module_new(void)
{
    return cached(&base_module, build_base);
}

RObject *r_cf_thread_module_new(void)
{
    return cached(&thread_module, build_thread);
}

RObject *r_cf_process_module_new(void)
{
    return cached(&process_module, build_process);
}

/* `from .x import y`, with x made (and cached) here */
static int reexport(RObject *m, RObject *(*make)(void), const char *name)
{
    RObject *sub = make();
    if (!sub)
        return -1;
    RObject *v = r_dict_get_item_cstr(r_module_dict(sub), name);
    int rc = v ? r_module_add_object(m, name, v) : 0;
    R_DECREF(sub);
    return rc;
}

static RObject *build_futures(void)
{
    RObject *m = r_cf_base_init() < 0 ? NULL : r_module_new("concurrent.futures");
    if (m && (add_base_names(m) < 0 ||
              reexport(m, r_cf_thread_module_new, "ThreadPoolExecutor") < 0 ||
              reexport(m, r_cf_process_module_new, "ProcessPoolExecutor") < 0))
        R_CLEAR(m);
    return m;
}

RObject *r_cf_futures_module_new(void)
{
    return cached(&futures_module, build_futures);
}

static RObject *build_concurrent(void)
{
    return r_module_new("concurrent");
}

RObject *r_cf_concurrent_module_new(void)
{
    return cached(&concurrent_module, build_concurrent);
}
