/* import: the modules refpy provides, registered by name and made on first
 * import into sys.modules; any other name raises ModuleNotFoundError as
 * CPython does for a module it cannot find. */
#include <string.h>

#include "asyncio_module.h"
#include "builtins.h"
#include "cf_module.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "moduleobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "contextvarsmodule.h"
#include "functoolsmodule.h"
#include "gcmodule.h"
#include "osmodule.h"
#include "randommodule.h"
#include "threadingmodule.h"
#include "timemodule.h"
#include "vm_ops.h"
#include "warnings.h"

typedef RObject *(*module_init)(void);

/* filled by the modules layer as it grows: name -> initialiser */
static const struct {
    const char *name;
    module_init init;
} registry[] = {
    {"asyncio", r_asyncio_module_new},
    {"concurrent", r_cf_concurrent_module_new},
    {"concurrent.futures", r_cf_futures_module_new},
    {"concurrent.futures._base", r_cf_base_module_new},
    {"concurrent.futures.process", r_cf_process_module_new},
    {"concurrent.futures.thread", r_cf_thread_module_new},
    {"contextvars", r_contextvars_module_new},
    {"functools", r_functools_module_new},
    {"gc", r_gc_module_new},
    {"os", r_os_module_new},
    {"random", r_random_module_new},
    {"time", r_time_module_new},
    {"threading", r_threading_module_new},
    {"warnings", r_warnings_module_new},
    {NULL, NULL},
};

static RObject *modules_dict(void)
{
    RObject *sys = r_builtins_sys_module();
    return r_dict_get_item_cstr(r_module_dict(sys), "modules");
}

static RObject *import_one(RObject *full_name)
{
    RObject *modules = modules_dict();
    RObject *m = r_dict_get_item(modules, full_name);
    if (m)
        return r_incref(m);
    const char *name = r_str_utf8(full_name);
    for (size_t i = 0; registry[i].name; i++)
        if (strcmp(registry[i].name, name) == 0) {
            m = registry[i].init();
            if (!m)
                return NULL;
            if (r_dict_set_item(modules, full_name, m) < 0) {
                R_DECREF(m);
                return NULL;
            }
            return m;
        }
    r_err_format(r_exc_ModuleNotFoundError, "No module named '%U'", full_name);
    return NULL;
}

static RObject *import_dotted(RObject *name, RObject *fromlist)
{
    const char *s = r_str_utf8(name);
    RObject *top = NULL, *parent = NULL;
    const char *p = s;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - s) : strlen(s);
        RObject *prefix = r_str_from_utf8(s, len);
        if (!prefix)
            goto fail;
        RObject *m = import_one(prefix);
        R_DECREF(prefix);
        if (!m)
            goto fail;
        if (parent) {
            /* a submodule is an attribute of its package */
            RObject *attr = r_str_from_utf8(p, dot ? (size_t)(dot - p) : strlen(p));
            int rc = attr ? r_setattr(parent, attr, m) : -1;
            R_XDECREF(attr);
            if (rc < 0) {
                R_DECREF(m);
                goto fail;
            }
            R_DECREF(parent);
        }
        if (!top)
            top = r_incref(m);
        parent = m;
        if (!dot)
            break;
        p = dot + 1;
    }
    bool wants_leaf = fromlist && fromlist != R_NONE && R_TUPLE_CHECK(fromlist) &&
                      R_TUPLE_SIZE(fromlist) > 0;
    if (wants_leaf) {
        R_DECREF(top);
        return parent;
    }
    R_DECREF(parent);
    return top;
fail:
    R_XDECREF(top);
    R_XDECREF(parent);
    return NULL;
}

static RObject *import_hook(RObject *name, RObject *globals, RObject *fromlist, int level)
{
    (void)globals;
    if (level != 0)
        return r_err_format(r_exc_ImportError, "relative imports are outside the case language");
    return import_dotted(name, fromlist);
}

RObject *r_import_module(const char *name)
{
    RObject *n = r_str_from_cstr(name);
    if (!n)
        return NULL;
    RObject *m = import_dotted(n, NULL);
    R_DECREF(n);
    return m;
}

int r_import_init(RObject *sys, RObject *builtins)
{
    r_import_hook = import_hook;
    RObject *modules = modules_dict();
    if (!modules)
        return -1;
    if (r_dict_set_item_cstr(modules, "sys", sys) < 0 ||
        r_dict_set_item_cstr(modules, "builtins", builtins) < 0)
        return -1;
    return 0;
}
