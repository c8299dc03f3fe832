/* Python functions, closure cells and bound methods. A function's code is
 * run by the VM (language layer), which installs r_function_call_hook. */
#ifndef REFPY_FUNCOBJECT_H
#define REFPY_FUNCOBJECT_H

#include "object.h"

typedef struct {
    RObject ob;
    RObject *code;      /* RCode */
    RObject *globals;   /* dict */
    RObject *builtins;  /* dict */
    RObject *name, *qualname, *module;
    RObject *defaults;   /* tuple or NULL */
    RObject *kwdefaults; /* dict or NULL */
    RObject *closure;    /* tuple of cells or NULL */
    RObject *dict;       /* __dict__, made on first use */
    RObject *doc;
} RFunction;

typedef struct {
    RObject ob;
    RObject *ref; /* NULL while empty */
} RCell;

typedef struct {
    RObject ob;
    RObject *func;
    RObject *self;
} RMethod;

extern RType r_function_type;
extern RType r_cell_type;
extern RType r_method_type;

#define R_FUNCTION_CHECK(o) (R_TYPE(o) == &r_function_type)

RObject *r_function_new(RObject *code, RObject *globals, RObject *qualname);
RObject *r_cell_new(RObject *value);
RObject *r_method_new(RObject *func, RObject *self);

/* Set by the VM at start-up: runs a Python function's code. */
extern RObject *(*r_function_call_hook)(RObject *func, RObject *const *args, size_t nargs,
                                        RObject *kwnames);

#endif
