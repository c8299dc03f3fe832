/* events.py: the running loop of each thread (_get_running_loop,
 * _set_running_loop, get_running_loop, as _asynciomodule.c keeps them),
 * get_event_loop, and the default event loop policy with its per-thread
 * current loop (set_event_loop, new_event_loop). */
#include <unistd.h>

#include "aio.h"
#include "aio_args.h"
#include "boolobject.h"
#include "builtins.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "profile.h"
#include "strobject.h"
#include "threadingmodule.h"
#include "typeobject.h"
#include "warnings.h"

/* ---- the running loop: a per-thread holder, checked against getpid() */

static _Thread_local RObject *running_loop;
static _Thread_local pid_t running_pid;

RObject *aio_get_running_loop_borrowed(void)
{
    if (running_loop && running_pid == getpid())
        return running_loop;
    return NULL;
}

int aio_set_running_loop(RObject *loop)
{
    if (loop == R_NONE)
        loop = NULL;
    R_XINCREF(loop);
    R_SETREF(running_loop, loop);
    running_pid = getpid();
    return 0;
}

RObject *aio_get_running_loop(void)
{
    RObject *loop = aio_get_running_loop_borrowed();
    if (!loop)
        return r_err_format(r_exc_RuntimeError, "no running event loop");
    return r_incref(loop);
}

/* ---- the default policy: _UnixDefaultEventLoopPolicy ---- */

typedef struct {
    RObject ob;
    RObject *dict;
} AioPolicy;

/* its _local (a threading.local): the loop set in this thread */
static _Thread_local RObject *local_loop;
static _Thread_local bool local_set_called;

static RObject *event_loop_policy; /* events._event_loop_policy */

static int is_main_thread(void)
{
    RObject *threading = r_import_module("threading");
    if (!threading)
        return -1;
    RObject *main = r_call_method(threading, "main_thread", NULL, 0);
    R_DECREF(threading);
    if (!main)
        return -1;
    RObject *current = r_threading_current_thread();
    int is_main = current == main;
    R_XDECREF(current);
    R_DECREF(main);
    return is_main;
}

static int policy_set_event_loop(RObject *loop)
{
    local_set_called = true;
    if (loop != R_NONE && !r_typecheck(loop, &r_aio_abstract_loop_type)) {
        /* 3.11+ raise TypeError; before, an assert */
        if (r_profile.minor >= 11)
            r_err_format(r_exc_TypeError,
                         "loop must be an instance of AbstractEventLoop or None, not '%s'",
                         R_TYPE(loop)->name);
        else
            r_err_format(r_exc_AssertionError,
                         "loop must be an instance of AbstractEventLoop or None, not '%s'",
                         R_TYPE(loop)->name);
        return -1;
    }
    RObject *v = loop == R_NONE ? NULL : r_incref(loop);
    R_SETREF(local_loop, v);
    return 0;
}

/* BaseDefaultEventLoopPolicy.get_event_loop */
static RObject *policy_get_event_loop(void)
{
    if (!local_loop && !local_set_called) {
        int main = is_main_thread();
        if (main < 0)
            return NULL;
        if (main) {
            /* 3.12+ warn when a loop is made implicitly, naming the first
             * frame outside asyncio: the Python frame running now */
            if (r_profile.minor >= 12) {
                RObject *msg = r_str_from_cstr("There is no current event loop");
                int rc = msg ? r_warn(r_exc_DeprecationWarning, msg, 1, NULL) : -1;
                R_XDECREF(msg);
                if (rc < 0)
                    return NULL;
            }
            RObject *loop = aio_loop_new();
            if (!loop)
                return NULL;
            int rc = policy_set_event_loop(loop);
            R_DECREF(loop);
            if (rc < 0)
                return NULL;
        }
    }
    if (!local_loop) {
        RObject *current = r_threading_current_thread();
        RObject *name = current ? r_getattr_cstr(current, "name") : NULL;
        R_XDECREF(current);
        if (name) {
            r_err_format(r_exc_RuntimeError, "There is no current event loop in thread %R.",
                         name);
            R_DECREF(name);
        }
        return NULL;
    }
    return r_incref(local_loop);
}

static bool is_default_policy(RObject *policy);

static RObject *get_policy(void)
{
    if (!event_loop_policy) {
        extern RType r_aio_policy_type;
        event_loop_policy = r_alloc(&r_aio_policy_type);
        if (!event_loop_policy)
            return NULL;
    }
    return r_incref(event_loop_policy);
}

RObject *aio_get_event_loop(void)
{
    RObject *loop = aio_get_running_loop_borrowed();
    if (loop)
        return r_incref(loop);
    RObject *policy = get_policy();
    if (!policy)
        return NULL;
    RObject *res = is_default_policy(policy) ? policy_get_event_loop()
                                             : r_call_method(policy, "get_event_loop", NULL, 0);
    R_DECREF(policy);
    return res;
}

RObject *aio_get_event_loop_for_helpers(void)
{
    /* 3.10/3.11's _get_event_loop() warns only in 3.10.0-3.10.8 and
     * 3.11.0, not in the releases refpy follows: the same as
     * get_event_loop() */
    return aio_get_event_loop();
}

int aio_set_event_loop(RObject *loop)
{
    RObject *policy = get_policy();
    if (!policy)
        return -1;
    int rc;
    if (is_default_policy(policy)) {
        rc = policy_set_event_loop(loop);
    } else {
        RObject *r = r_call_method(policy, "set_event_loop", &loop, 1);
        rc = r ? 0 : -1;
        R_XDECREF(r);
    }
    R_DECREF(policy);
    return rc;
}

RObject *aio_new_event_loop(void)
{
    RObject *policy = get_policy();
    if (!policy)
        return NULL;
    RObject *res = is_default_policy(policy) ? aio_loop_new()
                                             : r_call_method(policy, "new_event_loop", NULL, 0);
    R_DECREF(policy);
    return res;
}

/* ---- Python functions ---- */

static RObject *f_get_running_loop(RObject *self, RObject *const *args, size_t nargs,
                                   RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("get_running_loop", kw) < 0 ||
        r_check_nargs("get_running_loop", nargs, 0, 0) < 0)
        return NULL;
    return aio_get_running_loop();
}

static RObject *f__get_running_loop(RObject *self, RObject *const *args, size_t nargs,
                                    RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("_get_running_loop", kw) < 0 ||
        r_check_nargs("_get_running_loop", nargs, 0, 0) < 0)
        return NULL;
    RObject *loop = aio_get_running_loop_borrowed();
    return r_incref(loop ? loop : R_NONE);
}

static RObject *f__set_running_loop(RObject *self, RObject *const *args, size_t nargs,
                                    RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("_set_running_loop", kw) < 0 ||
        r_check_nargs("_set_running_loop", nargs, 1, 1) < 0)
        return NULL;
    if (aio_set_running_loop(args[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *f_get_event_loop(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("get_event_loop", kw) < 0 ||
        r_check_nargs("get_event_loop", nargs, 0, 0) < 0)
        return NULL;
    return aio_get_event_loop();
}

static RObject *f_set_event_loop(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"loop", NULL};
    aio_sig sig = {"set_event_loop", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    if (aio_set_event_loop(out[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *f_new_event_loop(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {NULL};
    aio_sig sig = {"new_event_loop", pos, 0, NULL, NULL, NULL, false};
    if (aio_bind(&sig, args, nargs, kw, NULL) < 0)
        return NULL;
    return aio_new_event_loop();
}

static RObject *f_get_event_loop_policy(RObject *self, RObject *const *args, size_t nargs,
                                        RObject *kw)
{
    (void)self;
    static const char *const pos[] = {NULL};
    aio_sig sig = {"get_event_loop_policy", pos, 0, NULL, NULL, NULL, false};
    if (aio_bind(&sig, args, nargs, kw, NULL) < 0)
        return NULL;
    return get_policy();
}

static RObject *f_set_event_loop_policy(RObject *self, RObject *const *args, size_t nargs,
                                        RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"policy", NULL};
    aio_sig sig = {"set_event_loop_policy", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    /* None restores the default policy (made again on next use) */
    R_SETREF(event_loop_policy, out[0] == R_NONE ? NULL : r_incref(out[0]));
    R_RETURN_NONE;
}

const r_method_def aio_policy_functions[] = {
    {"get_running_loop", f_get_running_loop, 0, NULL},
    {"_get_running_loop", f__get_running_loop, 0, NULL},
    {"_set_running_loop", f__set_running_loop, 0, NULL},
    {"get_event_loop", f_get_event_loop, 0, NULL},
    {"set_event_loop", f_set_event_loop, 0, NULL},
    {"new_event_loop", f_new_event_loop, 0, NULL},
    {"get_event_loop_policy", f_get_event_loop_policy, 0, NULL},
    {"set_event_loop_policy", f_set_event_loop_policy, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- the policy object's methods ---- */

static RObject *p_get_event_loop(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("get_event_loop", kw) < 0 ||
        r_check_nargs("get_event_loop", nargs, 0, 0) < 0)
        return NULL;
    return policy_get_event_loop();
}

static RObject *p_set_event_loop(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const pos[] = {"loop", NULL};
    aio_sig sig = {"BaseDefaultEventLoopPolicy.set_event_loop", pos, 1, NULL, NULL, NULL, false};
    RObject *out[1];
    if (aio_bind(&sig, args, nargs, kw, out) < 0)
        return NULL;
    if (policy_set_event_loop(out[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *p_new_event_loop(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("new_event_loop", kw) < 0 ||
        r_check_nargs("new_event_loop", nargs, 0, 0) < 0)
        return NULL;
    return aio_loop_new();
}

static const r_method_def policy_methods[] = {
    {"get_event_loop", p_get_event_loop, 0, NULL},
    {"set_event_loop", p_set_event_loop, 0, NULL},
    {"new_event_loop", p_new_event_loop, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static void policy_dealloc(RObject *o)
{
    R_XDECREF(((AioPolicy *)o)->dict);
    r_free(o);
}

static RObject *policy_tp_new(RType *type, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("_UnixDefaultEventLoopPolicy", kw) < 0 ||
        r_check_nargs("_UnixDefaultEventLoopPolicy", nargs, 0, 0) < 0)
        return NULL;
    return r_alloc(type);
}

RType r_aio_policy_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_UnixDefaultEventLoopPolicy",
    .basicsize = sizeof(AioPolicy),
    .dictoffset = offsetof(AioPolicy, dict),
    .flags = R_TPFLAGS_BASETYPE,
    .dealloc = policy_dealloc,
    .getattro = r_generic_getattr,
    .setattro = r_generic_setattr,
    .methods = policy_methods,
    .tp_new = policy_tp_new,
};

static bool is_default_policy(RObject *policy)
{
    return R_TYPE(policy) == &r_aio_policy_type;
}
