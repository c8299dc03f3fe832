/* The functools module: partial and wraps. */
#ifndef REFPY_FUNCTOOLSMODULE_H
#define REFPY_FUNCTOOLSMODULE_H

#include "object.h"

extern RType r_partial_type;
RObject *r_functools_module_new(void);

#endif
