/* The warnings machinery and module. */
#ifndef REFPY_WARNINGS_H
#define REFPY_WARNINGS_H

#include "object.h"

/* warnings.warn(message, category, stacklevel, source): 0, or -1 when an
 * "error" filter turned it into an exception. */
int r_warn(RType *category, RObject *message, int stacklevel, RObject *source);
RObject *r_warnings_module_new(void);
/* Installs the never-awaited coroutine warning. */
void r_warnings_init(void);

#endif
