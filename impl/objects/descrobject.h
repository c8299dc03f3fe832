/* Built-in callables and descriptors: functions and methods written in C
 * (builtin_function_or_method), the descriptors a built-in type's dict
 * holds for its methods and attributes, and slot wrappers. */
#ifndef REFPY_DESCROBJECT_H
#define REFPY_DESCROBJECT_H

#include "object.h"

/* builtin_function_or_method: def->fn called with self (NULL for a module
 * function, where self is the module or NULL). */
typedef struct {
    RObject ob;
    const r_method_def *def;
    RObject *self;
    RObject *module; /* str: the __module__ of a module function */
} RCFunction;

extern RType r_cfunction_type;
extern RType r_method_descr_type;
extern RType r_classmethod_descr_type;
extern RType r_getset_descr_type;
extern RType r_wrapper_descr_type;

RObject *r_cfunction_new(const r_method_def *def, RObject *self, RObject *module);
RObject *r_method_descr_new(RType *owner, const r_method_def *def);
RObject *r_getset_descr_new(RType *owner, const r_getset_def *def);

/* A slot wrapper: name, the type that defines it, and how to call the slot. */
typedef RObject *(*r_wrapperfunc)(RObject *self, RObject *const *args, size_t nargs,
                                  RObject *kwnames, void *slot);
RObject *r_wrapper_descr_new(RType *owner, const char *name, r_wrapperfunc wrapper, void *slot);

/* Argument checks with CPython's messages ("f() takes exactly one argument
 * (2 given)", "f() takes no keyword arguments"). */
int r_check_no_kwargs(const char *fname, RObject *kwnames);
int r_check_nargs(const char *fname, size_t nargs, size_t min, size_t max);
/* Keyword arguments of a builtin: out[i] receives the value (borrowed) of
 * the keyword names[i] (a NULL-terminated list), or is left as it was; an
 * unknown keyword is CPython's TypeError naming fname. */
int r_parse_keywords(const char *fname, RObject *kwnames, RObject *const *values,
                     const char *const *names, RObject **out);

#endif
