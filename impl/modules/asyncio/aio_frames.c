/* Frames of CPython's asyncio functions in tracebacks. An exception
 * raised in CPython's create_task(), asyncio.run(), ... carries that
 * Python frame in its traceback, and the frame keeps the function's
 * arguments alive until the traceback goes (the end of the `except`
 * block that handles it): that is where a coroutine passed to a failing
 * call dies and is reported as never awaited. The C functions that stand
 * for them add an equivalent frame holding the same objects. The file is
 * named as CPython names a frozen stdlib module. */
#include <stdio.h>
#include <string.h>

#include "aio.h"
#include "builtins.h"
#include "codeobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "frame.h"
#include "moduleobject.h"
#include "strobject.h"
#include "tupleobject.h"

enum { MAX_CODES = 64 };

static struct {
    const char *file, *func;
    int line, nlocals;
    RObject *code;
} codes[MAX_CODES];
static size_t ncodes;
static RObject *frame_globals;

/* a new reference */
static RObject *code_for(const char *file, const char *func, int line, int nlocals)
{
    for (size_t i = 0; i < ncodes; i++)
        if (codes[i].line == line && codes[i].nlocals == nlocals &&
            strcmp(codes[i].func, func) == 0 && strcmp(codes[i].file, file) == 0)
            return r_incref(codes[i].code);
    char path[128], module[64];
    snprintf(module, sizeof module, "asyncio.%.*s", (int)(strcspn(file, ".")), file);
    snprintf(path, sizeof path, "<frozen %s>", module);
    RObject *filename = r_str_from_cstr(path);
    RObject *name = r_str_from_cstr(func);
    RObject *varnames = r_tuple_new(nlocals);
    for (int i = 0; varnames && i < nlocals; i++) {
        char v[16];
        snprintf(v, sizeof v, "_%d", i);
        R_TUPLE_ITEMS(varnames)[i] = r_str_from_cstr(v);
    }
    RObject *empty = r_tuple_empty();
    RObject *code = NULL;
    if (filename && name && varnames)
        code = r_code_new(NULL, NULL, 0, empty, empty, varnames, nlocals, 0, 0, NULL, 0, 0,
                          R_CO_OPTIMIZED | R_CO_NEWLOCALS, 1, name, name, filename, line);
    R_DECREF(empty);
    R_XDECREF(filename);
    R_XDECREF(name);
    R_XDECREF(varnames);
    if (code && ncodes < MAX_CODES) {
        codes[ncodes].file = file;
        codes[ncodes].func = func;
        codes[ncodes].line = line;
        codes[ncodes].nlocals = nlocals;
        codes[ncodes].code = r_incref(code); /* kept for the life of the process */
        ncodes++;
    }
    return code;
}

void aio_traceback_add(const char *file, const char *func, int line, RObject *const *locals,
                       size_t nlocals)
{
    RObject *exc = r_err_fetch();
    if (!exc)
        return;
    if (!frame_globals) {
        frame_globals = r_dict_new();
        RObject *sys = r_builtins_sys_module();
        RObject *modules = sys ? r_dict_get_item_cstr(r_module_dict(sys), "modules") : NULL;
        RObject *b = modules ? r_dict_get_item_cstr(modules, "builtins") : NULL;
        if (frame_globals && b)
            r_dict_set_item_cstr(frame_globals, "__builtins__", r_module_dict(b));
        if (frame_globals)
            r_dict_set_item_cstr(frame_globals, "__name__", r_str_intern("asyncio"));
    }
    RObject *code = frame_globals ? code_for(file, func, line, (int)nlocals) : NULL;
    RFrame *f = code ? r_frame_new((RCode *)code, frame_globals, frame_globals, NULL) : NULL;
    if (f) {
        for (size_t i = 0; i < nlocals; i++)
            f->localsplus[i] = locals[i] ? r_incref(locals[i]) : NULL;
        r_err_restore(exc);
        r_traceback_here(f);
        R_DECREF(f);
        R_DECREF(code);
        return;
    }
    R_XDECREF(code);
    r_err_clear();
    r_err_restore(exc);
}

/* ---- the exception being handled (sys.exc_info()) ---- */

void aio_chain_handled(RObject *exc)
{
    RObject *handled = r_vm_state()->handled;
    if (!exc || !handled || handled == exc)
        return;
    /* _PyErr_SetObject: break a cycle through exc, then chain */
    for (RObject *o = handled; o;) {
        RObject *ctx = ((RBaseException *)o)->context;
        if (ctx == exc) {
            r_exc_set_context(o, NULL);
            break;
        }
        o = ctx;
    }
    r_exc_set_context(exc, r_incref(handled));
}

RObject *aio_handling_begin(RObject *exc)
{
    r_thread_vm *vm = r_vm_state();
    RObject *saved = vm->handled;
    vm->handled = exc ? r_incref(exc) : NULL;
    return saved;
}

void aio_handling_end(RObject *saved)
{
    r_thread_vm *vm = r_vm_state();
    R_XDECREF(vm->handled);
    vm->handled = saved;
}
