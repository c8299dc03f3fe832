#include "call.h"

#include <stdlib.h>
#include <string.h>

#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "funcobject.h"
#include "gen.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"

RFrame *r_vm_current_frame(void)
{
    return r_vm_state()->frame;
}

static RObject *func_label(RFunction *fn)
{
    return r_arg_errors_use_qualname() ? fn->qualname : fn->name;
}

static void missing_arguments(RFunction *fn, RCode *co, RObject **locals, int start, int end,
                              const char *kind)
{
    RObject *names = co->localsplusnames;
    int missing = 0;
    for (int i = start; i < end; i++)
        if (!locals[i])
            missing++;
    if (missing == 0)
        return;
    r_str_builder b;
    r_sb_init(&b);
    int seen = 0;
    for (int i = start; i < end; i++) {
        if (locals[i])
            continue;
        seen++;
        r_sb_append_cstr(&b, "'");
        r_sb_append_str(&b, R_TUPLE_GET(names, i));
        r_sb_append_cstr(&b, "'");
        if (seen < missing - 1)
            r_sb_append_cstr(&b, ", ");
        else if (seen == missing - 1)
            r_sb_append_cstr(&b, missing == 2 ? " and " : ", and ");
    }
    RObject *list = r_sb_finish(&b);
    if (!list)
        return;
    r_err_format(r_exc_TypeError, "%U() missing %d required %s argument%s: %U", func_label(fn),
                 missing, kind, missing == 1 ? "" : "s", list);
    R_DECREF(list);
}

static int bind_arguments(RFunction *fn, RCode *co, RObject **locals, RObject *const *args,
                          size_t nargs, RObject *kwnames)
{
    int argcount = co->argcount;
    int total = argcount + co->kwonlyargcount;
    RObject *kwdict = NULL;
    int slot = total;
    if (co->flags & R_CO_VARARGS)
        slot++;
    if (co->flags & R_CO_VARKEYWORDS) {
        kwdict = r_dict_new();
        if (!kwdict)
            return -1;
        locals[slot] = kwdict;
    }
    size_t npos = nargs < (size_t)argcount ? nargs : (size_t)argcount;
    for (size_t i = 0; i < npos; i++)
        locals[i] = r_incref(args[i]);
    if (co->flags & R_CO_VARARGS) {
        RObject *rest = r_tuple_from_array(args + npos, (ssize_t)(nargs - npos));
        if (!rest)
            return -1;
        locals[total] = rest;
    } else if (nargs > (size_t)argcount) {
        int ndefaults = fn->defaults ? (int)R_TUPLE_SIZE(fn->defaults) : 0;
        if (ndefaults)
            r_err_format(r_exc_TypeError,
                         "%U() takes from %d to %d positional arguments but %zu were given",
                         func_label(fn), argcount - ndefaults, argcount, nargs);
        else
            r_err_format(r_exc_TypeError, "%U() takes %d positional argument%s but %zu %s given",
                         func_label(fn), argcount, argcount == 1 ? "" : "s", nargs,
                         nargs == 1 ? "was" : "were");
        return -1;
    }
    size_t nkw = kwnames ? (size_t)R_TUPLE_SIZE(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        RObject *name = R_TUPLE_GET(kwnames, k);
        RObject *value = args[nargs + k];
        int found = -1;
        for (int i = 0; i < total; i++)
            if (r_str_equal(R_TUPLE_GET(co->localsplusnames, i), name)) {
                found = i;
                break;
            }
        if (found < 0) {
            if (!kwdict) {
                r_err_format(r_exc_TypeError, "%U() got an unexpected keyword argument '%U'",
                             func_label(fn), name);
                return -1;
            }
            if (r_dict_set_item(kwdict, name, value) < 0)
                return -1;
            continue;
        }
        if (locals[found]) {
            r_err_format(r_exc_TypeError, "%U() got multiple values for argument '%U'",
                         func_label(fn), name);
            return -1;
        }
        locals[found] = r_incref(value);
    }
    /* defaults for the missing positional parameters */
    int ndefaults = fn->defaults ? (int)R_TUPLE_SIZE(fn->defaults) : 0;
    int first_default = argcount - ndefaults;
    for (int i = first_default; i < argcount; i++)
        if (!locals[i])
            locals[i] = r_incref(R_TUPLE_GET(fn->defaults, i - first_default));
    missing_arguments(fn, co, locals, 0, first_default < 0 ? 0 : first_default, "positional");
    if (r_err_occurred())
        return -1;
    for (int i = argcount; i < total; i++) {
        if (locals[i])
            continue;
        RObject *def = fn->kwdefaults ? r_dict_get_item(fn->kwdefaults,
                                                       R_TUPLE_GET(co->localsplusnames, i))
                                      : NULL;
        if (def)
            locals[i] = r_incref(def);
    }
    missing_arguments(fn, co, locals, argcount, total, "keyword-only");
    if (r_err_occurred())
        return -1;
    return 0;
}

static int init_cells(RFunction *fn, RCode *co, RObject **localsplus)
{
    for (int i = 0; i < co->ncells; i++) {
        int slot = co->nlocals + i;
        int arg = co->cell2arg ? co->cell2arg[i] : -1;
        RObject *cell = r_cell_new(arg >= 0 ? localsplus[arg] : NULL);
        if (!cell)
            return -1;
        /* the argument now lives in its cell only, as CPython 3.9 does */
        if (arg >= 0)
            R_CLEAR(localsplus[arg]);
        localsplus[slot] = cell;
    }
    for (int i = 0; i < co->nfrees; i++) {
        RObject *cell = R_TUPLE_GET(fn->closure, i);
        localsplus[co->nlocals + co->ncells + i] = r_incref(cell);
    }
    return 0;
}

RObject *r_vm_call_function(RObject *func, RObject *const *args, size_t nargs,
                            RObject *kwnames)
{
    RFunction *fn = (RFunction *)func;
    RCode *co = (RCode *)fn->code;
    RFrame *f = r_frame_new(co, fn->globals, fn->builtins, NULL);
    if (!f)
        return NULL;
    if (bind_arguments(fn, co, f->localsplus, args, nargs, kwnames) < 0 ||
        init_cells(fn, co, f->localsplus) < 0) {
        R_DECREF(f);
        return NULL;
    }
    if (co->flags & (R_CO_GENERATOR | R_CO_COROUTINE | R_CO_ASYNC_GENERATOR))
        return r_gen_new(f, fn->name, fn->qualname);
    r_eval_status status;
    RObject *res = r_eval(f, NULL, false, &status);
    r_frame_release(f);
    return res;
}

RObject *r_vm_run_code(RCode *code, RObject *globals, RObject *locals)
{
    RObject *builtins = r_dict_get_item_cstr(globals, "__builtins__");
    if (!builtins)
        return r_err_format(r_exc_SystemError, "globals without __builtins__");
    RFrame *f = r_frame_new(code, globals, builtins, locals);
    if (!f)
        return NULL;
    /* a class body keeps the __class__ cell that zero-argument super() reads */
    for (int i = 0; i < code->ncells; i++)
        if (!(f->localsplus[code->nlocals + i] = r_cell_new(NULL))) {
            R_DECREF(f);
            return NULL;
        }
    r_eval_status status;
    RObject *res = r_eval(f, NULL, false, &status);
    r_frame_release(f);
    return res;
}
