/* The builtins and sys modules, the iterator types of builtins, class
 * creation, and the registry of the modules refpy provides. */
#ifndef REFPY_BUILTINS_H
#define REFPY_BUILTINS_H

#include "object.h"

RObject *r_builtins_module_new(void);
extern RType r_enumerate_type, r_zip_type, r_map_type, r_filter_type, r_reversed_type;
/* __build_class__(func, name, *bases) */
RObject *r_builtin_build_class(RObject *self, RObject *const *args, size_t nargs,
                               RObject *kwnames);

/* sys: made once; argv from the command line */
RObject *r_sys_module_new(int argc, char **argv);
RObject *r_builtins_sys_module(void); /* borrowed */

/* The module registry (sys.modules) and import. */
int r_import_init(RObject *sys, RObject *builtins);
RObject *r_import_module(const char *name);

#endif
