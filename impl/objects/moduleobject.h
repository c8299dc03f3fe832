/* Modules: a namespace dict with a name. */
#ifndef REFPY_MODULEOBJECT_H
#define REFPY_MODULEOBJECT_H

#include "object.h"

typedef struct {
    RObject ob;
    RObject *dict;
} RModule;

extern RType r_module_type;
#define R_MODULE_CHECK(o) r_typecheck((RObject *)(o), &r_module_type)

RObject *r_module_new(const char *name);
static inline RObject *r_module_dict(RObject *m) { return ((RModule *)m)->dict; }
/* Adds C functions (module functions: self is the module) to a module. */
int r_module_add_functions(RObject *module, const r_method_def *defs);
int r_module_add_object(RObject *module, const char *name, RObject *value); /* borrowed */

#endif
