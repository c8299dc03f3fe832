/* The gc module: the interface to the cycle collector (objects/gc.h). */
#ifndef REFPY_GCMODULE_H
#define REFPY_GCMODULE_H

#include "object.h"

RObject *r_gc_module_new(void);

#endif
