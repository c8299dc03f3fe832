/* warnings (CPython's Python/_warnings.c with Lib/warnings.py's
 * formatting): the default filters, the once-per-location registry, the
 * location a stacklevel names, and the never-awaited coroutine warning,
 * which fires where the coroutine's last reference dies. */
#include "warnings.h"

#include <stdio.h>
#include <string.h>

#include "boolobject.h"
#include "builtins.h"
#include "call.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "frame.h"
#include "gen.h"
#include "intobject.h"
#include "moduleobject.h"
#include "profile.h"
#include "strobject.h"
#include "traceback_print.h"
#include "tupleobject.h"

/* "always" filters added by simplefilter/filterwarnings: (action, category) */
typedef struct {
    char action[16];
    RType *category;
} filter_entry;

static filter_entry user_filters[32];
static int nuser_filters;

/* The action of the default filters of CPython 3.8+ (without -W / -X dev):
 * DeprecationWarning shown only when triggered in __main__. */
static const char *default_action(RType *category, RObject *module)
{
    for (int i = nuser_filters - 1; i >= 0; i--)
        if (r_type_is_subtype(category, user_filters[i].category))
            return user_filters[i].action;
    if (r_type_is_subtype(category, r_exc_DeprecationWarning))
        return module && r_str_equal_cstr(module, "__main__") ? "default" : "ignore";
    if (r_type_is_subtype(category, r_exc_PendingDeprecationWarning) ||
        r_type_is_subtype(category, r_exc_ImportWarning) ||
        r_type_is_subtype(category, r_exc_ResourceWarning))
        return "ignore";
    return "default";
}

static RObject *stderr_stream(void)
{
    RObject *sys = r_builtins_sys_module();
    return sys ? r_dict_get_item_cstr(r_module_dict(sys), "stderr") : NULL;
}

static void write_text(RObject *stream, RObject *text)
{
    RObject *r = r_call_method(stream, "write", &text, 1);
    R_XDECREF(r);
}

/* Lib/warnings.py: _formatwarnmsg_impl */
static void show(RObject *filename, int lineno, RType *category, RObject *message,
                 RObject *source, bool with_source_line)
{
    RObject *stream = stderr_stream();
    if (!stream)
        return;
    RObject *cat_name = r_getattr_cstr((RObject *)category, "__name__");
    if (!cat_name) {
        r_err_clear();
        return;
    }
    RObject *text = r_str_from_format("%U:%d: %U: %U\n", filename, lineno, cat_name, message);
    if (text) {
        write_text(stream, text);
        R_DECREF(text);
    }
    if (with_source_line) {
        RObject *line = r_source_line(filename, lineno);
        if (line) {
            RObject *s = r_str_from_format("  %U\n", line);
            if (s) {
                write_text(stream, s);
                R_DECREF(s);
            }
            R_DECREF(line);
        }
    }
    if (source) {
        RObject *s = r_str_from_format(
            "%U: Enable tracemalloc to get the object allocation traceback\n", cat_name);
        if (s) {
            write_text(stream, s);
            R_DECREF(s);
        }
    }
    R_DECREF(cat_name);
    r_err_clear();
}

/* The registry of a module: (text, category, lineno) keys already shown. */
static int already_warned(RObject *globals, RObject *message, RType *category, int lineno)
{
    if (!globals)
        return 0;
    RObject *registry = r_dict_get_item_cstr(globals, "__warningregistry__");
    if (!registry) {
        registry = r_dict_new();
        if (!registry || r_dict_set_item_cstr(globals, "__warningregistry__", registry) < 0) {
            R_XDECREF(registry);
            return -1;
        }
        R_DECREF(registry);
    }
    RObject *line = r_int_from_i64(lineno);
    RObject *key = line ? r_tuple_pack(3, message, (RObject *)category, line) : NULL;
    R_XDECREF(line);
    if (!key)
        return -1;
    int seen = r_dict_get_item(registry, key) != NULL;
    if (!seen && r_dict_set_item(registry, key, R_TRUE) < 0) {
        R_DECREF(key);
        return -1;
    }
    R_DECREF(key);
    return seen;
}

int r_warn(RType *category, RObject *message, int stacklevel, RObject *source)
{
    RFrame *f = r_vm_current_frame();
    for (int i = 1; f && i < stacklevel; i++)
        f = f->back;
    RObject *filename, *module = NULL, *globals = NULL;
    int lineno;
    bool with_source_line = true;
    if (f) {
        filename = r_incref(f->code->filename);
        lineno = r_frame_line(f);
        globals = f->globals;
        module = r_dict_get_item_cstr(globals, "__name__");
    } else {
        /* no Python frame: CPython names the location after sys */
        bool angle = r_warning_location_is_angle_sys();
        filename = r_str_from_cstr(angle ? "<sys>" : "sys");
        lineno = angle ? 0 : 1;
        with_source_line = false;
        module = NULL;
        if (!filename)
            return -1;
        RObject *sys = r_builtins_sys_module();
        globals = sys ? r_module_dict(sys) : NULL;
    }
    const char *action = default_action(category, module ? module : NULL);
    int rc = 0;
    if (strcmp(action, "error") == 0) {
        r_err_set_object(category, message);
        rc = -1;
    } else if (strcmp(action, "ignore") != 0) {
        int seen = strcmp(action, "always") == 0 ? 0
                                                 : already_warned(globals, message, category,
                                                                  lineno);
        if (seen < 0)
            rc = -1;
        else if (!seen)
            /* at interpreter shutdown CPython cannot import tracemalloc
             * any more, so no hint follows a sys:1 warning */
            show(filename, lineno, category, message, f ? source : NULL, with_source_line);
    }
    R_DECREF(filename);
    return rc;
}

static void warn_never_awaited(RObject *coro)
{
    RObject *saved = r_err_fetch();
    RObject *msg = r_str_from_format("coroutine '%U' was never awaited", r_gen_qualname((RGen *)coro));
    /* stacklevel=2 from warnings._warn_unawaited_coroutine: the frame
     * running when the coroutine dies */
    if (msg && r_warn(r_exc_RuntimeWarning, msg, 1, coro) < 0 && r_unraisable_hook)
        r_unraisable_hook("Exception ignored in", coro);
    R_XDECREF(msg);
    r_err_clear();
    r_err_restore(saved);
}

/* ---- the warnings module ---- */

static RObject *warnings_warn(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    RObject *message = nargs > 0 ? args[0] : NULL, *category = nargs > 1 ? args[1] : NULL;
    RObject *stacklevel = nargs > 2 ? args[2] : NULL, *source = NULL;
    size_t nkw = kw ? (size_t)R_TUPLE_SIZE(kw) : 0;
    for (size_t k = 0; k < nkw; k++) {
        RObject *key = R_TUPLE_GET(kw, k), *v = args[nargs + k];
        if (r_str_equal_cstr(key, "message"))
            message = v;
        else if (r_str_equal_cstr(key, "category"))
            category = v;
        else if (r_str_equal_cstr(key, "stacklevel"))
            stacklevel = v;
        else if (r_str_equal_cstr(key, "source"))
            source = v;
        else
            return r_err_format(r_exc_TypeError, "warn() got an unexpected keyword argument '%U'",
                                key);
    }
    if (!message)
        return r_err_format(r_exc_TypeError, "warn() missing required argument 'message' (pos 1)");
    RType *cat = r_exc_UserWarning;
    RObject *text;
    if (R_EXC_CHECK(message)) {
        cat = R_TYPE(message);
        text = r_str(message);
    } else {
        if (category && category != R_NONE) {
            if (!r_typecheck(category, &r_type_type) ||
                !r_type_is_subtype((RType *)category, r_exc_Warning))
                return r_err_format(r_exc_TypeError,
                                    "category must be a Warning subclass, not '%s'",
                                    R_TYPE(category)->name);
            cat = (RType *)category;
        }
        text = r_str(message);
    }
    if (!text)
        return NULL;
    int level = 1;
    if (stacklevel) {
        int64_t v = r_int_as_i64(stacklevel);
        if (v == -1 && r_err_occurred()) {
            R_DECREF(text);
            return NULL;
        }
        level = (int)v;
    }
    int rc = r_warn(cat, text, level, source == R_NONE ? NULL : source);
    R_DECREF(text);
    if (rc < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *warnings_simplefilter(RObject *self, RObject *const *args, size_t nargs,
                                      RObject *kw)
{
    (void)self;
    RObject *action = nargs > 0 ? args[0] : NULL, *category = nargs > 1 ? args[1] : NULL;
    size_t nkw = kw ? (size_t)R_TUPLE_SIZE(kw) : 0;
    for (size_t k = 0; k < nkw; k++) {
        RObject *key = R_TUPLE_GET(kw, k);
        if (r_str_equal_cstr(key, "action"))
            action = args[nargs + k];
        else if (r_str_equal_cstr(key, "category"))
            category = args[nargs + k];
    }
    if (!action || !R_STR_CHECK(action))
        return r_err_format(r_exc_TypeError, "action must be a string");
    static const char *const actions[] = {"error", "ignore", "always", "default", "module",
                                          "once", NULL};
    bool valid = false;
    for (int i = 0; actions[i]; i++)
        if (r_str_equal_cstr(action, actions[i]))
            valid = true;
    if (!valid)
        return r_err_format(r_exc_AssertionError, "invalid action: %R", action);
    if (nuser_filters == (int)(sizeof user_filters / sizeof user_filters[0]))
        return r_err_format(r_exc_RuntimeError, "too many warning filters");
    filter_entry *e = &user_filters[nuser_filters++];
    snprintf(e->action, sizeof e->action, "%s", r_str_utf8(action));
    e->category = category && category != R_NONE ? (RType *)category : r_exc_Warning;
    R_RETURN_NONE;
}

static const r_method_def warnings_functions[] = {
    {"warn", warnings_warn, 0, NULL},
    {"simplefilter", warnings_simplefilter, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RObject *r_warnings_module_new(void)
{
    RObject *m = r_module_new("warnings");
    if (!m || r_module_add_functions(m, warnings_functions) < 0) {
        R_XDECREF(m);
        return NULL;
    }
    return m;
}

void r_warnings_init(void)
{
    r_coroutine_never_awaited_hook = warn_never_awaited;
}
